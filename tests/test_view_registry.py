"""Every kind of view is declared once (``views.registry``): each placeholder a
page holds has a way to render it, and what a view shows is the catalogue's data."""

from __future__ import annotations

import pytest

from summary_archive.views import registry
from summary_archive.views.registry import ViewKind

# Change sources without a placeholder: a page's citations, the PDFs' manifest,
# the text of a month's summaries (shown in full on the web), and which topics
# are empty (the sidebars of topic and research-type pages).
NO_PLACEHOLDER = {"citations", "downloads", "month-in-full", "empty-terms"}


def test_every_view_a_page_holds_is_registered(built):
    domain = built.env.get_domain("archive")
    shown = {name for views in domain.views.values() for name, _ in views}
    assert {"summaries", "month", "latest", "topics", "research-types", "months",
            "description", "summary-header", "summary-footer", "summary-related",
            "references", "page-references", "cite-this", "citations", "facets"} <= shown
    for name in shown:
        kind = registry.kind(name)
        assert (kind.render is None) == (name in NO_PLACEHOLDER), name


def test_what_a_view_shows_is_the_catalogues_data(built):
    env = built.env
    catalogue = env.get_domain("archive").catalogue
    shown = lambda name, argument="", docname="x": registry.kind(name).shown_by(  # noqa: E731
        env, argument, docname)
    assert shown("summaries", "topic:empathy") == catalogue.summaries("topic:empathy")
    assert shown("month", "2021-07") == catalogue.month("2021-07")
    assert shown("latest") == catalogue.latest_month()
    assert shown("topics") == catalogue.term_counts(catalogue.vocabulary.topics)
    assert shown("months") == catalogue.years()
    assert shown("months", "2021") == [catalogue.month("2021-08"), catalogue.month("2021-07")]
    assert shown("summary-footer", docname="2021/07/beta") == catalogue.neighbours("2021/07/beta")
    assert shown("summary-related", docname="2021/07/beta") == catalogue.related("2021/07/beta")


def test_an_unknown_view_and_a_name_taken_twice_are_refused():
    with pytest.raises(ValueError, match="unknown archive view 'nonsense'"):
        registry.kind("nonsense")
    registry.register(ViewKind("test-only", registry.nothing))
    registry.register(ViewKind("test-only", registry.nothing))  # the same again is fine
    with pytest.raises(ValueError, match="two archive views are named 'test-only'"):
        registry.register(ViewKind("test-only", lambda env, argument, docname: 1))
