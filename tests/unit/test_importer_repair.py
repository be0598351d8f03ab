"""Unit tests for the importer's marks, the in-place update of its own entries and
the plan's repair of an entry when a line now reads better (invented data)."""

from __future__ import annotations

import datetime as dt

from pybtex.database import BibliographyData, Entry, Person, parse_string

from summary_archive.core.vocabulary import vocabulary_from_data
from summary_archive.importer.bibfile import entry_span, updated_text
from summary_archive.importer.blogpage import read_page
from summary_archive.importer.plan import Existing, Source, plan_import
from summary_archive.importer.provenance import digest, edited_by_a_person, made_by_importer, mark

VOCAB = vocabulary_from_data({
    "topics": [{"slug": "empathy", "label": "Empathy"}],
    "research_types": [{"slug": "review", "label": "Review"}],
})
BOOK_LINE = "Holt, D. (2010). An invented guide to brief therapy (2nd ed.). New York: Test Press."


def old_style_entry() -> Entry:
    """What an earlier importer made of BOOK_LINE: an article in the journal 'New York'."""
    return mark(Entry("article", persons={"author": [Person("Holt, D.")]}, fields={
        "title": "An invented guide to brief therapy (2nd ed.)", "journal": "New York",
        "year": "2010"}))


def test_the_mark_is_a_digest_of_what_was_written_and_survives_a_round_trip():
    entry = old_style_entry()
    text = BibliographyData({"holt2010invented": entry}).to_string("bibtex")
    back = parse_string(text, "bibtex").entries["holt2010invented"]
    assert made_by_importer(back) and not edited_by_a_person(back)
    assert back.fields["imported"] == f"archive-import {digest(entry)}"
    back.fields["journal"] = "Journal of Tests"
    assert edited_by_a_person(back)


def test_an_update_replaces_only_its_own_entry_and_keeps_the_rest_byte_for_byte():
    text = ("% a comment a person wrote\n@article{keep2020a,\n  title = {Keep {me}},\n"
            "  year = {2020}\n}\n\n@article{holt2010invented,\n  title = {Old (with) {braces}},"
            "\n  year = {2010}\n}\n% trailing comment\n")
    new = Entry("book", fields={"title": "New", "year": "2010", "publisher": "Test Press"})
    result = updated_text(text, {"holt2010invented": new}, {})
    start, end = entry_span(text, "holt2010invented")
    assert result.startswith(text[:start]) and result.endswith(text[end:])
    assert parse_string(result, "bibtex").entries["holt2010invented"].type == "book"
    assert parse_string(result, "bibtex").entries["keep2020a"].fields["title"] == "Keep {me}"


def test_a_line_that_now_reads_better_repairs_the_importers_untouched_entry():
    bib = BibliographyData({"holt2010invented": old_style_entry()})
    existing = Existing(frozenset({"2011/01/a-guide.md"}), {"holt2010invented": "2011/01/a-guide.md"},
                        bib, {"2011/01/a-guide.md": "holt2010invented"},
                        frozenset({"2011/01/a-guide.md"}))
    text = f"January 2011\nA Guide\n{BOOK_LINE}\nInvented body.\nPractice Implications\nAdvice.\n"
    plan = plan_import([Source("page.txt", read_page(text, html=False))], existing, VOCAB,
                       "Test Author", dt.date(2026, 11, 26))
    assert plan.pages == {} and plan.entries == {}
    repaired = plan.updates["holt2010invented"]
    assert repaired.type == "book"
    assert {k: v for k, v in repaired.fields.items() if k != "imported"} == {
        "title": "An invented guide to brief therapy", "year": "2010", "edition": "2",
        "publisher": "Test Press", "address": "New York"}
    assert not edited_by_a_person(repaired)
    change, = plan.report.updated
    assert change.changes[0] == "@article -> @book"
    assert "journal removed (was 'New York')" in change.changes

    # The same entry after a person's edit is left as it is, and the report says so.
    edited = old_style_entry()
    edited.fields["journal"] = "New York Review"
    existing = existing._replace(bib=BibliographyData({"holt2010invented": edited}))
    plan = plan_import([Source("page.txt", read_page(text, html=False))], existing, VOCAB,
                       "Test Author", dt.date(2026, 11, 26))
    assert plan.updates == {}
    assert [p.message.split(";")[0] for p in plan.report.problems] == [
        "the entry holt2010invented was edited since the import, so it is left as it is"]
