"""Unit tests for the import plan: what is written, what is left alone (invented data)."""

from __future__ import annotations

import datetime as dt

from pybtex.database import BibliographyData

from summary_archive.importer.blogpage import read_page
from summary_archive.importer.plan import Existing, Source, plan_import
from summary_archive.importer.report import Located
from summary_archive.core.vocabulary import vocabulary_from_data

VOCAB = vocabulary_from_data({
    "topics": [{"slug": "empathy", "label": "Empathy"}],
    "research_types": [{"slug": "review", "label": "Review"}],
})
TODAY = dt.date(2026, 11, 26)
CITATION = "Dunmore, S. (2020). Hope letters: A pilot. Invented Journal, 3(1), 15–22."


def summary(headline: str, citation: str = CITATION) -> str:
    return f"{headline}\n{citation}\nInvented body.\nPractice Implications\nInvented advice.\n"


def plan(text: str, existing: Existing | None = None):
    existing = existing or Existing(frozenset(), {}, BibliographyData())
    return plan_import([Source("page.txt", read_page(text, html=False))], existing, VOCAB,
                       "Test Author", TODAY)


def test_a_month_in_the_future_is_reported_not_imported():
    result = plan("December 2030\n" + summary("Hope Letters"))
    assert result.pages == {}
    assert result.report.problems == [Located(
        "page.txt", 1, "month heading 'December 2030': date '2030-12' is in the future "
                       "(today is 2026-11-26)")]


def test_the_same_article_twice_in_one_import_is_written_once():
    result = plan("June 2020\n" + summary("Hope Letters") + summary("Letters of Hope"))
    assert list(result.pages) == ["2020/06/hope-letters.md"]
    assert list(result.entries) == ["dunmore2020hope"]
    assert result.report.left_alone == [Located(
        "page.txt", 7, "'Letters of Hope': its article (dunmore2020hope) is already "
                       "summarized in 2020/06/hope-letters.md; left alone")]


def test_two_new_articles_with_the_same_key_get_a_and_b_suffixes():
    other = CITATION.replace("Hope letters: A pilot", "Hope in groups")
    third = CITATION.replace("Hope letters: A pilot", "Hope at intake")
    result = plan("June 2020\n" + summary("One", CITATION) + summary("Two", other)
                  + summary("Three", third))
    assert list(result.entries) == ["dunmore2020hope", "dunmore2020hopea", "dunmore2020hopeb"]
    assert [item.key for item in result.report.imported] == list(result.entries)


def test_an_existing_page_path_is_left_alone_before_any_entry_is_added():
    existing = Existing(frozenset({"2020/06/hope-letters.md"}), {}, BibliographyData())
    result = plan("June 2020\n" + summary("Hope Letters"), existing)
    assert result.pages == {} and result.entries == {}
    assert result.report.usable == 1
