"""Fill each ``archive_view`` placeholder with nodes, for any builder.

Runs as a post-transform, at write time: each link to a document is made as
Sphinx's own resolver would make it from a ``:doc:`` reference (HTML gets a
relative URL, LaTeX an internal link), directly, since the builder is known;
a document that does not exist stays a ``pending_xref`` for Sphinx to report.
All text from front matter and the vocabulary enters as ``Text`` nodes, never
as markup, so a title holding ``<script>`` shows as text. What each kind of
view shows is declared once, in ``registry``.
"""

from __future__ import annotations

from weakref import WeakKeyDictionary

from docutils import nodes
from sphinx import addnodes
from sphinx.errors import NoUri
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.nodes import make_refnode

from ..core.catalogue import Catalogue
from ..core.model import Summary
from . import registry
from .nodes import archive_view


# The builder of each environment's build, noted at builder-inited: post-transforms
# make links with it (SphinxTransform.app is deprecated from Sphinx 9).
_builders: WeakKeyDictionary = WeakKeyDictionary()


def note_builder(app) -> None:
    """builder-inited: the builder that links made by post-transforms are for."""
    _builders[app.env] = app.builder


def builder_of(env):
    return _builders.get(env)


def link(docname: str, text: str, fromdoc: str, classes: tuple[str, ...] = (),
         builder=None) -> nodes.Node:
    """A link to a document, titled ``text``.

    With the builder at hand, the reference the std domain's ``:doc:``
    resolution makes (make_refnode around ``<span class="doc">``), made here:
    an archive's pages hold tens of thousands of these links, and resolving
    each as a ``pending_xref`` was a large share of writing a page."""
    if builder is not None and docname in builder.env.all_docs:
        try:
            return make_refnode(builder, fromdoc, docname, None,
                                nodes.inline(text, text, classes=["doc"]))
        except NoUri:  # a page outside this PDF: its title, unlinked, as Sphinx leaves it
            return nodes.inline(text, text, classes=list(classes))
    xref = addnodes.pending_xref("", refdomain="std", reftype="doc", reftarget="/" + docname,
                                 refdoc=fromdoc, refexplicit=True, refwarn=True)
    xref += nodes.inline(text, text, classes=list(classes))
    return xref


def paragraph(*children: nodes.Node | str, classes: tuple[str, ...] = ()) -> nodes.paragraph:
    para = nodes.paragraph(classes=list(classes))
    for child in children:
        para += nodes.Text(child) if isinstance(child, str) else child
    return para


# Sphinx's search index skips elements with this class: lists that repeat other
# pages' titles and teasers carry it, so a search finds the summaries themselves.
NOT_SEARCHED = "no-search"


def empty(text: str = "No summaries yet.") -> nodes.paragraph:
    return paragraph(text, classes=("archive-empty",))


class Renderer:
    """What every view needs to make nodes for one page."""

    def __init__(self, catalogue: Catalogue, env, docname: str, builder=None) -> None:
        self.catalogue = catalogue
        self.vocabulary = catalogue.vocabulary
        self.env = env
        self.docname = docname
        self.builder = builder  # links are made resolved when it is given

    @property
    def summary(self) -> Summary:
        """The record of the page being rendered (for a summary's own views)."""
        return self.env.get_domain("archive").summaries[self.docname]

    def link(self, docname: str, text: str, classes: tuple[str, ...] = ()) -> nodes.Node:
        return link(docname, text, self.docname, classes, self.builder)

    def topic_link(self, slug: str) -> nodes.Node:
        # The class goes on a wrapper: resolving a :doc: link replaces its content.
        badge = nodes.inline(classes=["topic-badge"])
        badge += self.link(f"topics/{slug}", self.vocabulary.topics.get(slug).label)
        return badge

    def type_link(self, slug: str) -> nodes.Node:
        return self.link(f"research-types/{slug}", self.vocabulary.research_types.get(slug).label)


class FillArchiveViews(SphinxPostTransform):
    # Before ReferencesResolver (10), which resolves any link left pending here.
    default_priority = 5

    def run(self, **kwargs) -> None:
        placeholders = list(self.document.findall(archive_view))
        if not placeholders:
            return
        catalogue = self.env.get_domain("archive").catalogue
        for placeholder in placeholders:
            # The page the placeholder was read from: in a LaTeX build every page
            # is inlined into one document, so the current docname would lie.
            renderer = Renderer(catalogue, self.env, placeholder["docname"],
                                builder_of(self.env))
            view_kind = registry.kind(placeholder["kind"])
            placeholder.replace_self(view_kind.render(renderer, placeholder["argument"]))
