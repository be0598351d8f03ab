"""The importer end to end: invented blog pages (text and HTML) into a copy of the
test archive, then the pages, the bibliography, the report, a second run, and a
strict Sphinx build of the result.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest
from pybtex.database import parse_file

from helpers import article, soup, text
from summary_archive.core import frontmatter
from summary_archive.importer.run import main
from summary_archive.core.model import review_items, summary_from_front_matter
from summary_archive.core.vocabulary import load_vocabulary

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "importer"
# The first three fixtures; the folder also holds every page shape (shapes/) and the
# Crossref page (crossref/), tested in test_importer_shapes.py and test_importer_crossref.py.
FIRST = [FIXTURES / name for name in ("blog-page.html", "blog-page.txt", "broken-page.txt")]
TODAY = dt.date(2026, 11, 26)
# Two invented entries that the HTML fixture cites again: one with the same DOI
# (differently spelt, different title wording), one with the same title.
EXTRA_BIB = r"""
@article{novak2019silence,
  author  = {Novak, P.},
  title   = {Silence and its uses in brief therapy},
  journal = {Journal of Test Studies},
  year    = {2019},
  doi     = {10.5555/jts.2019.31}
}

@article{abara2018letters,
  author  = {Abara, K. and Stone, W.},
  title   = {Letters to the future self: {A} qualitative study},
  journal = {Qualitative Test Review},
  year    = {2018}
}
"""


@pytest.fixture
def archive(copy_root) -> Path:
    src = copy_root("archive")
    with (src / "refs.bib").open("a", encoding="utf-8") as stream:
        stream.write(EXTRA_BIB)
    return src


def run(src: Path, *sources: Path | str, capsys) -> tuple[int, str, str]:
    code = main([*map(str, sources), "--docs", str(src), "--bib", str(src / "refs.bib"),
                 "--author", "Test Author"], today=TODAY)
    out, err = capsys.readouterr()
    return code, out, err


def files(src: Path) -> dict[str, bytes]:
    return {p.relative_to(src).as_posix(): p.read_bytes() for p in src.rglob("*") if p.is_file()}


def new_pages(src: Path, before: dict[str, bytes]) -> dict[str, str]:
    return {name: content.decode() for name, content in files(src).items()
            if name not in before}


def check_page(src: Path, name: str) -> dict:
    """The page's front matter is a complete summary with no problems; its fields."""
    front = frontmatter.parse((src / name).read_text(encoding="utf-8"))
    vocabulary = load_vocabulary(src / "_data/vocabulary.yml")
    summary, problems = summary_from_front_matter(name.removesuffix(".md"), front, vocabulary,
                                                  TODAY)
    assert problems == [] and summary is not None, (name, problems)
    return front.fields


def test_text_page_becomes_pages_and_entries(archive, capsys):
    before = files(archive)
    code, out, err = run(archive, FIXTURES / "blog-page.txt", capsys=capsys)
    assert (code, err) == (0, "")
    pages = new_pages(archive, before)
    assert sorted(pages) == ["2020/02/empathy-ratings-across-sessions.md",
                             "2020/02/therapists-who-doubt-themselves.md",
                             "2020/03/feedback-reports-that-therapists-read.md",
                             "2020/03/warm-voices-on-the-telephone.md"]
    fields = check_page(archive, "2020/03/warm-voices-on-the-telephone.md")
    assert {name: fields[name] for name in ("title", "date", "author", "reviews")} == {
        "title": "Warm Voices on the Telephone", "date": "2020-03", "author": "Test Author",
        "reviews": "okafor2020therapist"}
    assert review_items(fields) == ["topics", "research_type"]
    page = pages["2020/03/warm-voices-on-the-telephone.md"]
    assert "(p \\< .05 in most trials)" in page  # escaped so that it shows as written
    assert "\n\n## Practice Implications\n\nTherapists who work by telephone" in page
    for name in pages:
        check_page(archive, name)

    entries = parse_file(str(archive / "refs.bib")).entries
    okafor = entries["okafor2020therapist"]
    assert [str(p) for p in okafor.persons["author"]] == [
        "Okafor, N.", "Lindqvist, B. K.", "Haddad, R. J.", "Moreau, C."]
    assert okafor.fields["doi"] == "10.5555/jics.2020.0142"
    assert okafor.fields["note"] == "Advance online publication"
    brennan = entries["brennan2019do"]
    assert (brennan.fields["month"], brennan.fields["day"]) == ("November", "4")
    assert [str(p) for p in brennan.persons["author"]] == ["Brennan, T.", "Sato, K.",
                                                           "Idowu, F. A."]
    varga = entries["varga2019empathy"]
    assert (varga.fields["doi"], varga.fields["volume"], varga.fields["number"],
            varga.fields["pages"]) == ("10.5555/tjgp.2019.014", "14", "2", "201--214")
    quist = entries["quist2018professional"]
    assert (quist.fields["volume"], quist.fields["pages"]) == ("7", "112--119")
    assert "number" not in quist.fields and "doi" not in quist.fields

    assert "Summaries imported: 4\n" in out
    assert f"Bibliography {archive}/refs.bib: 4 entries added, 0 reused, 0 updated\n" in out
    assert (f"{FIXTURES}/blog-page.txt:27: read as intended: DOI '10:5555/tjgp.2019.014' "
            "read as '10.5555/tjgp.2019.014'") in out
    assert "Needs review: 4 page(s)" in out
    assert f"{archive}/2020/03/warm-voices-on-the-telephone.md: topics [" in out


def test_html_page_reuses_entries_and_disambiguates_keys(archive, capsys):
    before = files(archive)
    code, out, _ = run(archive, FIXTURES / "blog-page.html", capsys=capsys)
    assert code == 0
    reviews = {name: check_page(archive, name)["reviews"] for name in new_pages(archive, before)}
    assert reviews == {"2021/01/warmth-at-a-distance.md": "smith2020warmtha",
                       "2021/01/what-silence-does-in-brief-therapy.md": "novak2019silence",
                       "2020/12/letters-to-the-future-self.md": "abara2018letters"}
    entries = parse_file(str(archive / "refs.bib")).entries
    assert entries["smith2020warmtha"].fields["doi"] == "10.5555/jts.2020.77"
    assert entries["smith2020warmth"].fields["title"] == "Warmth in the consulting room: {A} test"
    assert len(entries) == len(parse_file(str(REPO / "tests/roots/test-archive/refs.bib"))
                               .entries) + 3
    assert "1 entry added, 2 reused, 0 updated\n" in out
    assert "  reused novak2019silence (same DOI)\n" in out
    assert "  reused abara2018letters (same title)\n" in out
    assert (f"{FIXTURES}/blog-page.html:46: 'A Trial of Trials, Again': its article "
            "(lee2020trial) is already summarized in 2020/12/delta.md; left alone") in out


def test_the_report_names_every_line_it_could_not_use(archive, capsys):
    code, out, _ = run(archive, FIXTURES / "broken-page.txt", capsys=capsys)
    assert code == 0  # one summary was usable
    assert "Summaries imported: 1\n" in out
    assert (archive / "2020/04/hope-letters-between-sessions.md").exists()
    assert "Problems, in source order: 2\n" in out
    assert (f"  {FIXTURES}/broken-page.txt:3: the month heading 'May 2020' has no "
            "summaries under it\n") in out
    assert (f"  {FIXTURES}/broken-page.txt:6: 'A Note Without a Journal' was not imported: "
            "its citation cannot be read: cannot tell the title from the journal; expected "
            "'Title. Journal, volume(issue), pages.' after the year\n") in out


def test_running_twice_changes_nothing(archive, capsys):
    code, first, _ = run(archive, *FIRST, capsys=capsys)
    assert code == 0 and "Summaries imported: 8\n" in first
    after_first = files(archive)
    code, second, _ = run(archive, *FIRST, capsys=capsys)
    assert code == 0
    assert files(archive) == after_first  # pages and refs.bib, byte for byte
    assert "Summaries imported: 0\n" in second
    assert "Summaries left alone: 9\n" in second
    assert "0 entries added, 0 reused" in second
    assert (f"{FIXTURES}/blog-page.txt:13: the page 2020/03/warm-voices-on-the-telephone.md "
            "already exists; left alone") in second


def test_an_existing_page_with_the_same_slug_is_left_alone(archive, capsys):
    own = archive / "2020/03/warm-voices-on-the-telephone.md"
    own.parent.mkdir(parents=True)
    own.write_text("A page someone already wrote.\n", encoding="utf-8")
    code, out, _ = run(archive, FIXTURES / "blog-page.txt", capsys=capsys)
    assert code == 0
    assert own.read_text(encoding="utf-8") == "A page someone already wrote.\n"
    assert "Summaries imported: 3\n" in out and "Summaries left alone: 1\n" in out
    # Its article was not added for a page that was not written.
    assert "okafor2020therapist" not in parse_file(str(archive / "refs.bib")).entries


def test_nothing_usable_exits_non_zero_and_writes_nothing(archive, tmp_path, capsys):
    (tmp_path / "in").mkdir()
    (tmp_path / "in/empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "in/notes.txt").write_text("Notes from a meeting.\nNo months here.\n",
                                           encoding="utf-8")
    (tmp_path / "in/latin1.txt").write_bytes("Caf\xe9 notes".encode("latin-1"))
    before = files(archive)
    code, out, _ = run(archive, tmp_path / "in", capsys=capsys)
    assert code == 1
    assert files(archive) == before
    assert f"  {tmp_path}/in/empty.txt: the file is empty\n" in out
    assert (f"  {tmp_path}/in/notes.txt: this is not a blog page: no month heading such as "
            "'August 2021' or 'PPRNet Blog: March 2013' was found, nor a month in the file "
            "name (such as pprnet_blog_oct2014.html)\n") in out
    assert (f"  {tmp_path}/in/latin1.txt: not UTF-8 text; save the page as UTF-8 text or "
            "HTML\n") in out
    assert out.endswith("Nothing usable was found: no complete summary under a month "
                        "heading.\n")


def test_a_missing_source_or_a_broken_bibliography_stops_with_one_message(archive, capsys):
    code, out, err = run(archive, archive / "nowhere.txt", capsys=capsys)
    assert (code, out, err) == (2, "", f"import: {archive}/nowhere.txt: no such file or "
                                       "folder\n")
    (archive / "refs.bib").write_text("@article{broken,\n  title = {Open\n", encoding="utf-8")
    code, out, err = run(archive, FIXTURES / "blog-page.txt", capsys=capsys)
    assert code == 2 and out == ""
    assert err.startswith(f"import: {archive}/refs.bib:") and "Traceback" not in err
    assert "(in entry 'broken', which starts at line 1)" in err


def test_imported_pages_build_with_the_archive(archive, make_app, capsys):
    code, _, _ = run(archive, FIXTURES, capsys=capsys)  # every fixture, every shape
    assert code == 0
    app = make_app("html", srcdir=archive)
    app.build()
    assert app.warning.getvalue() == ""
    page = article(app.outdir, "2020/03/warm-voices-on-the-telephone.html")
    words = text(page)
    assert page.h1.get_text().startswith("Warm Voices on the Telephone")
    assert "(p < .05 in most trials)" in words
    assert "[even when the words were kind]" in words
    assert "Practice Implications" in [h.get_text().rstrip("¶#") for h in page.find_all("h2")]
    assert "Therapist vocal warmth and the early alliance in telephone counselling" in words
    month = text(article(app.outdir, "2020/03/index.html"))
    assert "Warm Voices on the Telephone" in month
    assert "Feedback Reports That Therapists Read" in month
    references = text(soup(app.outdir, "references.html"))
    assert "Do therapists read their feedback reports?" in references
    assert "Warmth at a distance: Video sessions and the alliance" in references


def test_the_command_runs_and_a_dry_run_writes_nothing(archive):
    before = files(archive)
    result = subprocess.run(
        [str(Path(sys.executable).parent / "archive-import"), str(FIXTURES / "blog-page.txt"),
         "--docs", str(archive), "--bib", str(archive / "refs.bib"), "--dry-run"],
        capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "Summaries would be imported (dry run): 4\n" in result.stdout
    assert files(archive) == before


def test_make_import_passes_source_and_author():
    result = subprocess.run(["make", "-n", "-C", str(REPO), "import",
                             "SOURCE=saved pages", "AUTHOR=Test Author"],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    # The values reach the command through the environment, never pasted into it.
    assert 'archive-import --docs docs --author="$AUTHOR" -- "$SOURCE"' in result.stdout
    assert "saved pages" not in result.stdout and "Test Author" not in result.stdout


def test_make_import_with_crossref_asks_the_importer_to_verify():
    result = subprocess.run(["make", "-n", "-C", str(REPO), "import", "SOURCE=saved pages",
                             "CROSSREF=1"], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert 'archive-import --crossref --docs docs -- "$SOURCE"' in result.stdout
