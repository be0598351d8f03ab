"""Every kind of view is declared once (``views.registry``): each placeholder a
page holds has a way to render it, and what a view shows is the catalogue's data."""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace

import pytest
from helpers import soup

from summary_archive.store.domain import ArchiveDomain
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


def test_lists_are_filled_as_pages_are_written_and_left_out_of_the_search(built):
    """Views that are not searched are rendered by the HTML writer (in the -j
    workers): the pages show them in full, and the search index holds none of
    their words (cite-this's BibTeX is the one text found nowhere else)."""
    outdir = Path(built.outdir)
    page = soup(outdir, "2021/07/beta.html")
    for selector in (".summary-related", ".summary-neighbours", ".cite-this"):
        block = page.select_one(selector)
        assert block is not None and block.get_text(strip=True), selector
        assert "no-search" in block["class"], selector
    assert "howpublished" in page.select_one(".cite-this-bibtex").get_text()
    assert page.select_one(".summary-related a[href]") is not None  # links resolved
    index = (outdir / "searchindex.js").read_text(encoding="utf-8")
    terms = json.loads(index[index.index("(") + 1:index.rindex(")")])["terms"]
    assert "howpublish" not in terms and "misc" not in terms
    written_later = {name for name in ("summaries", "month", "latest", "topics",
                                       "research-types", "months", "summary-header",
                                       "summary-footer", "summary-related", "references",
                                       "page-references", "cite-this")
                     if not registry.kind(name).searched}
    assert written_later == {"summaries", "topics", "research-types", "summary-footer",
                             "summary-related", "cite-this"}


class Store(SimpleNamespace):
    """What ``ArchiveDomain.changed_pages`` reads, without an environment."""


def test_catalogue_views_are_asked_again_only_when_the_catalogue_changed():
    asked: list[tuple[str, tuple[str, str]]] = []

    def describe(docname, view):
        asked.append((docname, view))
        return f"{docname}:{view}"

    def of_catalogue(view):
        return view[0] == "summary-related"

    views = {"a": (("summary-related", ""), ("summary-header", "")),
             "b": (("summary-related", ""),)}
    store = Store(data={"digests": {}, "catalogue_digests": {}, "catalogue_fingerprint": None},
                  views=views, vocabulary="vocabulary", catalogue_fingerprint="one")
    assert ArchiveDomain.changed_pages(store, describe, of_catalogue) == ["a", "b"]
    assert len(asked) == 3
    asked.clear()
    # The same catalogue: only the view that is not the catalogue's is asked again.
    assert ArchiveDomain.changed_pages(store, describe, of_catalogue) == []
    assert asked == [("a", ("summary-header", ""))]
    asked.clear()
    # Another catalogue: every view is asked, and pages showing the same stay unwritten.
    store.catalogue_fingerprint = "two"
    assert ArchiveDomain.changed_pages(store, describe, of_catalogue) == []
    assert len(asked) == 3
    # A page that gained a view is written again, even with the catalogue unchanged.
    store.views = {**views, "b": (("summary-related", ""), ("summary-related", "x"))}
    assert ArchiveDomain.changed_pages(store, describe, of_catalogue) == ["b"]
    # A page gone takes its digests with it.
    store.views = {"a": views["a"]}
    ArchiveDomain.changed_pages(store, describe, of_catalogue)
    assert set(store.data["digests"]) == set(store.data["catalogue_digests"]) == {"a"}
