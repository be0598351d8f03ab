"""Hostile strings in every field that reaches LaTeX, typeset as text, never run.

One small archive (one summary, long enough for running headers) whose
collection title and subtitle, topic label and description, summary title,
author and body, a bibliography field and `make collection`'s TITLE and
SUBTITLE each carry ``\\input`` of a canary file, ``\\catcode``, ``^^5c``,
``\\write18`` and every TeX special character. The first `make pdf` is
interrupted while LaTeX runs (Ctrl-C); the next one must succeed. Each field:
its exact characters in the PDF (text, running headers, metadata), no canary
text anywhere, no command run, the HTML archive untouched.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import time
from pathlib import Path

import pytest

from hostile import Canary, Outputs, copy_repository, make, no_traceback, pdf_text, snapshot
from repo_copy import MAKE, make_env
from summary_archive.core.standard_pdfs import handout_name

pytestmark = pytest.mark.slow  # builds PDFs with TeX Live

KEPT = "2021/07/matching-patients-to-therapist-strengths"
KEY = "constantino2021effect"
TOPIC = "therapist-factors"
SPECIALS = r"# $ % & _ { } ~ ^ \ [ ]"
FILLER = ("Each paragraph here only makes the summary long enough to run over several "
          "pages, so that the running header of each page can be read back. ") * 12


def from_latex(path: Path) -> str:
    """A file beside the repository, as seen from where LaTeX runs (_build/pdf/latex)."""
    return f"../../../../{path.name}"


def fields(canaries: dict[str, Canary], marker: Path) -> dict[str, str]:
    """Each field's hostile text: a file read, a catcode change, TeX's ^^ notation,
    a shell escape and the special characters."""
    def hostile(name: str, label: str) -> str:
        path = from_latex(canaries[name].path)
        return (f"{label} \\input{{{path}}} {{\\catcode95=12 \\input{{{path}}}}} "
                f"^^5cinput{{{path}}} \\write18{{touch {from_latex(marker)}}} {SPECIALS}")

    found = {name: hostile(name, label) for name, label in (
        ("collection-title", "Course"), ("collection-subtitle", "Readings"),
        ("topic-label", "Strengths"), ("topic-description", "About"),
        ("summary-title", "Matching"), ("summary-author", "Author"),
        ("summary-body", "Body"), ("packet-title", "Packet"),
        ("packet-subtitle", "Handout"))}
    path = from_latex(canaries["bib-title"].path)  # BibTeX's specials are markup there
    found["bib-title"] = (f"Study \\input{{{path}}} {{\\catcode95=12 \\input{{{path}}}}} "
                          f"\\write18{{touch {from_latex(marker)}}}")
    return found


def quoted_yaml(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def small_archive(repo: Path, hostile: dict[str, str]) -> None:
    """The repository's archive cut down to one long summary, with the hostile fields."""
    docs = repo / "docs"
    for page in docs.glob("20*/*/*.md"):
        if page.relative_to(docs).with_suffix("").as_posix() != KEPT:
            page.unlink()
    page = docs / f"{KEPT}.md"
    text = page.read_text(encoding="utf-8")
    text = re.sub(r"(?m)^title: .*$", lambda _: f"title: {quoted_yaml(hostile['summary-title'])}",
                  text)
    text = re.sub(r"(?m)^author: .*$",
                  lambda _: f"author: {quoted_yaml(hostile['summary-author'])}", text)
    text = re.sub(r"topics:\n(  - .*\n)+", f"topics:\n  - {TOPIC}\n", text)
    text = text.replace("## Practice Implications",
                        "\n\n".join([hostile["summary-body"].replace("{", "\\{")
                                     .replace("}", "\\}").replace("$", "\\$")
                                     .replace("[", "\\[").replace("]", "\\]")
                                     .replace("_", "\\_").replace("~", "\\~")
                                     .replace("^", "\\^").replace("#", "\\#")
                                     .replace("%", "\\%").replace("&", "\\&")]
                                    + [FILLER] * 4) + "\n\n## Practice Implications")
    page.write_text(text, encoding="utf-8")
    bib = repo / "references.bib"
    entries = re.split(r"\n(?=@)", bib.read_text(encoding="utf-8"))
    [kept] = [entry for entry in entries if entry.lstrip().startswith(f"@article{{{KEY},")]
    kept, replaced = re.subn(r"(?s)\btitle\s*=\s*\{.*?\},\n(\s*)journal",
                             lambda m: f"title = {{{hostile['bib-title']}}},\n{m[1]}journal",
                             kept, count=1)
    assert replaced == 1
    bib.write_text(kept.strip() + "\n", encoding="utf-8")
    vocabulary = docs / "_data/vocabulary.yml"
    lines = vocabulary.read_text(encoding="utf-8").splitlines()
    at = lines.index(f"  - slug: {TOPIC}")
    lines[at + 1] = f"    label: {quoted_yaml(hostile['topic-label'])}"
    end = next(n for n in range(at + 1, len(lines)) if lines[n].startswith("  - "))
    lines[at + 2:end] = [f"    description: {quoted_yaml(hostile['topic-description'])}"]
    vocabulary.write_text("\n".join(lines) + "\n", encoding="utf-8")
    (docs / "_data/collections.yml").write_text(
        f"collections:\n  - name: course\n    title: {quoted_yaml(hostile['collection-title'])}"
        f"\n    subtitle: {quoted_yaml(hostile['collection-subtitle'])}\n"
        f"    topics: [{TOPIC}]\n", encoding="utf-8")


def interrupted_pdf_build(repo: Path) -> str:
    """Start `make pdf`, press Ctrl-C while LaTeX runs; what it printed."""
    build = subprocess.Popen([*MAKE, "pdf"], cwd=repo, env=make_env(), text=True,
                             stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                             stdin=subprocess.DEVNULL, start_new_session=True)
    latex = repo / "_build/pdf/latex"
    deadline = time.monotonic() + 300
    while not list(latex.glob("*.running")) and build.poll() is None:
        assert time.monotonic() < deadline, "LaTeX never started"
        time.sleep(0.05)
    time.sleep(0.5)  # into the middle of a xelatex run
    os.killpg(build.pid, signal.SIGINT)
    output, _ = build.communicate(timeout=300)
    assert build.returncode != 0
    assert list(latex.glob("*.running"))  # a LaTeX run really was cut short
    return output


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile-pdf")
    repo = copy_repository(folder / "repo")
    names = ["collection-title", "collection-subtitle", "topic-label", "topic-description",
             "summary-title", "summary-author", "summary-body", "bib-title", "packet-title",
             "packet-subtitle"]
    # short names: a topic label is at most 200 characters, hostile text included
    canaries = {name: Canary(folder, f"f{number}") for number, name in enumerate(names)}
    marker = folder / "w18"
    hostile = fields(canaries, marker)
    small_archive(repo, hostile)
    checked = make(repo, "check")
    assert checked.returncode == 0, checked.stdout  # all of it is acceptable text
    site = repo / "_build/html"  # a published HTML archive (its build is tested elsewhere)
    (site / "2021/07").mkdir(parents=True)
    (site / "index.html").write_text("<p>the archive</p>\n", encoding="utf-8")
    (site / f"{KEPT}.html").write_text("<p>a summary</p>\n", encoding="utf-8")
    before = snapshot(site)
    interrupted = interrupted_pdf_build(repo)
    again = make(repo, "pdf", SOURCE_DATE_EPOCH="1700000000")
    packet = make(repo, "collection", f"TITLE={hostile['packet-title']}",
                  f"SUBTITLE={hostile['packet-subtitle']}", f"TOPICS={TOPIC}")
    printed = interrupted + "".join(out.stdout + out.stderr for out in (again, packet))
    outputs = Outputs([repo / "_build"], printed)
    return repo, canaries, hostile, marker, before, (interrupted, again, packet), outputs


def test_an_interrupted_pdf_build_is_followed_by_a_good_one(built):
    repo, _canaries, _hostile, _marker, before, (interrupted, again, packet), _ = built
    assert "interrupted" in interrupted and "Traceback" not in interrupted
    assert again.returncode == 0, again.stdout[-2000:] + again.stderr[-3000:]
    assert packet.returncode == 0, packet.stdout[-2000:] + packet.stderr[-3000:]
    no_traceback(again.stdout, again.stderr, packet.stdout, packet.stderr)
    assert "WARNING" not in again.stderr + packet.stderr
    downloads = repo / "_build/html/downloads"
    assert sorted(p.stem for p in downloads.glob("*.pdf")) == sorted([
        "archive", "course", f"topic-{TOPIC}", "year-2021", handout_name(KEPT)])
    assert not list((repo / "_build/pdf/latex").glob("*.running"))


WHERE = {  # field: the PDFs that show it
    "collection-title": ["course"], "collection-subtitle": ["course"],
    "topic-label": [f"topic-{TOPIC}", "archive"], "topic-description": [f"topic-{TOPIC}"],
    "summary-title": ["archive", "course"], "summary-author": ["handout"],
    "summary-body": ["archive"], "bib-title": ["archive"],
    "packet-title": ["packet"], "packet-subtitle": ["packet"],
}


def pdf_of(repo: Path, name: str) -> Path:
    if name == "packet":
        [found] = (repo / "_build/packets").glob("*.pdf")
        return found
    if name == "handout":  # the summary's own PDF, which names its author
        name = handout_name(KEPT)
    return repo / "_build/html/downloads" / f"{name}.pdf"


def flat(text: str) -> str:
    return "".join(text.split())  # TeX breaks lines (and paths) where it likes


def expected(field: str, hostile: dict[str, str], canaries: dict[str, Canary]) -> str:
    """What the PDF must show of a field: all of it, as typed."""
    if field == "bib-title":  # read as BibTeX/LaTeX, like every reference: commands drop
        from summary_archive.citations.csl_json import rich_text
        return re.sub(r"<[^>]+>", "", rich_text(hostile[field]))
    return hostile[field]


@pytest.mark.parametrize("field", list(WHERE))
def test_each_field_is_typeset_as_text_and_reads_no_file(built, field):
    repo, canaries, hostile, marker, before, _runs, outputs = built
    for name in WHERE[field]:
        shown = flat(outputs.files[str(pdf_of(repo, name))].decode(errors="replace"))
        assert flat(expected(field, hostile, canaries)) in shown, (name, shown[-2000:])
    assert not marker.exists()  # \write18 ran nothing
    assert outputs.leaks(canaries[field].token) == []
    after = {k: v for k, v in snapshot(repo / "_build/html").items()
             if not k.startswith("downloads/")}
    assert after == before  # the PDF build touched only downloads/


def test_titles_head_the_pages_and_name_the_pdf(built):
    repo, _canaries, hostile, *_ = built
    course = pdf_of(repo, "course")
    pages = int(re.search(r"Pages:\s+(\d+)", pdf_text(course))[1])
    assert pages >= 4
    # The foot names the PDF on one line (cut short when long): its first words.
    headed = [page for page in range(3, pages + 1) if flat(hostile["collection-title"])[:40]
              in flat(subprocess.run(["pdftotext", "-f", str(page), "-l", str(page),
                                      str(course), "-"], capture_output=True,
                                     text=True).stdout)]
    assert headed, "no page is footed with the collection's title"
    info = subprocess.run(["pdfinfo", str(course)], capture_output=True, text=True).stdout
    assert flat(hostile["collection-title"]) in flat(info)  # pdftitle
