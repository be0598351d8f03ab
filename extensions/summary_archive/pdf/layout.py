"""The PDFs' layout: the months as chapters, each summary a section opening
with a compact header (month and research type, topics, the reviewed article
once), its Practice Implications boxed, none of the page's web-only blocks
(cite-this with its BibTeX, related summaries, previous/next links, its own
reference list), and one alphabetical, de-duplicated references chapter
(``collection-references``). The title page is ``pdf.titlepage``'s.
"""

from __future__ import annotations

import unicodedata
from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.docutils import SphinxDirective

from ..store.citing import works_cited
from ..store.domain import reference_id
from ..store.references import apa_references
from ..views.markup import reference_paragraph
from ..views.printable import drop_web_only, practice_sections


class collection_references(nodes.General, nodes.Element):  # noqa: N801
    """Placeholder for the references of the summaries in ``docnames``."""


class citation_link(nodes.Inline, nodes.Element):  # noqa: N801
    """An in-text citation's link to its entry in the PDF's references: a
    plain ``\\hyperref``, without the italics Sphinx gives cross-references."""


def visit_citation_link(translator, node: citation_link) -> None:
    translator.body.append(translator.hyperlink(node["label"]))


def depart_citation_link(translator, node: citation_link) -> None:
    translator.body.append("}}")


class CollectionReferences(SphinxDirective):
    has_content = True

    def run(self) -> list[nodes.Node]:
        docnames = [line.strip().lstrip("/") for line in self.content if line.strip()]
        return [collection_references("", docnames=docnames)]


def skip(translator, node: nodes.Node) -> None:
    raise nodes.SkipNode  # only the PDF build shows these


# -- filling the PDF's parts -------------------------------------------------

def sort_key(text: str) -> str:
    """Alphabetical regardless of accents and case: Müller files with Muller."""
    folded = unicodedata.normalize("NFKD", text)
    return "".join(c for c in folded if not unicodedata.combining(c)).casefold()


def link_citations_here(document: nodes.document, root: str, listed: set[str]) -> None:
    """In-text citations link to their entry in this PDF's references (a LaTeX
    internal link), not to the web's References page, which a PDF lacks."""
    for xref in list(document.findall(addnodes.pending_xref)):
        if xref.get("refdomain") == "archive" and xref.get("reftype") == "citation":
            key = xref["reftarget"]
            if key in listed:
                link = citation_link("", *xref.children, label=f"{root}:{reference_id(key)}")
            else:
                link = nodes.inline("", "", *xref.children)
            xref.replace_self(link)


class ShapeForPdf(SphinxPostTransform):
    """Fill the references, compact the headers, box the Practice Implications,
    drop the web-only blocks."""

    builders = ("latex",)
    default_priority = 6  # after FillArchiveViews (5) has filled headers and footers

    def run(self, **kwargs: Any) -> None:
        if not self.config.archive_pdf:  # an ordinary LaTeX build keeps the HTML's shape
            return
        listed: set[str] = set()
        for placeholder in list(self.document.findall(collection_references)):
            # Every work its summaries review or cite, in APA order (as on the
            # References page), each an anchor for the citations in the PDF.
            keys = apa_references(self.env).in_apa_order(
                works_cited(self.env, placeholder["docnames"]))
            entries: dict[str, nodes.paragraph] = {}
            for key in keys:
                paragraph = reference_paragraph(self.env, key)
                if paragraph is not None:
                    # One entry per work, even if two bib keys format identically.
                    first = entries.setdefault(sort_key(paragraph.astext()), paragraph)
                    first.insert(0, nodes.target("", "", ids=[reference_id(key)]))
                    listed.add(key)
            placeholder.replace_self(list(entries.values()))
        link_citations_here(self.document, self.env.docname, listed)
        drop_web_only(self.document)
        for header in list(self.document.findall(nodes.field_list)):
            if "summary-meta" in header["classes"]:
                header.replace_self(self.compact_header(header))
        for section in practice_sections(self.document):
            title = section[0]
            box = nodes.admonition(classes=["practice-implications"])
            box += nodes.title(title.astext(), title.astext())
            box.extend(child for child in section.children if child is not title)
            box["ids"] = section["ids"]
            section.replace_self(box)

    def docname_of(self, node: nodes.Node) -> str | None:
        """The summary a node belongs to: Sphinx marks the sections of each file
        it inlines in a PDF's root with that file's docname."""
        parent = node.parent
        while parent is not None:
            if isinstance(parent, nodes.section) and parent.get("docname"):
                return parent["docname"]
            parent = parent.parent
        return self.env.path2doc(self.document["source"])

    def compact_header(self, header: nodes.field_list) -> list[nodes.Node]:
        """Month and research type, topics, then the reviewed article: a few lines
        of small type instead of the web page's list of fields."""
        domain = self.env.get_domain("archive")
        summary = domain.summaries.get(self.docname_of(header))
        if summary is None:
            return [header]
        vocabulary = domain.vocabulary
        topics = " · ".join(vocabulary.topics.get(slug).label for slug in summary.topics)
        kind = vocabulary.research_types.get(summary.research_type).label
        meta = nodes.container(classes=["archive-meta"])
        meta += nodes.paragraph("", f"{summary.month.label} · {kind}")
        meta += nodes.paragraph("", f"Topics: {topics}")
        result: list[nodes.Node] = [meta]
        reference = reference_paragraph(self.env, summary.reviews)
        if reference is not None:
            reference.insert(0, nodes.strong("Reviewed article: ", "Reviewed article: "))
            reviewed = nodes.container(classes=["archive-reviewed"])
            reviewed += reference
            result.append(reviewed)
        return result
