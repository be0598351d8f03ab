"""Unit tests for summary_archive.core.catalogue and summary_archive.intros."""

from __future__ import annotations

import pytest

from summary_archive.core.catalogue import (
    Catalogue,
    Entry,
    MonthCount,
    MonthView,
    Neighbours,
    TermCount,
    YearCount,
    entry,
)
from summary_archive.core.intros import load_intros
from summary_archive.core.model import Month, Problem, Summary
from summary_archive.core.vocabulary import vocabulary_from_data

VOCAB = vocabulary_from_data({
    "topics": [
        {"slug": "adherence", "label": "Adherence"},
        {"slug": "empathy", "label": "Empathy"},
        {"slug": "attachment", "label": "Attachment"},
        {"slug": "training", "label": "Training"},  # no summary has it
    ],
    "research_types": [
        {"slug": "meta-analysis", "label": "Meta-analysis"},
        {"slug": "review", "label": "Review"},
        {"slug": "qualitative-study", "label": "Qualitative study"},  # unused
    ],
})


def summary(docname: str, topics: tuple[str, ...], research_type: str,
            day: int | None = None) -> Summary:
    year, month, slug = docname.split("/")
    return Summary(docname=docname, title=f"Title of {slug}", month=Month(int(year), int(month)),
                   day=day, author="A. Author", topics=topics, research_type=research_type,
                   reviews=f"key-{slug}", teaser=f"Teaser of {slug}.")


# Chronological order, oldest first:
#   2020/12/old  (no day)
#   2021/07/burnout (day 2), 2021/07/harms (day 20)
#   2021/08/crying (no day), 2021/08/brief (day 5), 2021/08/suicide (day 5)
OLD = summary("2020/12/old", ("attachment",), "review")
BURNOUT = summary("2021/07/burnout", ("empathy", "adherence"), "meta-analysis", day=2)
HARMS = summary("2021/07/harms", ("empathy",), "review", day=20)
CRYING = summary("2021/08/crying", ("empathy", "attachment"), "review")
BRIEF = summary("2021/08/brief", ("adherence",), "meta-analysis", day=5)
SUICIDE = summary("2021/08/suicide", ("empathy",), "meta-analysis", day=5)
ALL = [CRYING, OLD, SUICIDE, HARMS, BRIEF, BURNOUT]  # deliberately shuffled
INTROS = {"2021-08": "This month: crying and brief therapy.", "2020-12": "Old times."}


@pytest.fixture
def catalogue() -> Catalogue:
    return Catalogue(ALL, VOCAB, INTROS)


def docnames(entries) -> list[str]:
    return [e.docname for e in entries]


def test_entry_is_a_summary_line():
    assert entry(BURNOUT) == Entry("2021/07/burnout", "Title of burnout", Month(2021, 7),
                                   "meta-analysis", "Teaser of burnout.")


def test_chronological_order(catalogue):
    assert docnames(catalogue.chronological) == [
        "2020/12/old", "2021/07/burnout", "2021/07/harms",
        "2021/08/crying", "2021/08/brief", "2021/08/suicide"]
    assert catalogue.months == (Month(2021, 8), Month(2021, 7), Month(2020, 12))


def test_all_newest_first(catalogue):
    assert docnames(catalogue.summaries("all")) == [
        "2021/08/suicide", "2021/08/brief", "2021/08/crying",
        "2021/07/harms", "2021/07/burnout", "2020/12/old"]
    assert all(isinstance(e, Entry) for e in catalogue.summaries("all"))


def test_by_topic_newest_first(catalogue):
    assert docnames(catalogue.summaries("topic:empathy")) == [
        "2021/08/suicide", "2021/08/crying", "2021/07/harms", "2021/07/burnout"]
    assert docnames(catalogue.summaries("topic:attachment")) == [
        "2021/08/crying", "2020/12/old"]
    assert catalogue.summaries("topic:training") == ()
    assert catalogue.summaries("topic:not-a-topic") == ()


def test_by_type_newest_first(catalogue):
    assert docnames(catalogue.summaries("type:meta-analysis")) == [
        "2021/08/suicide", "2021/08/brief", "2021/07/burnout"]
    assert docnames(catalogue.summaries("type:review")) == [
        "2021/08/crying", "2021/07/harms", "2020/12/old"]
    assert catalogue.summaries("type:qualitative-study") == ()


def test_by_month_newest_first(catalogue):
    assert docnames(catalogue.summaries("month:2021-08")) == [
        "2021/08/suicide", "2021/08/brief", "2021/08/crying"]
    assert docnames(catalogue.summaries("month:2020-12")) == ["2020/12/old"]
    assert catalogue.summaries("month:2021-09") == ()
    assert catalogue.summaries("month:2021-8") == ()  # keys are zero-padded


def test_by_year_newest_first(catalogue):
    assert docnames(catalogue.summaries("year:2021")) == [
        "2021/08/suicide", "2021/08/brief", "2021/08/crying",
        "2021/07/harms", "2021/07/burnout"]
    assert docnames(catalogue.summaries("year:2020")) == ["2020/12/old"]
    assert catalogue.summaries("year:1999") == ()


@pytest.mark.parametrize("selector", ["topics:empathy", "", "everything", "Topic:empathy"])
def test_unknown_selector(catalogue, selector):
    with pytest.raises(ValueError) as error:
        catalogue.summaries(selector)
    assert str(error.value) == f"unknown selector {selector!r}"


def test_topic_counts_in_vocabulary_order_with_zeros(catalogue):
    assert catalogue.term_counts(VOCAB.topics) == (
        TermCount("adherence", 2),
        TermCount("empathy", 4),
        TermCount("attachment", 2),
        TermCount("training", 0),
    )


def test_research_type_counts(catalogue):
    assert catalogue.term_counts(VOCAB.research_types) == (
        TermCount("meta-analysis", 3),
        TermCount("review", 3),
        TermCount("qualitative-study", 0),
    )


def test_years(catalogue):
    assert catalogue.years() == (
        YearCount(2021, 5, (MonthCount(Month(2021, 8), 3), MonthCount(Month(2021, 7), 2))),
        YearCount(2020, 1, (MonthCount(Month(2020, 12), 1),)),
    )


def test_month_view_with_and_without_intro(catalogue):
    view = catalogue.month("2021-08")
    # In reading order (the order of the month's page and of previous/next):
    # no day first, then by day, then by name; lists elsewhere are newest first.
    assert view == MonthView(Month(2021, 8), "This month: crying and brief therapy.",
                             catalogue.summaries("month:2021-08")[::-1])
    assert docnames(view.entries) == ["2021/08/crying", "2021/08/brief", "2021/08/suicide"]
    assert catalogue.neighbours("2021/08/brief") == (view.entries[0], view.entries[2])
    assert catalogue.month("2021-07").intro == ""
    assert catalogue.month("2021-09") is None


def test_latest_month(catalogue):
    latest = catalogue.latest_month()
    assert latest.month == Month(2021, 8)
    assert latest.intro == "This month: crying and brief therapy."
    assert len(latest.entries) == 3


def test_neighbours_oldest_middle_newest(catalogue):
    assert catalogue.neighbours("2020/12/old") == Neighbours(None, entry(BURNOUT))
    assert catalogue.neighbours("2021/07/harms") == Neighbours(entry(BURNOUT), entry(CRYING))
    # across a month boundary
    assert catalogue.neighbours("2021/08/crying") == Neighbours(entry(HARMS), entry(BRIEF))
    assert catalogue.neighbours("2021/08/suicide") == Neighbours(entry(BRIEF), None)
    assert catalogue.neighbours("2021/08/unknown") == Neighbours(None, None)


def test_empty_catalogue():
    catalogue = Catalogue([], VOCAB, {})
    assert catalogue.summaries("all") == ()
    assert catalogue.latest_month() is None
    assert catalogue.years() == ()
    assert catalogue.term_counts(VOCAB.topics) == tuple(
        TermCount(slug, 0) for slug in VOCAB.topics.slugs)


def test_single_summary_has_no_neighbours():
    catalogue = Catalogue([OLD], VOCAB, {})
    assert catalogue.neighbours("2020/12/old") == Neighbours(None, None)


def test_views_are_hashable_and_equal_between_builds(catalogue):
    again = Catalogue(list(reversed(ALL)), VOCAB, dict(INTROS))
    for view in ("all", "topic:empathy", "month:2021-08", "year:2021"):
        assert hash(catalogue.summaries(view)) == hash(again.summaries(view))
        assert catalogue.summaries(view) == again.summaries(view)
    assert catalogue.years() == again.years()
    assert hash(catalogue.month("2021-08")) == hash(again.month("2021-08"))


# -- intros ---------------------------------------------------------------------------


def write(tmp_path, text: str):
    path = tmp_path / "months.yml"
    path.write_text(text, encoding="utf-8")
    return path


def test_intros_good_file(tmp_path):
    path = write(tmp_path, '# comment\n"2021-08": "  August things.  "\n'
                           '"2021-07": >\n  July\n  things.\n"2021-6": June.\n')
    assert load_intros(path) == ({"2021-08": "August things.", "2021-07": "July things.",
                                  "2021-06": "June."}, [])


def test_intros_missing_file(tmp_path):
    assert load_intros(tmp_path / "months.yml") == ({}, [])


def test_intros_empty_file(tmp_path):
    assert load_intros(write(tmp_path, "# nothing yet\n")) == ({}, [])


@pytest.mark.parametrize("key", ["2021-13", "August", "2021-08-01", "2021-00"])
def test_intros_bad_key(tmp_path, key):
    path = write(tmp_path, f'"{key}": "Text."\n"2021-07": "July."\n')
    intros, problems = load_intros(path)
    assert intros == {"2021-07": "July."}
    assert problems == [Problem(f"month intro key '{key}' is not a month; "
                                "write it as \"YYYY-MM\" in quotes", 1)]


def test_intros_unquoted_date_key(tmp_path):
    # YAML reads an unquoted 2021-08-01 as a date; it is still not a month.
    intros, problems = load_intros(write(tmp_path, "2021-08-01: Text.\n"))
    assert intros == {}
    assert problems == [Problem("month intro key '2021-08-01' is not a month; "
                                "write it as \"YYYY-MM\" in quotes", 1)]


@pytest.mark.parametrize("value", ["[a, b]", "{a: 1}", "42", "null"])
def test_intros_value_must_be_text(tmp_path, value):
    intros, problems = load_intros(write(tmp_path, f'"2021-08": {value}\n'))
    assert intros == {}
    assert problems == [Problem("the intro of 2021-08 must be text", 1)]


def test_intros_malformed_yaml(tmp_path):
    intros, problems = load_intros(write(tmp_path, '"2021-08": "unclosed\n'))
    assert intros == {}
    [problem] = problems
    assert problem.message.startswith("the month intros cannot be used: the file is not valid "
                                      "YAML (")
    assert "found unexpected end of stream" in problem.message
    assert problem.line == 1  # where the unclosed quote opens


def test_intros_not_a_mapping(tmp_path):
    intros, problems = load_intros(write(tmp_path, "- 2021-08\n- text\n"))
    assert intros == {}
    assert problems == [Problem("the month intros must be lines of the form "
                                "\"YYYY-MM\": \"one or two sentences\"", 1)]


def test_intros_not_utf8(tmp_path):
    path = tmp_path / "months.yml"
    path.write_bytes('"2021-08": "caf\u00e9"\n'.encode("latin-1"))
    intros, problems = load_intros(path)
    assert intros == {}
    assert problems[0].message.startswith("the month intros cannot be used: the file is not "
                                          "UTF-8 text")
