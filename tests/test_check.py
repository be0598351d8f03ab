"""`make check`: every bad input gets one located message, all at once, exit 1.

Each case edits a fresh copy of the test archive and runs the checker the way
`make check` does (in-process for speed; one test runs the Makefile target).
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from summary_archive.cli.check import main

REPO = Path(__file__).resolve().parent.parent
ALPHA = "2021/07/alpha.md"


def run_check(srcdir: Path, capsys) -> tuple[int, list[str]]:
    status = main([str(srcdir)])
    out = capsys.readouterr()
    assert "Traceback" not in out.out + out.err
    return status, out.out.splitlines()


def errors(lines: list[str]) -> list[str]:
    return [line for line in lines if ": error: " in line]


def replace(srcdir: Path, page: str, old: str, new: str) -> None:
    path = srcdir / page
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_the_test_archive_and_the_real_archive_are_clean(copy_root, capsys, monkeypatch):
    status, lines = run_check(copy_root("archive"), capsys)
    assert status == 0 and lines[-1] == "Checked 4 summaries and the bibliography: no problems."
    monkeypatch.chdir(REPO)
    assert main(["docs", "-c", "."]) == 0
    assert "Checked 6 summaries and the bibliography: no problems." in capsys.readouterr().out


def set_alpha(text):
    return lambda srcdir: (srcdir / ALPHA).write_text(text, encoding="utf-8")


FRONT = """---
title: "Alpha warmth"
date: 2021-07
author: Test Author
topics: [empathy, therapist-factors]
research_type: meta-analysis
reviews: smith2020warmth
---

Body.
"""

CASES = {
    # name: (edit, file, line, message)
    "malformed YAML": (
        set_alpha(FRONT.replace('"Alpha warmth"', '"Alpha warmth')), ALPHA, 2,
        "the front matter is not valid YAML"),
    "no front matter": (
        set_alpha("# Alpha\n\nJust text.\n"), ALPHA, 1,
        "the page has no front matter (a block between two '---' lines at its top)"),
    "required field missing": (
        set_alpha(FRONT.replace("author: Test Author\n", "")), ALPHA, 1,
        "missing required field(s): author (a summary needs title, date, author, topics, "
        "research_type, reviews)"),
    "wrong type": (
        set_alpha(FRONT.replace("topics: [empathy, therapist-factors]", "topics: empathy")),
        ALPHA, 5, "'topics' must be a list of topic slugs such as [empathy, attachment], "
        "not str 'empathy'"),
    "misspelled topic": (
        set_alpha(FRONT.replace("[empathy, ", "[aliance, ")), ALPHA, 5,
        "unknown topic 'aliance'; did you mean 'alliance-and-therapeutic-relationship'? "
        "Allowed topics: adherence, alliance-and-therapeutic-relationship, empathy, "
        "therapist-factors"),
    "misspelled research type": (
        set_alpha(FRONT.replace("meta-analysis", "metaanalysis")), ALPHA, 6,
        "unknown research type 'metaanalysis'; did you mean 'meta-analysis'? Allowed research "
        "types: meta-analysis, qualitative-study, randomized-controlled-trial"),
    "month 13": (
        set_alpha(FRONT.replace("date: 2021-07", "date: 2021-13")), ALPHA, 3,
        "date '2021-13' has month 13; months run from 01 to 12"),
    "month in words": (
        set_alpha(FRONT.replace("date: 2021-07", "date: August 2021")), ALPHA, 3,
        "date 'August 2021' is not a date; write the year and month as YYYY-MM"),
    "future date": (
        set_alpha(FRONT.replace("date: 2021-07", "date: 2999-07")), ALPHA, 3,
        "date '2999-07' is in the future (today is "),
    "same slug": (
        lambda s: (s / "2021/08/alpha.md").write_text(
            FRONT.replace("2021-07", "2021-08").replace("Alpha warmth", "Other title")),
        "2021/08/alpha.md", None,
        "the slug 'alpha' is already used by 2021/07/alpha; every summary needs its own file "
        "name: rename this file"),
    "same title": (
        lambda s: replace(s, "2021/07/beta.md", '"Beta voices"', '"alpha  WARMTH"'),
        "2021/07/beta.md", 2,
        "the title 'alpha  WARMTH' is already the title of 2021/07/alpha; give each summary "
        "its own title"),
    "citation key missing from the bib": (
        set_alpha(FRONT.replace("smith2020warmth", "nobody2020")), ALPHA, 7,
        "reviewed article 'nobody2020' is not in refs.bib; add its entry there or correct the "
        "key 'reviews'"),
    "a path as the reviewed key": (
        set_alpha(FRONT.replace("smith2020warmth", "../../etc/passwd")), ALPHA, 7,
        "reviewed article '../../etc/passwd' is not in refs.bib"),
    "a path as a topic": (
        set_alpha(FRONT.replace("[empathy, ", "[/etc/passwd, ")), ALPHA, 5,
        "unknown topic '/etc/passwd'. Allowed topics: adherence"),
    "not UTF-8": (
        lambda s: (s / ALPHA).write_bytes(FRONT.replace("Test Author", "Zo\xe9").encode("latin-1")),
        ALPHA, 4, "the file is not UTF-8 text (byte 0xe9 at column 11); save it with UTF-8 "
        "encoding in your editor"),
    "empty file": (
        set_alpha(""), ALPHA, 1,
        "the file is empty; a summary starts with its front matter (run `make new` to get a "
        "complete template)"),
    "huge file": (
        set_alpha(FRONT + "word " * 300_000), ALPHA, 1,
        "the file is 1.5 MB; a summary page is a few kB of text and at most 1 MB is allowed"),
    "HTML in a field is fine, an unknown field is not": (
        set_alpha(FRONT.replace("author:", 'autor: "<script>x</script>"\nauthor:')), ALPHA, 4,
        "unknown field 'autor'; did you mean 'author'?"),
    "template placeholder left": (
        set_alpha(FRONT + "\nTODO: the findings.\n"), ALPHA, 12,
        "this line still holds the template's placeholder 'TODO': 'TODO: the findings.'; "
        "replace it with your own text"),
}


@pytest.mark.parametrize("name", CASES)
def test_bad_input_gets_one_located_message_and_exit_1(name, copy_root, capsys):
    edit, page, line, message = CASES[name]
    srcdir = copy_root("archive")
    edit(srcdir)
    status, lines = run_check(srcdir, capsys)
    assert status == 1
    where = f"{srcdir / page}:{line}" if line else f"{srcdir / page}"
    [found] = [e for e in errors(lines) if e.startswith(f"{where}: error: ")]
    assert message in found
    assert lines[-1].startswith("Checked ") and "problem(s)" in lines[-1]


BIB_CASES = {
    "malformed entry": ("\n@article{broken2020,\n  title = {Unbalanced {braces},\n"
                        "  year = {2020}\n}\n",
                        "(in entry 'broken2020', which starts at line {start})",
                        "look for an unbalanced brace or quote"),
    "duplicate key": ("\n@article{jones2019voices,\n  title = {Again},\n  year = {2019}\n}\n",
                      "the key 'jones2019voices' is used by more than one entry (repeated, at "
                      "lines 12, {start}); each entry needs its own key", ""),
}


@pytest.mark.parametrize("name", BIB_CASES)
def test_bad_bibliography_is_located(name, copy_root, capsys):
    addition, message, hint = BIB_CASES[name]
    srcdir = copy_root("archive")
    bib = srcdir / "refs.bib"
    start = len(bib.read_text().splitlines()) + 2
    bib.write_text(bib.read_text() + addition)
    status, lines = run_check(srcdir, capsys)
    assert status == 1
    [found] = errors(lines)
    assert found.startswith(f"{bib}:")
    assert message.replace("{start}", str(start)) in found and hint in found


def test_every_problem_is_reported_at_once(copy_root, capsys):
    srcdir = copy_root("archive")
    replace(srcdir, ALPHA, "date: 2021-07", "date: 2021-13")
    replace(srcdir, ALPHA, "therapist-factors", "therapist-factorz")
    replace(srcdir, "2021/07/beta.md", "qualitative-study", "qualitive")
    bib = srcdir / "refs.bib"
    bib.write_text(bib.read_text() + "\n@article{a,\n title = {x\n}\n\n@article{lee2020trial,\n"
                   " title = {y}\n}\n")
    status, lines = run_check(srcdir, capsys)
    assert status == 1
    found = errors(lines)
    assert len(found) == 5, found
    assert lines[-1] == "Checked 4 summaries and the bibliography: 5 problem(s) in 3 file(s)."


def test_a_non_utf8_bibliography(copy_root, capsys):
    srcdir = copy_root("archive")
    (srcdir / "refs.bib").write_bytes("@article{x,\n title = {Caf\xe9}\n}\n".encode("latin-1"))
    status, lines = run_check(srcdir, capsys)
    assert status == 1
    assert f"{srcdir}/refs.bib:2: error: the file is not UTF-8 text" in "\n".join(lines)


def test_an_empty_archive(copy_root, capsys):
    srcdir = copy_root("archive")
    for page in srcdir.glob("20*/*/*.md"):
        page.unlink()
    status, lines = run_check(srcdir, capsys)
    assert status == 1
    assert errors(lines) == [f"{srcdir}: error: no summary pages found: summaries live at "
                             f"{srcdir}/<yyyy>/<mm>/<slug>.md (`make new` creates one)"]


def test_review_items_are_listed_apart_and_do_not_fail(copy_root, capsys):
    srcdir = copy_root("archive")
    replace(srcdir, ALPHA, "teaser:", "needs_review: [topics, research_type]\nteaser:")
    status, lines = run_check(srcdir, capsys)
    assert status == 0 and not errors(lines)
    assert "To confirm (2): values the importer proposed; these do not fail the check." in lines
    assert (f"{srcdir / ALPHA}:5: review: to confirm: topics = ['empathy', 'therapist-factors'] "
            "was proposed by the importer; check it against the article, then remove 'topics' "
            "from needs_review") in lines
    assert any(line.startswith(f"{srcdir / ALPHA}:6: review: to confirm: research_type")
               for line in lines)


def test_a_malformed_needs_review_is_an_error(copy_root, capsys):
    srcdir = copy_root("archive")
    replace(srcdir, ALPHA, "teaser:", "needs_review: [topic]\nteaser:")
    status, lines = run_check(srcdir, capsys)
    assert status == 1
    [found] = errors(lines)
    assert found.startswith(f"{srcdir / ALPHA}:8: error: 'needs_review' lists 'topic', which "
                            "is not a summary field; allowed: title, date,")


def test_make_check_target_on_the_real_archive():
    result = subprocess.run(["make", "-s", "-o", ".venv/.ready", "check"], cwd=REPO,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip() == "Checked 6 summaries and the bibliography: no problems."


def test_no_conf_py_is_exit_2(tmp_path, capsys):
    assert main([str(tmp_path)]) == 2
    assert "no conf.py here" in capsys.readouterr().err


def test_cited_works_must_be_in_the_bibliography_and_entries_cited(copy_root, capsys):
    """As the build's citation check: the same sentences, at the same lines."""
    srcdir = copy_root("archive")
    replace(srcdir, "2021/08/gamma.md", "{cite:p}`lee2020trial,jones2019voices`",
            "{cite:p}`lee2020trial,nosuch2020key`")
    bib = srcdir / "refs.bib"
    bib.write_text(bib.read_text() + "\n@article{unused2020entry,\n author = {Doe, J.},\n"
                   " title = {Never cited},\n journal = {Journal of Tests},\n year = {2020}\n}\n")
    start = bib.read_text().splitlines().index("@article{unused2020entry,") + 1
    status, lines = run_check(srcdir, capsys)
    assert status == 1
    assert errors(lines) == [
        f"{srcdir}/2021/08/gamma.md:12: error: cited work 'nosuch2020key' is not in refs.bib; "
        "add its entry there or correct the key",
        f"{bib}:{start}: error: entry 'unused2020entry' is never cited or reviewed by any page; "
        "cite it or remove it from the bibliography"]
