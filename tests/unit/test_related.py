"""Unit tests for Catalogue.related: the related summaries under each summary."""

from __future__ import annotations

from summary_archive.core.catalogue import RELATED_LIMIT, Catalogue, Related, entry
from summary_archive.core.model import Month, Summary
from summary_archive.core.vocabulary import vocabulary_from_data

VOCAB = vocabulary_from_data({
    "topics": [{"slug": slug, "label": slug.title()} for slug in ("a", "b", "c", "d")],
    "research_types": [{"slug": "review", "label": "Review"}],
})


def summary(docname: str, *topics: str, day: int | None = None) -> Summary:
    year, month, slug = docname.split("/")
    return Summary(docname, f"Title of {slug}", Month(int(year), int(month)), day, "A. Author",
                   topics, "review", f"key-{slug}", "")


PAGE = summary("2021/05/page", "a", "b", "c")
TWO_OLD = summary("2020/01/two-old", "a", "b")           # 2 shared, oldest
TWO_NEW = summary("2021/03/two-new", "b", "c", "d")      # 2 shared, newer
ONE_NEW = summary("2021/09/one-new", "c")                # 1 shared, newest of all
ONE_OLD = summary("2020/06/one-old", "a", "d")           # 1 shared
NONE = summary("2021/08/none", "d")                      # shares nothing
ALL = [ONE_OLD, PAGE, NONE, TWO_NEW, ONE_NEW, TWO_OLD]


def test_most_shared_topics_first_then_most_recent():
    related = Catalogue(ALL, VOCAB, {}).related(PAGE.docname)
    assert [r.entry.docname for r in related] == [
        TWO_NEW.docname, TWO_OLD.docname, ONE_NEW.docname, ONE_OLD.docname]
    assert related[0] == Related(entry(TWO_NEW), ("b", "c"))
    assert related[3].shared_topics == ("a",)


def test_same_month_tie_is_broken_by_day():
    early = summary("2021/03/early", "a", day=2)
    late = summary("2021/03/late", "a", day=20)
    related = Catalogue([early, late, PAGE], VOCAB, {}).related(PAGE.docname)
    assert [r.entry.docname for r in related] == [late.docname, early.docname]


def test_a_summary_sharing_no_topic_has_no_related_summaries():
    catalogue = Catalogue(ALL, VOCAB, {})
    assert [r.entry.docname for r in catalogue.related(NONE.docname)] == [
        TWO_NEW.docname, ONE_OLD.docname]
    assert Catalogue([NONE, ONE_NEW], VOCAB, {}).related(NONE.docname) == ()
    assert catalogue.related("2021/05/unknown") == ()


def test_the_list_is_capped():
    many = [summary(f"2021/01/s{i:02d}", "a", day=i + 1) for i in range(RELATED_LIMIT + 3)]
    related = Catalogue([PAGE, *many], VOCAB, {}).related(PAGE.docname)
    assert len(related) == RELATED_LIMIT
    assert related[0].entry.docname == many[-1].docname
