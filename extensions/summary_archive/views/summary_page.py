"""A summary page's own views: its header (month, topics, research type, the
reviewed article), related summaries, and the previous/next links.

Placeholders for them (and for the page's references and cite-this block) are
added to every valid summary when it is read; they are filled for any builder.
The Practice Implications section is marked (class ``practice-implications``)
so that the web sets it apart as the PDF does. Lists that repeat other
summaries' titles (related, previous/next) are left out of the search index
(class ``no-search``): a search for a word of a title finds that summary.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx

from ..store.references import entry_fingerprint
from .markup import reference_paragraph
from .nodes import archive_view
from .printable import practice_sections
from .registry import ViewKind
from .render import NOT_SEARCHED, Renderer, paragraph

# Where a summary's views go: the header right after its title, the rest at its end.
HEADER = "summary-header"
ENDING = ("page-references", "summary-related", "cite-this", "summary-footer")
PRACTICE_CLASS = "practice-implications"


def mark_practice_implications(section: nodes.section) -> None:
    for practice in practice_sections(section):
        if PRACTICE_CLASS not in practice["classes"]:
            practice["classes"].append(PRACTICE_CLASS)


def add_summary_views(app: Sphinx, doctree: nodes.document) -> None:
    """doctree-read: give every valid summary page its header and ending."""
    docname = app.env.docname
    domain = app.env.get_domain("archive")
    section = next(iter(doctree.findall(nodes.section)), None)
    if docname not in domain.summaries or section is None:
        return
    mark_practice_implications(section)
    section.insert(1, archive_view(kind=HEADER, argument="", docname=docname))
    for kind in ENDING:
        section.append(archive_view(kind=kind, argument="", docname=docname))
    for kind in (*ENDING[:-1], HEADER, ENDING[-1]):  # the order digests were taken in
        domain.note_view(docname, (kind, ""))


def summary_header(r: Renderer, _argument: str) -> list[nodes.Node]:
    summary = r.summary
    fields = nodes.field_list(classes=["summary-meta"])

    def field(name: str, *body: nodes.Node) -> None:
        # Classed by name, so that a month's page can leave out its own month.
        fields.append(nodes.field("", nodes.field_name(name, name), nodes.field_body("", *body),
                                  classes=["summary-meta-" + name.split()[0].lower()]))

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
    """The one previous/next navigation: the summaries in reading order (by
    month, and within a month in the order its page shows them)."""
    neighbours = r.catalogue.neighbours(r.docname)
    container = nodes.container(classes=["summary-neighbours", NOT_SEARCHED])
    for label, entry in (("Previous summary", neighbours.previous),
                         ("Next summary", neighbours.next)):
        if entry is not None:
            container += paragraph(
                nodes.inline("", f"{label}: ", classes=["summary-neighbour-label"]),
                r.link(entry.docname, entry.title),
                nodes.inline("", f" ({entry.month.label})", classes=["summary-neighbour-month"]),
                classes=("summary-" + label.split()[0].lower(),))
    return [container]


def summary_related(r: Renderer, _argument: str) -> list[nodes.Node]:
    related = r.catalogue.related(r.docname)
    if not related:
        return []  # nothing at all when none shares a topic
    container = nodes.container(classes=["summary-related", NOT_SEARCHED])
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
             summary_footer, from_catalogue=True, searched=False),
    ViewKind("summary-related", lambda env, _arg, doc: catalogue(env).related(doc),
             summary_related, from_catalogue=True, searched=False),
)
