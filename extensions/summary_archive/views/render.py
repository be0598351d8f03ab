"""Fill each ``archive_view`` placeholder with nodes, for any builder.

Runs as a post-transform, at write time; in an HTML build the views that are
not searched (``registry``) are filled instead as the page is written
(``fill_when_written``, a visitor of the HTML translator): Sphinx runs every
post-transform of a ``-j`` build in its main process, but writes the pages in
its workers, so the lists of every page are made there, in parallel, and the
search indexer never walks them. Each link to a document is made as
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
from sphinx.transforms.post_transforms import ReferencesResolver, SphinxPostTransform
from sphinx.util.docutils import new_document
from sphinx.util.nodes import make_refnode, process_only_nodes

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
    return paragraph(text, classes=("archive-empty", NOT_SEARCHED))


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


def rendered(placeholder: archive_view, env, builder) -> list[nodes.Node]:
    """The nodes of the view a placeholder stands for."""
    # The page the placeholder was read from: in a LaTeX build every page
    # is inlined into one document, so the current docname would lie.
    renderer = Renderer(env.get_domain("archive").catalogue, env, placeholder["docname"],
                        builder)
    return registry.kind(placeholder["kind"]).render(renderer, placeholder["argument"])


def written_later(placeholder: archive_view, builder) -> bool:
    """Filled by the HTML writer (``fill_when_written``) rather than now."""
    return (builder is not None and builder.format == "html"
            and not registry.kind(placeholder["kind"]).searched)


class FillArchiveViews(SphinxPostTransform):
    # Before ReferencesResolver (10), which resolves any link left pending here.
    default_priority = 5

    def run(self, **kwargs) -> None:
        placeholders = list(self.document.findall(archive_view))
        builder = builder_of(self.env)
        for placeholder in placeholders:
            if not written_later(placeholder, builder):
                placeholder.replace_self(rendered(placeholder, self.env, builder))


def fill_when_written(translator, placeholder: archive_view) -> None:
    """HTML visitor: the view's nodes become the placeholder's children, which
    the translator walks next (once: a page's nodes may be written twice).

    What the post-transforms after this one would do to them is done here:
    ``only`` blocks are kept or dropped, and a link to a missing document is
    resolved (or reported) by Sphinx's own ReferencesResolver."""
    if placeholder.get("filled"):
        return
    placeholder["filled"] = True
    builder = translator.builder
    document = new_document(placeholder["docname"], translator.document.settings)
    document.extend(rendered(placeholder, builder.env, builder))
    process_only_nodes(document, builder.tags)
    if next(document.findall(addnodes.pending_xref), None) is not None:
        ReferencesResolver(document).apply()
    children = list(document.children)
    document.children.clear()
    placeholder.extend(children)


def leave_filled(translator, placeholder: archive_view) -> None:
    """HTML visitor: the placeholder itself writes nothing."""
