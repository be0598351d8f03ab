"""The pure selection functions shared by the standard PDFs, curated collections and packets."""

from __future__ import annotations

import pytest

from summary_archive.core.model import Month, Summary
from summary_archive.core.selection import (Selection, SelectionError, collection,
                                            declared_collections, describe, parse_selection,
                                            select)
from summary_archive.core.standard_pdfs import (handout_collections, handout_name,
                                                standard_collections)
from summary_archive.core.vocabulary import vocabulary_from_data

VOCABULARY = vocabulary_from_data({
    "topics": [{"slug": "empathy", "label": "Empathy"},
               {"slug": "attachment", "label": "Attachment"},
               {"slug": "adherence", "label": "Adherence"}],
    "research_types": [{"slug": "meta-analysis", "label": "Meta-analysis"},
                       {"slug": "qualitative-study", "label": "Qualitative study"}],
})


def summary(docname: str, topics: tuple[str, ...], kind: str = "meta-analysis") -> Summary:
    year, month, _ = docname.split("/")
    return Summary(docname, docname, Month(int(year), int(month)), None, "A", topics, kind,
                   "key", "")


SUMMARIES = (summary("2021/08/c", ("empathy",)), summary("2019/01/a", ("attachment",)),
             summary("2020/05/b", ("empathy", "attachment"), "qualitative-study"))


def names(chosen) -> list[str]:
    return [s.docname for s in chosen]


def test_select_filters_and_orders_oldest_first():
    assert names(select(SUMMARIES, Selection())) == ["2019/01/a", "2020/05/b", "2021/08/c"]
    assert names(select(SUMMARIES, Selection(topics=("empathy",)))) == ["2020/05/b", "2021/08/c"]
    assert names(select(SUMMARIES, Selection(since=Month(2020, 5), until=Month(2020, 5)))) == [
        "2020/05/b"]
    assert names(select(SUMMARIES, Selection(research_types=("meta-analysis",),
                                             topics=("attachment",)))) == ["2019/01/a"]
    assert names(select(SUMMARIES, Selection(summaries=("2021/08/c", "2019/01/a")))) == [
        "2019/01/a", "2021/08/c"]


def test_listed_summaries_join_what_the_filters_match():
    both = Selection(topics=("empathy",), since=Month(2021, 1), summaries=("2019/01/a",))
    assert names(select(SUMMARIES, both)) == ["2019/01/a", "2021/08/c"]
    assert describe(both, VOCABULARY) == "Topic: Empathy. From January 2021. Also 1 chosen summary."
    assert describe(Selection(summaries=("2019/01/a", "2021/08/c")), VOCABULARY) == \
        "2 chosen summaries."
    fields = {"summaries": ["2019/01/a"], "topics": ["empathy"]}
    assert parse_selection(fields, VOCABULARY, [s.docname for s in SUMMARIES]) == Selection(
        topics=("empathy",), summaries=("2019/01/a",))


def test_one_handout_per_summary_oldest_first():
    handouts = handout_collections(SUMMARIES, VOCABULARY)
    assert [(h.name, h.kind, h.docnames) for h in handouts] == [
        ("summary-2019-01-a", "handout", ("2019/01/a",)),
        ("summary-2020-05-b", "handout", ("2020/05/b",)),
        ("summary-2021-08-c", "handout", ("2021/08/c",))]
    assert handouts[1].scope == "May 2020. Qualitative study."
    assert handout_name("2021/08/Café Notes") == "summary-2021-08-cafe-notes"


def test_parse_selection_accepts_words_aliases_and_months():
    selection = parse_selection({"topics": "empathy, attachment", "since": "2019-1"},
                                VOCABULARY, [])
    assert selection == Selection(topics=("empathy", "attachment"), since=Month(2019, 1))
    assert describe(selection, VOCABULARY) == "Topics: Empathy, Attachment. From January 2019."


@pytest.mark.parametrize("fields, message", [
    ({"topics": ["empaty"]}, "unknown topic 'empaty' in 'topics'; did you mean 'empathy'?"),
    ({"research_types": "trial"}, "unknown research type 'trial'"),
    ({"since": "2019"}, "'since' is '2019', which is not a month"),
    ({"until": "2019-00"}, "'until': date '2019-00' has month 0"),
    ({"since": "2021-01", "until": "2020-01"}, "'since' (2021-01) is after 'until' (2020-01)"),
    ({"summaries": ["2019/01/zz"]}, "unknown summary '2019/01/zz'"),
])
def test_parse_selection_names_the_bad_value(fields, message):
    with pytest.raises(SelectionError) as error:
        parse_selection(fields, VOCABULARY, [s.docname for s in SUMMARIES])
    assert message in str(error.value)


def test_collection_refuses_an_empty_result_and_a_missing_title():
    with pytest.raises(SelectionError, match="matches no summary"):
        collection({"title": "None", "topics": ["adherence"]}, "packet", SUMMARIES, VOCABULARY)
    with pytest.raises(SelectionError, match="needs a 'title'"):
        collection({"topics": ["empathy"]}, "packet", SUMMARIES, VOCABULARY)


def test_declared_collections_name_the_file_and_the_collection():
    data = {"collections": [{"title": "Course", "topics": ["empathy"], "since": "2021-01"}]}
    [course] = declared_collections(data, SUMMARIES, VOCABULARY, "collections.yml")
    assert (course.name, course.docnames) == ("course", ("2021/08/c",))
    with pytest.raises(SelectionError, match="collections.yml: collection 'Course': unknown "
                                             "field 'topic'"):
        declared_collections({"collections": [{"title": "Course", "topic": ["empathy"]}]},
                             SUMMARIES, VOCABULARY, "collections.yml")
    with pytest.raises(SelectionError, match="two collections are named 'course'"):
        declared_collections({"collections": [{"title": "Course", "topics": "empathy"}] * 2},
                             SUMMARIES, VOCABULARY, "collections.yml")


def test_standard_collections_archive_years_and_used_topics():
    found = {c.name: c.docnames for c in standard_collections(SUMMARIES, VOCABULARY)}
    assert list(found) == ["archive", "year-2019", "year-2020", "year-2021", "topic-empathy",
                           "topic-attachment"]  # adherence has no summary: no PDF
    assert found["topic-attachment"] == ("2019/01/a", "2020/05/b")
    assert standard_collections((), VOCABULARY) == []


