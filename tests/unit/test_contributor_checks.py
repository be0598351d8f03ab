"""The pure pieces behind `make check` and `make new`."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from summary_archive.core import frontmatter
from summary_archive.citations.bibliography import bibliography_problems, read_bibliography
from summary_archive.core.crosscheck import duplicate_problems, missing_review_problems
from summary_archive.core.model import Month, Summary
from summary_archive.core.review import review_items
from summary_archive.cli.new import Refused, create
from summary_archive.core.sources import MAX_PAGE_BYTES, decode, read_page, size_problem
from summary_archive.core.template import leftover_placeholders, summary_page

ROOTS = Path(__file__).resolve().parent.parent / "roots"
TODAY = dt.date(2021, 12, 1)


def summary(docname: str, title: str, reviews: str = "k") -> Summary:
    return Summary(docname, title, Month(2021, 7), None, "A", ("empathy",), "meta-analysis",
                   reviews, "")


def test_duplicates_name_the_other_page_and_ignore_case_and_spaces():
    found = duplicate_problems([summary("2021/07/a", "Same  Title"),
                                summary("2021/08/a", "Other"),
                                summary("2021/07/b", "same title")],
                               {"2021/07/b": {"title": 2}})
    assert [(docname, problem.line) for docname, problem in found] == [
        ("2021/08/a", None), ("2021/07/b", 2)]
    assert "already used by 2021/07/a" in found[0][1].message
    assert "already the title of 2021/07/a" in found[1][1].message


def test_missing_review_keys_ignore_case():
    found = missing_review_problems([summary("2021/07/a", "A", "Smith2020"),
                                     summary("2021/07/b", "B", "gone")],
                                    ["smith2020"], "refs.bib", {"2021/07/b": {"reviews": 7}})
    assert [(d, p.line) for d, p in found] == [("2021/07/b", 7)]


def test_size_and_encoding():
    assert size_problem(MAX_PAGE_BYTES) is None
    assert size_problem(MAX_PAGE_BYTES + 1).line == 1
    text, problem = decode("ok\nnot \xe9".encode("latin-1"))
    assert text is None and problem.line == 2 and "column 5" in problem.message
    assert decode("\ufeffbom".encode("utf-8")) == ("bom", None)


def test_read_page_reports_an_empty_file(tmp_path):
    page = tmp_path / "a.md"
    page.write_text("")
    assert read_page(page)[1].message.startswith("the file is empty")


def test_needs_review():
    front = frontmatter.parse("---\ntitle: T\ntopics: [a]\nneeds_review: [topics]\n---\n")
    assert [(i.field, i.value, i.line) for i in review_items(front)] == [("topics", ["a"], 3)]
    assert "remove 'topics' from needs_review" in review_items(front)[0].message
    assert review_items(frontmatter.parse("---\nneeds_review: topics\n---\n")) == []


def test_the_template_is_valid_front_matter_with_placeholders():
    text = summary_page(title='A "quoted": <b>title</b> # not a comment', month="2021-07",
                        author="Zoë", topics=["empathy"], research_type="meta-analysis",
                        reviews="k2021")
    front = frontmatter.parse(text)
    assert front.error is None
    assert front.fields["title"] == 'A "quoted": <b>title</b> # not a comment'
    assert [p.line for p in leftover_placeholders(text)] == [9, 12, 14, 18]


def test_bibliography_reports_every_broken_entry(tmp_path):
    bib = tmp_path / "refs.bib"
    bib.write_text("@article{a,\n title = {x\n}\n\n@article{b,\n title = {fine}\n}\n\n"
                   "@article{c,\n title = {y\n}\n\n@article{b,\n title = {again}\n}\n")
    keys, problems = bibliography_problems(bib)
    assert keys == {"a", "b", "c"}
    messages = [problem.message for problem in problems]
    assert "(in entry 'a', which starts at line 1)" in messages[0]
    assert "(in entry 'c', which starts at line 9)" in messages[1]
    assert problems[2].line == 13 and "the key 'b' is used by more" in messages[2]
    assert len(problems) == 3
    assert read_bibliography(bib)[1] == problems[0]  # the build stops on the first


def test_bibliography_entries_may_use_string_macros(tmp_path):
    bib = tmp_path / "refs.bib"
    bib.write_text("@string{jpr = {J. Psychother. Res.}}\n\n@article{a,\n journal = jpr,\n"
                   " title = {x}\n}\n\n@article{b,\n title = {open\n}\n")
    keys, problems = bibliography_problems(bib)
    assert keys == {"a", "b"}
    assert len(problems) == 1 and "(in entry 'b', which starts at line 8)" in problems[0].message


def test_scaffold_asks_again_for_what_was_wrong(tmp_path, capsys):
    import shutil

    srcdir = tmp_path / "src"
    shutil.copytree(ROOTS / "test-archive", srcdir)
    answers = iter(["A new study", "2021-07", "Ann", "empathy, aliance", "meta-analysis",
                    "smith2020warmth", "empathy, adherence"])
    asked = []

    def read(prompt: str) -> str:
        asked.append(prompt.split(" ")[0])
        return next(answers)

    path, steps = create(srcdir, srcdir, {}, TODAY, read)
    assert path == srcdir / "2021/07/a-new-study.md"
    assert asked == ["Title", "Month", "Author", "Topics,", "Research", "BibTeX", "Topics,"]
    assert "did you mean 'alliance-and-therapeutic-relationship'?" in capsys.readouterr().err
    front = frontmatter.parse(path.read_text())
    assert front.fields["topics"] == ["empathy", "adherence"]
    assert len(steps) == 2  # the key is in the bibliography already: no step to add it


def test_scaffold_never_overwrites(tmp_path):
    import shutil

    srcdir = tmp_path / "src"
    shutil.copytree(ROOTS / "test-archive", srcdir)
    given = {"title": "Alpha again", "month": "2021-07", "author": "A", "topics": "empathy",
             "research_type": "meta-analysis", "reviews": "x", "slug": "alpha"}
    with pytest.raises(Refused, match="slug 'alpha' is already taken by 2021/07/alpha.md"):
        create(srcdir, srcdir, given, TODAY)
    with pytest.raises(Refused, match="the title 'ALPHA warmth' is already the title of 2021/07/alpha"):
        create(srcdir, srcdir, given | {"title": "ALPHA warmth", "slug": "new"}, TODAY)
