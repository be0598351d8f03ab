"""A month's page on the web: its summaries in full, to read straight through.

Each summary keeps its own page; the month's page shows each of them too,
with its header (topics, research type, the reviewed article), its text and
Practice Implications, and its references. Nothing is read twice: at write
time the summary's stored doctree (``env.get_doctree``, one per summary,
so the work grows with the archive, never faster) is copied into the month's
page, before the archive's views and citations are filled (priority 4), so
they are filled here as on the summary's own page. Its anchors get the
summary's slug as a prefix, so two summaries' "Practice Implications" stay
apart. The copies are left out of the search index; search finds the
summaries' own pages.

The month's page is written again whenever one of its summaries is read
again or its header, references or citations show something else: the
``month-in-full`` view says so. Other builders (the PDFs) keep the teaser list.
"""

from __future__ import annotations

from html import escape
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.transforms.post_transforms import SphinxPostTransform

from ..views import registry
from ..views.cite_roles import citations_shown
from ..views.nodes import archive_view
from ..views.references import page_references_shown
from ..views.registry import ViewKind
from ..views.render import NOT_SEARCHED, Renderer, builder_of, link, paragraph
from ..views.summary_page import HEADER, header_shown

MONTH = "month"  # the month page's own view (views.lists)
IN_FULL = "month-in-full"
DROPPED = ("summary-related", "cite-this", "summary-footer")  # for the summary's page only


def note_in_full(app: Sphinx, doctree: nodes.document) -> None:
    """doctree-read: a page showing a month also depends on its summaries' text."""
    domain = app.env.get_domain("archive")
    for placeholder in doctree.findall(archive_view):
        if placeholder["kind"] == MONTH:
            domain.note_view(app.env.docname, (IN_FULL, placeholder["argument"]))


def in_full_shown(env: BuildEnvironment, key: str, _docname: str) -> object:
    view = env.get_domain("archive").catalogue.month(key)
    if view is None:
        return None
    # When each summary was last read stands for its text.
    return [(e.docname, env.all_docs.get(e.docname), header_shown(env, "", e.docname),
             page_references_shown(env, "", e.docname), citations_shown(env, "", e.docname))
            for e in view.entries]


VIEW_KIND = ViewKind(IN_FULL, in_full_shown)


def prefix_ids(tree: nodes.Element, prefix: str) -> None:
    """Anchors and the links to them, made unique on the month's page."""
    for node in tree.findall(nodes.Element):
        for attribute in ("ids", "backrefs"):
            if node.get(attribute):
                node[attribute] = [f"{prefix}-{value}" for value in node[attribute]]
        if node.get("refid"):
            node["refid"] = f"{prefix}-{node['refid']}"


def slug_of(docname: str) -> str:
    return docname.rsplit("/", 1)[-1]


class ReadMonthInFull(SphinxPostTransform):
    # Before FillArchiveViews and FillCitations (5), which fill what is copied here.
    default_priority = 4
    builders = ("html", "dirhtml")

    def run(self, **kwargs: Any) -> None:
        catalogue = self.env.get_domain("archive").catalogue
        for placeholder in list(self.document.findall(archive_view)):
            if placeholder["kind"] != MONTH:
                continue
            view = catalogue.month(placeholder["argument"])
            if view is None or not view.entries:
                continue  # the ordinary view says "No summaries yet."
            shown: list[nodes.Node] = []
            if view.intro:
                shown.append(paragraph(view.intro, classes=("archive-month-intro",)))
            shown += [self.summary(catalogue, entry.docname, entry.title)
                      for entry in view.entries]
            placeholder.replace_self(shown)

    def summary(self, catalogue, docname: str, title: str) -> nodes.section:
        own = next(iter(self.env.get_doctree(docname).findall(nodes.section)))
        body = own.children[1:]  # all but its title
        section = nodes.section(classes=["archive-month-summary", NOT_SEARCHED])
        section.extend(body)
        prefix_ids(section, slug_of(docname))
        section["ids"] = [slug_of(docname)]
        heading = nodes.title()
        heading += link(docname, title, self.env.docname, builder=builder_of(self.env))
        section.insert(0, heading)
        renderer = Renderer(catalogue, self.env, docname, builder_of(self.env))
        for view in list(section.findall(archive_view)):
            if view["kind"] in DROPPED:
                view.parent.remove(view)
            elif view["kind"] == HEADER:
                header = registry.kind(HEADER).render(renderer, view["argument"])
                for field in list(header[0].findall(nodes.field)):
                    if "summary-meta-month" in field["classes"]:  # this very page
                        field.parent.remove(field)
                view.replace_self(header)
        return section


def month_toc(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    """html-page-context: "On this page" lists the month's summaries."""
    domain = app.env.get_domain("archive")
    keys = [argument for kind, argument in domain.views.get(pagename, ()) if kind == IN_FULL]
    view = domain.catalogue.month(keys[0]) if keys and domain.catalogue else None
    if view is None or not view.entries or "toc" not in context:
        return
    items = "".join(f'<li><a class="reference internal" href="#{escape(slug_of(e.docname))}">'
                    f"{escape(e.title)}</a></li>" for e in view.entries)
    context["toc"] = (f'<ul><li><a class="reference internal" href="#">'
                      f"{escape(view.month.label)}</a><ul>{items}</ul></li></ul>")


def setup_month_page(app: Sphinx) -> None:
    registry.register(VIEW_KIND)
    app.connect("doctree-read", note_in_full)
    app.add_post_transform(ReadMonthInFull)
    app.connect("html-page-context", month_toc)
