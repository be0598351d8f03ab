"""Fill each ``archive_view`` placeholder with nodes, for any builder.

Runs as a post-transform before Sphinx resolves references, so every link is a
``pending_xref`` to a document: HTML gets relative URLs, LaTeX internal links.
All text from front matter and the vocabulary enters as ``Text`` nodes, never
as markup, so a title holding ``<script>`` shows as text.
"""

from __future__ import annotations

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from .catalogue import Catalogue, Entry, MonthView
from .facets import facet_form
from .nodes import archive_view
from . import reference_views
from .reference import reference_paragraph


def link(docname: str, text: str, fromdoc: str, classes: tuple[str, ...] = ()) -> nodes.Node:
    xref = addnodes.pending_xref("", refdomain="std", reftype="doc", reftarget="/" + docname,
                                 refdoc=fromdoc, refexplicit=True, refwarn=True)
    xref += nodes.inline(text, text, classes=list(classes))
    return xref


def paragraph(*children: nodes.Node | str, classes: tuple[str, ...] = ()) -> nodes.paragraph:
    para = nodes.paragraph(classes=list(classes))
    for child in children:
        para += nodes.Text(child) if isinstance(child, str) else child
    return para


class Renderer:
    """Turns the catalogue's views into nodes for one page."""

    def __init__(self, catalogue: Catalogue, env, docname: str) -> None:
        self.catalogue = catalogue
        self.vocabulary = catalogue.vocabulary
        self.env = env
        self.docname = docname

    def link(self, docname: str, text: str, classes: tuple[str, ...] = ()) -> nodes.Node:
        return link(docname, text, self.docname, classes)

    def topic_link(self, slug: str) -> nodes.Node:
        # The class goes on a wrapper: resolving a :doc: link replaces its content.
        badge = nodes.inline(classes=["topic-badge"])
        badge += self.link(f"topics/{slug}", self.vocabulary.topics.get(slug).label)
        return badge

    def type_link(self, slug: str) -> nodes.Node:
        return self.link(f"research-types/{slug}", self.vocabulary.research_types.get(slug).label)

    # -- lists -------------------------------------------------------------

    def entry_list(self, entries: tuple[Entry, ...], show_month: bool = True) -> nodes.Node:
        if not entries:
            return paragraph("No summaries yet.", classes=("archive-empty",))
        items = nodes.bullet_list(classes=["archive-summaries"])
        for entry in entries:
            item = nodes.list_item(classes=["archive-summary"])
            item += paragraph(nodes.strong("", "", self.link(entry.docname, entry.title)),
                              classes=("archive-summary-title",))
            meta = []
            if show_month:
                meta += [self.link(entry.month.docname, entry.month.label), " · "]
            meta.append(self.type_link(entry.research_type))
            item += paragraph(*meta, classes=("archive-summary-meta",))
            if entry.teaser:
                item += paragraph(entry.teaser, classes=("archive-summary-teaser",))
            items += item
        return items

    def month_block(self, view: MonthView, heading: bool) -> list[nodes.Node]:
        result: list[nodes.Node] = []
        if heading:
            result.append(paragraph(nodes.strong("", "", self.link(view.month.docname,
                                                                    view.month.label)),
                                    classes=("archive-month-heading",)))
        if view.intro:
            result.append(paragraph(view.intro, classes=("archive-month-intro",)))
        result.append(self.entry_list(view.entries, show_month=False))
        return result

    def term_index(self, facet, folder: str) -> nodes.Node:
        counts = (self.catalogue.term_counts(facet))
        items = nodes.bullet_list(classes=["archive-term-index"])
        for slug, count in counts:
            term = facet.get(slug)
            noun = "summary" if count == 1 else "summaries"
            item = nodes.list_item()
            item += paragraph(nodes.strong("", "", self.link(f"{folder}/{slug}", term.label)),
                              f" ({count} {noun})")
            if term.description:
                item += paragraph(term.description, classes=("archive-term-description",))
            items += item
        return items

    def month_index(self, year: str) -> nodes.Node:
        years = [y for y in self.catalogue.years() if not year or str(y.year) == year]
        if not years:
            return paragraph("No summaries yet.", classes=("archive-empty",))
        outer = nodes.bullet_list(classes=["archive-months"])
        for year_count in years:
            months = nodes.bullet_list()
            for month, count in year_count.months:
                months += nodes.list_item("", paragraph(self.link(month.docname, month.label),
                                                        f" ({count})"))
            if year:  # a year's own page lists its months with their summaries
                for month, _ in year_count.months:
                    outer += nodes.list_item("", *self.month_block(
                        self.catalogue.month(month.key), heading=True))
                continue
            outer += nodes.list_item(
                "", paragraph(nodes.strong("", "", self.link(f"{year_count.year}/index",
                                                              str(year_count.year))),
                              f" ({year_count.count})"), months)
        return outer

    # -- a summary page's own header and footer ----------------------------

    def summary_header(self) -> nodes.Node:
        summary = self.catalogue_summary()
        fields = nodes.field_list(classes=["summary-meta"])

        def field(name: str, *body: nodes.Node) -> None:
            fields.append(nodes.field("", nodes.field_name(name, name),
                                      nodes.field_body("", *body)))

        field("Month", paragraph(self.link(summary.month.docname, summary.month.label)))
        topics: list[nodes.Node | str] = []
        for slug in summary.topics:
            topics += [self.topic_link(slug), " "]
        field("Topics", paragraph(*topics[:-1]))
        field("Research type", paragraph(self.type_link(summary.research_type)))
        reference = reference_paragraph(self.env, summary.reviews)
        if reference is not None:
            field("Reviewed article", reference)
        return fields

    def summary_footer(self) -> nodes.Node:
        neighbours = self.catalogue.neighbours(self.docname)
        container = nodes.container(classes=["summary-neighbours"])
        for label, entry in (("Previous summary", neighbours.previous),
                             ("Next summary", neighbours.next)):
            if entry is not None:
                container += paragraph(f"{label}: ", self.link(entry.docname, entry.title),
                                       f" ({entry.month.label})",
                                       classes=("summary-" + label.split()[0].lower(),))
        return container

    def summary_related(self) -> nodes.Node:
        related = self.catalogue.related(self.docname)
        container = nodes.container(classes=["summary-related"])
        if not related:
            return container
        heading = nodes.rubric("Related summaries", "Related summaries")
        heading["heading-level"] = 2  # a real heading in HTML, for screen-reader navigation
        container += heading
        items = nodes.bullet_list(classes=["summary-related-list"])
        for entry, shared in related:
            labels = ", ".join(self.vocabulary.topics.get(slug).label for slug in shared)
            items += nodes.list_item("", paragraph(
                self.link(entry.docname, entry.title), f" ({entry.month.label})",
                nodes.inline("", f" Shared topics: {labels}.", classes=["summary-related-topics"])))
        container += items
        return container

    def catalogue_summary(self):
        return self.env.get_domain("archive").summaries[self.docname]

    # -- dispatch ----------------------------------------------------------

    def render(self, kind: str, argument: str) -> list[nodes.Node]:
        catalogue = self.catalogue
        if kind == "summaries":
            return [self.entry_list(catalogue.summaries(argument))]
        if kind == "month":
            view = catalogue.month(argument)
            return self.month_block(view, heading=False) if view else [
                paragraph("No summaries yet.", classes=("archive-empty",))]
        if kind == "latest":
            view = catalogue.latest_month()
            return self.month_block(view, heading=True) if view else [
                paragraph("No summaries yet.", classes=("archive-empty",))]
        if kind == "topics":
            return [self.term_index(self.vocabulary.topics, "topics")]
        if kind == "research-types":
            return [self.term_index(self.vocabulary.research_types, "research-types")]
        if kind == "months":
            return [self.month_index(argument)]
        if kind == "description":
            facet_kind, _, slug = argument.partition(":")
            facet = self.vocabulary.topics if facet_kind == "topic" else self.vocabulary.research_types
            return [paragraph(facet.get(slug).description, classes=("archive-term-description",))]
        if kind == "summary-header":
            return [self.summary_header()]
        if kind == "summary-footer":
            return [self.summary_footer()]
        if kind in reference_views.KINDS:
            return reference_views.render(self, kind)
        if kind == "summary-related":
            related = self.summary_related()
            return [related] if len(related) else []  # nothing at all when none share a topic
        if kind == "facets":  # a browser-side form: HTML only, filled from the JSON index
            form_id = "facets-" + "-".join(argument.replace(":", " ").split())
            return [nodes.raw("", facet_form(argument, form_id), format="html")]
        raise ValueError(f"unknown archive view {kind!r}")


class FillArchiveViews(SphinxPostTransform):
    # Before ReferencesResolver (10), which resolves the links made here.
    default_priority = 5

    def run(self, **kwargs) -> None:
        placeholders = list(self.document.findall(archive_view))
        if not placeholders:
            return
        catalogue = self.env.get_domain("archive").catalogue
        for placeholder in placeholders:
            # The page the placeholder was read from: in a LaTeX build every page
            # is inlined into one document, so the current docname would lie.
            renderer = Renderer(catalogue, self.env, placeholder["docname"])
            placeholder.replace_self(renderer.render(placeholder["kind"], placeholder["argument"]))
