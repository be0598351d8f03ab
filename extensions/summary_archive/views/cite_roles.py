"""In-text citations in APA author-date form.

``{cite:t}`key``` gives "Cuijpers et al. (2021)", ``{cite:p}`key``` (and
``{cite}``) gives "(Cuijpers et al., 2021)"; several keys, comma-separated,
give APA's list: "(Love & Morgan, 2021; Moritz et al., 2019)", one author's
works collapsed, "(Okafor, 2019, 2021a, 2021b)", and in running text "Okafor
(2019, 2021a) and M. K. Dahl (2022)". The roles keep sphinxcontrib-bibtex's
names, so pages need no change, but the text comes from the same citeproc-js
batch as every reference (``citations.engine``, rendered at env-updated), and
a key cited on many pages is never a "duplicate citation". Each work links to
its entry on the References page (in a PDF, to its entry in the PDF's own
references: ``pdf.layout``).
"""

from __future__ import annotations

from collections.abc import Iterable

from docutils import nodes
from sphinx import addnodes
from sphinx.environment import BuildEnvironment
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.docutils import SphinxRole

from ..store.domain import REFERENCES_VIEW
from ..store.references import apa_references
from .markup import markup_nodes
from .nodes import archive_citation
from .registry import ViewKind

CITATIONS = "citations"  # a page's in-text citations: a view with no placeholder


class CiteRole(SphinxRole):
    def __init__(self, textual: bool) -> None:
        self.textual = textual

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        keys = tuple(key.strip() for key in self.text.split(",") if key.strip())
        node = archive_citation(self.rawtext, keys=keys, textual=self.textual,
                                docname=self.env.docname)
        self.set_source_info(node)
        domain = self.env.get_domain("archive")
        domain.note_citation(self.env.docname, keys, self.textual, self.lineno)
        # Its text and links change with the bibliography: a view to compare.
        if (CITATIONS, "") not in domain.views.get(self.env.docname, ()):
            domain.note_view(self.env.docname, (CITATIONS, ""))
        return [node], []


def register_roles(app) -> None:
    """Take over sphinxcontrib-bibtex's citation roles (same names, APA text)."""
    app.add_role_to_domain("cite", "t", CiteRole(textual=True), override=True)
    app.add_role_to_domain("cite", "p", CiteRole(textual=False), override=True)
    app.add_role("cite", CiteRole(textual=False), override=True)


class FillCitations(SphinxPostTransform):
    # Before ReferencesResolver (10); like FillArchiveViews.
    default_priority = 5

    def run(self, **kwargs) -> None:
        citations = list(self.document.findall(archive_citation))
        if not citations:
            return
        apa = apa_references(self.env)
        for citation in citations:
            pieces = apa.citation(citation["keys"], citation["textual"])
            inline = nodes.inline(classes=["apa-citation"])
            if not pieces:  # the key is unknown: reported at env-updated
                inline += nodes.Text(", ".join(citation["keys"]))
            for key, markup in pieces:
                children = markup_nodes(markup)
                if key is None:
                    inline.extend(children)
                    continue
                # Resolved by ArchiveDomain.resolve_xref to the References page
                # (left as text where there is none); a PDF retargets it.
                xref = addnodes.pending_xref("", refdomain="archive", reftype="citation",
                                             reftarget=key, refdoc=citation["docname"],
                                             refwarn=False)
                xref += nodes.inline("", "", *children)
                inline += xref
            citation.replace_self(inline)


def citations_shown(env: BuildEnvironment, _argument: str, docname: str) -> object:
    """Where a page's citations link to, and their text."""
    apa = apa_references(env)
    domain = env.get_domain("archive")
    return (domain.pages_showing(REFERENCES_VIEW)[:1],
            [apa.citation(keys, textual) for keys, textual, _line
             in domain.citations.get(docname, ())])


VIEW_KINDS = (ViewKind(CITATIONS, citations_shown),)
