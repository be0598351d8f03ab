"""A summary page's own views: its header (month, topics, research type, the
reviewed article), related summaries, and the previous/next links.

Placeholders for them (and for the page's references and cite-this block) are
added to every valid summary when it is read; they are filled for any builder.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx

from ..store.references import entry_fingerprint
from .markup import reference_paragraph
from .nodes import archive_view
from .registry import ViewKind
from .render import Renderer, paragraph

# Where a summary's views go: the header right after its title, the rest at its end.
HEADER = "summary-header"
ENDING = ("page-references", "summary-related", "cite-this", "summary-footer")


def add_summary_views(app: Sphinx, doctree: nodes.document) -> None:
    """doctree-read: give every valid summary page its header and ending."""
    docname = app.env.docname
    domain = app.env.get_domain("archive")
    section = next(iter(doctree.findall(nodes.section)), None)
    if docname not in domain.summaries or section is None:
        return
    section.insert(1, archive_view(kind=HEADER, argument="", docname=docname))
    for kind in ENDING:
        section.append(archive_view(kind=kind, argument="", docname=docname))
    for kind in (*ENDING[:-1], HEADER, ENDING[-1]):  # the order digests were taken in
        domain.note_view(docname, (kind, ""))


def summary_header(r: Renderer, _argument: str) -> list[nodes.Node]:
    summary = r.summary
    fields = nodes.field_list(classes=["summary-meta"])

    def field(name: str, *body: nodes.Node) -> None:
        fields.append(nodes.field("", nodes.field_name(name, name),
                                  nodes.field_body("", *body)))

    field("Month", paragraph(r.link(summary.month.docname, summary.month.label)))
    topics: list[nodes.Node | str] = []
    for slug in summary.topics:
        topics += [r.topic_link(slug), " "]
    field("Topics", paragraph(*topics[:-1]))
    field("Research type", paragraph(r.type_link(summary.research_type)))
    reference = reference_paragraph(r.env, summary.reviews)
    if reference is not None:
        field("Reviewed article", reference)
    return [fields]


def summary_footer(r: Renderer, _argument: str) -> list[nodes.Node]:
    neighbours = r.catalogue.neighbours(r.docname)
    container = nodes.container(classes=["summary-neighbours"])
    for label, entry in (("Previous summary", neighbours.previous),
                         ("Next summary", neighbours.next)):
        if entry is not None:
            container += paragraph(f"{label}: ", r.link(entry.docname, entry.title),
                                   f" ({entry.month.label})",
                                   classes=("summary-" + label.split()[0].lower(),))
    return [container]


def summary_related(r: Renderer, _argument: str) -> list[nodes.Node]:
    related = r.catalogue.related(r.docname)
    if not related:
        return []  # nothing at all when none shares a topic
    container = nodes.container(classes=["summary-related"])
    heading = nodes.rubric("Related summaries", "Related summaries")
    heading["heading-level"] = 2  # a real heading in HTML, for screen-reader navigation
    container += heading
    items = nodes.bullet_list(classes=["summary-related-list"])
    for entry, shared in related:
        labels = ", ".join(r.vocabulary.topics.get(slug).label for slug in shared)
        items += nodes.list_item("", paragraph(
            r.link(entry.docname, entry.title), f" ({entry.month.label})",
            nodes.inline("", f" Shared topics: {labels}.", classes=["summary-related-topics"])))
    container += items
    return [container]


def header_shown(env, _argument: str, docname: str) -> object:
    # The page's own record (re-read whenever it changes) and its reviewed article.
    summary = env.get_domain("archive").summaries.get(docname)
    return summary, summary and entry_fingerprint(env, summary.reviews)


def catalogue(env):
    return env.get_domain("archive").catalogue


VIEW_KINDS = (
    ViewKind(HEADER, header_shown, summary_header),
    ViewKind("summary-footer", lambda env, _arg, doc: catalogue(env).neighbours(doc),
             summary_footer),
    ViewKind("summary-related", lambda env, _arg, doc: catalogue(env).related(doc),
             summary_related),
)
