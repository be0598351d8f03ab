"""The lists and indexes: summaries by topic, type, month and year; the topic,
research-type and month indexes; the landing page's latest month.

Each kind is a ``ViewKind``: what it shows comes from the ``Catalogue``,
so the page is written again exactly when that changes. Lists repeat the
summaries' titles and teasers, so they are left out of the search index
(``no-search``): searching finds the summaries themselves. Terms without
summaries are named in one de-emphasised line, not given the room of the rest.
"""

from __future__ import annotations

from docutils import nodes

from ..core.catalogue import Entry, MonthView
from .registry import ViewKind, nothing
from .render import NOT_SEARCHED, Renderer, empty, paragraph


def entry_list(r: Renderer, entries: tuple[Entry, ...], show_month: bool = True) -> nodes.Node:
    if not entries:
        return empty()
    items = nodes.bullet_list(classes=["archive-summaries", NOT_SEARCHED])
    for entry in entries:
        item = nodes.list_item(classes=["archive-summary"])
        item += paragraph(nodes.strong("", "", r.link(entry.docname, entry.title)),
                          classes=("archive-summary-title",))
        meta = []
        if show_month:
            meta += [r.link(entry.month.docname, entry.month.label), " · "]
        meta.append(r.type_link(entry.research_type))
        item += paragraph(*meta, classes=("archive-summary-meta",))
        if entry.teaser:
            item += paragraph(entry.teaser, classes=("archive-summary-teaser",))
        items += item
    return items


def month_block(r: Renderer, view: MonthView, heading: bool) -> list[nodes.Node]:
    result: list[nodes.Node] = []
    if heading:
        result.append(paragraph(nodes.strong("", "", r.link(view.month.docname,
                                                             view.month.label)),
                                classes=("archive-month-heading",)))
    if view.intro:
        result.append(paragraph(view.intro, classes=("archive-month-intro",)))
    result.append(entry_list(r, view.entries, show_month=False))
    if heading and view.entries:
        count = len(view.entries)
        what = "the summary" if count == 1 else f"all {count} summaries"
        result.append(paragraph(
            r.link(view.month.docname, f"Read {what} of {view.month.label} on one page"),
            classes=("archive-month-read", NOT_SEARCHED)))
    return result


def term_index(r: Renderer, facet, folder: str) -> list[nodes.Node]:
    """Terms with summaries, each with its count and description; then the
    terms without any, in one line (each still links to its page)."""
    items = nodes.bullet_list(classes=["archive-term-index", NOT_SEARCHED])
    empty_terms: list[str] = []
    for slug, count in r.catalogue.term_counts(facet):
        if not count:
            empty_terms.append(slug)
            continue
        term = facet.get(slug)
        noun = "summary" if count == 1 else "summaries"
        item = nodes.list_item()
        item += paragraph(nodes.strong("", "", r.link(f"{folder}/{slug}", term.label)),
                          f" ({count} {noun})")
        if term.description:
            item += paragraph(term.description, classes=("archive-term-description",))
        items += item
    result: list[nodes.Node] = [items] if len(items) else []
    if empty_terms:
        noun = {"topics": "topic", "research-types": "research type"}.get(folder, "term")
        n = len(empty_terms)
        line: list[nodes.Node | str] = [
            nodes.strong("", f"{n} {noun}{'' if n == 1 else 's'} with no summaries yet: ")]
        for index, slug in enumerate(empty_terms):
            line += [", "] if index else []
            line += [r.link(f"{folder}/{slug}", facet.get(slug).label)]
        result.append(paragraph(*line, classes=("archive-empty-terms", NOT_SEARCHED)))
    return result


def month_index(r: Renderer, year: str) -> nodes.Node:
    years = [y for y in r.catalogue.years() if not year or str(y.year) == year]
    if not years:
        return empty()
    outer = nodes.bullet_list(classes=["archive-months", NOT_SEARCHED])
    for year_count in years:
        months = nodes.bullet_list()
        for month, count in year_count.months:
            months += nodes.list_item("", paragraph(r.link(month.docname, month.label),
                                                    f" ({count})"))
        if year:  # a year's own page lists its months with their summaries
            for month, _ in year_count.months:
                outer += nodes.list_item("", *month_block(r, r.catalogue.month(month.key),
                                                          heading=True))
            continue
        outer += nodes.list_item(
            "", paragraph(nodes.strong("", "", r.link(f"{year_count.year}/index",
                                                       str(year_count.year))),
                          f" ({year_count.count})"), months)
    return outer


def catalogue(env):
    return env.get_domain("archive").catalogue


def months_shown(env, year: str, docname: str) -> object:
    if not year:
        return catalogue(env).years()
    # A year's page lists each of its months with their summaries.
    return [catalogue(env).month(m.key) for m in catalogue(env).months if str(m.year) == year]


def render_month(r: Renderer, key: str) -> list[nodes.Node]:
    view = r.catalogue.month(key)
    return month_block(r, view, heading=False) if view else [empty()]


def render_latest(r: Renderer, _argument: str) -> list[nodes.Node]:
    view = r.catalogue.latest_month()
    return month_block(r, view, heading=True) if view else [empty()]


def render_description(r: Renderer, argument: str) -> list[nodes.Node]:
    facet_kind, _, slug = argument.partition(":")
    facet = r.vocabulary.topics if facet_kind == "topic" else r.vocabulary.research_types
    return [paragraph(facet.get(slug).description, classes=("archive-term-description",))]


VIEW_KINDS = (
    # Lists and indexes, left out of the search; a month's intro, on the
    # month's, year's and landing pages, is searched.
    ViewKind("summaries", lambda env, selector, _doc: catalogue(env).summaries(selector),
             lambda r, selector: [entry_list(r, r.catalogue.summaries(selector))],
             from_catalogue=True, searched=False),
    ViewKind("month", lambda env, key, _doc: catalogue(env).month(key), render_month,
             from_catalogue=True),
    ViewKind("latest", lambda env, _arg, _doc: catalogue(env).latest_month(), render_latest,
             from_catalogue=True),
    ViewKind("topics",
             lambda env, _arg, _doc: catalogue(env).term_counts(catalogue(env).vocabulary.topics),
             lambda r, _arg: term_index(r, r.vocabulary.topics, "topics"),
             from_catalogue=True, searched=False),
    ViewKind("research-types",
             lambda env, _arg, _doc: catalogue(env).term_counts(
                 catalogue(env).vocabulary.research_types),
             lambda r, _arg: term_index(r, r.vocabulary.research_types, "research-types"),
             from_catalogue=True, searched=False),
    ViewKind("months", months_shown, lambda r, year: [month_index(r, year)],
             from_catalogue=True),
    # A description changes only with the vocabulary, which every digest includes.
    ViewKind("description", nothing, render_description, from_catalogue=True),
)
