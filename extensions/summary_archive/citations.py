"""In-text citations in APA author-date form, and who cites what.

``{cite:t}`key``` gives "Cuijpers et al. (2021)", ``{cite:p}`key``` (and
``{cite}``) gives "(Cuijpers et al., 2021)"; several keys, comma-separated,
give APA's list: "(Love & Morgan, 2021; Moritz et al., 2019)". The roles keep
sphinxcontrib-bibtex's names, so pages need no change, but the text comes from
the same CSL engine as every reference (``csl``), and a key cited on many
pages is never a "duplicate citation". Each citation links to its entry on the
References page.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from docutils import nodes
from sphinx.environment import BuildEnvironment
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging
from sphinx.util.docutils import SphinxRole
from sphinx import addnodes

from .csl import ApaBibliography
from .nodes import archive_citation
from .reference import apa_references, bib_entries, markup_nodes

logger = logging.getLogger(__name__)

REFERENCES_VIEW = ("references", "")


def reference_id(key: str) -> str:
    """The anchor of a work on the References page."""
    return nodes.make_id(f"ref-{key}")


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
        if ("citations", "") not in domain.views.get(self.env.docname, ()):
            domain.note_view(self.env.docname, ("citations", ""))
        return [node], []


def register_roles(app) -> None:
    """Take over sphinxcontrib-bibtex's citation roles (same names, APA text)."""
    app.add_role_to_domain("cite", "t", CiteRole(textual=True), override=True)
    app.add_role_to_domain("cite", "p", CiteRole(textual=False), override=True)
    app.add_role("cite", CiteRole(textual=False), override=True)


def cited_keys(env: BuildEnvironment, docname: str) -> list[str]:
    """The keys a page cites in its text, each once, in order of first citation."""
    seen: dict[str, None] = {}
    for key, _line in env.get_domain("archive").citations.get(docname, ()):
        seen.setdefault(key, None)
    return list(seen)


def citing_pages(env: BuildEnvironment) -> dict[str, list[str]]:
    """Bib key -> the summaries that review or cite it, oldest first."""
    domain = env.get_domain("archive")
    citing: dict[str, list[str]] = {}
    summaries = sorted(domain.summaries.values(), key=lambda s: s.sort_key)
    for summary in summaries:
        for key in (summary.reviews, *cited_keys(env, summary.docname)):
            pages = citing.setdefault(key, [])
            if summary.docname not in pages:
                pages.append(summary.docname)
    return citing


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


def check_citations(env: BuildEnvironment) -> None:
    """A cited key missing from the bibliography names the page and line;
    an entry nothing cites or reviews is reported too."""
    domain = env.get_domain("archive")
    entries = bib_entries(env)
    bibfiles = ", ".join(Path(f).name for f in env.config.bibtex_bibfiles)
    for docname, cited in sorted(domain.citations.items()):
        for key, line in cited:
            if key not in entries:
                logger.warning(f"cited work {key!r} is not in {bibfiles}; add its entry "
                               "there or correct the key", location=(docname, line),
                               type="archive", subtype="citation")
    if not domain.summaries:
        return
    used = citing_pages(env).keys() | {k for cited in domain.citations.values() for k, _ in cited}
    for key in entries:
        if key not in used:
            path, line = entry_location(env, key)
            logger.warning(f"entry {key!r} is never cited or reviewed by any page; cite it "
                           "or remove it from the bibliography",
                           location=f"{path}:{line}" if line else str(path),
                           type="archive", subtype="uncited")


def entry_location(env: BuildEnvironment, key: str) -> tuple[Path | str, int | None]:
    from .bibcheck import entry_lines  # the bibliography's own line finder

    bibfiles = env.get_domain("cite").bibdata.bibfiles
    for path, bibfile in bibfiles.items():
        if key in bibfile.keys:
            return path, entry_lines(path).get(key.lower())
    return ", ".join(map(str, bibfiles)), None
