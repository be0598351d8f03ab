"""In-text citations in APA author-date form.

``{cite:t}`key``` gives "Cuijpers et al. (2021)", ``{cite:p}`key``` (and
``{cite}``) gives "(Cuijpers et al., 2021)"; several keys, comma-separated,
give APA's list: "(Love & Morgan, 2021; Moritz et al., 2019)". The roles keep
sphinxcontrib-bibtex's names, so pages need no change, but the text comes from
the same CSL engine as every reference (``citations.engine``), and a key cited on many
pages is never a "duplicate citation". Each citation links to its entry on the
References page.
"""

from __future__ import annotations

from collections.abc import Iterable

from docutils import nodes
from sphinx import addnodes
from sphinx.environment import BuildEnvironment
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.docutils import SphinxRole

from ..citations.engine import ApaBibliography
from ..store.citing import cited_keys
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
        domain.note_citations(self.env.docname, keys, self.lineno)
        # Its text and links change with the bibliography: a view to compare.
        if (CITATIONS, "") not in domain.views.get(self.env.docname, ()):
            domain.note_view(self.env.docname, (CITATIONS, ""))
        return [node], []


def register_roles(app) -> None:
    """Take over sphinxcontrib-bibtex's citation roles (same names, APA text)."""
    app.add_role_to_domain("cite", "t", CiteRole(textual=True), override=True)
    app.add_role_to_domain("cite", "p", CiteRole(textual=False), override=True)
    app.add_role("cite", CiteRole(textual=False), override=True)


def citation_markup(apa: ApaBibliography, keys: Iterable[str],
                    textual: bool) -> list[tuple[str | None, str]]:
    """The citation as (key or None, markup) pieces, so each work can be a link."""
    known = [key for key in keys if key in apa]
    if not known:
        return []
    if textual:
        pieces: list[tuple[str | None, str]] = []
        for index, key in enumerate(known):
            if index:
                last = index == len(known) - 1
                pieces.append((None, (", and " if len(known) > 2 else " and ") if last else ", "))
            pieces.append((key, apa.narrative(key)))
        return pieces
    whole = apa.parenthetical(*known)
    # Find each work's own "Author, year" inside citeproc's joined text.
    pieces, position = [], 0
    for key in apa.in_apa_order(known):
        part = apa.parenthetical(key)[1:-1]
        found = whole.find(part, position)
        if found < 0:  # citeproc joined them otherwise (same author, collapsed years)
            return [(known[0], whole)]
        pieces += [(None, whole[position:found]), (key, part)]
        position = found + len(part)
    pieces.append((None, whole[position:]))
    return [(key, markup) for key, markup in pieces if markup]


class FillCitations(SphinxPostTransform):
    # Before ReferencesResolver (10); like FillArchiveViews.
    default_priority = 5

    def run(self, **kwargs) -> None:
        citations = list(self.document.findall(archive_citation))
        if not citations:
            return
        apa = apa_references(self.env)
        references_pages = self.env.get_domain("archive").pages_showing(REFERENCES_VIEW)
        target = references_pages[0] if references_pages else None
        for citation in citations:
            pieces = citation_markup(apa, citation["keys"], citation["textual"])
            inline = nodes.inline(classes=["apa-citation"])
            if not pieces:  # the key is unknown: reported at env-updated
                inline += nodes.Text(", ".join(citation["keys"]))
            for key, markup in pieces:
                children = markup_nodes(markup)
                if key is None or target is None:
                    inline.extend(children)
                    continue
                # Resolved by ArchiveDomain.resolve_xref to the References page.
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
    keys = cited_keys(env, docname)
    return (domain.pages_showing(REFERENCES_VIEW)[:1],
            [(apa.parenthetical(key), apa.narrative(key)) for key in keys if key in apa])


VIEW_KINDS = (ViewKind(CITATIONS, citations_shown),)
