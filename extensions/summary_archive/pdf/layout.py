"""The PDFs' layout: a title page and contents (``collection-title-page``), the
months as chapters, each summary a section opening with its header (topics,
research type, full reference: the ``summary-header`` view, as in HTML), its
Practice Implications boxed, no "next summary" links, and one alphabetical,
de-duplicated references chapter (``collection-references``).
"""

from __future__ import annotations

import unicodedata
from typing import Any

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx import addnodes
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.docutils import SphinxDirective

from ..store.citing import works_cited
from ..store.domain import reference_id
from ..store.references import apa_references
from ..views.markup import reference_paragraph
from .latex_text import latex_text

PRACTICE_TITLE = "practice implications"


# -- the title page ----------------------------------------------------------

class collection_title_page(nodes.General, nodes.Element):  # noqa: N801
    """Title, subtitle, scope, number of summaries, date built, then contents."""


class collection_references(nodes.General, nodes.Element):  # noqa: N801
    """Placeholder for the references of the summaries in ``docnames``."""


class citation_link(nodes.Inline, nodes.Element):  # noqa: N801
    """An in-text citation's link to its entry in the PDF's references: a
    plain ``\\hyperref``, without the italics Sphinx gives cross-references."""


def visit_citation_link(translator, node: citation_link) -> None:
    translator.body.append(translator.hyperlink(node["label"]))


def depart_citation_link(translator, node: citation_link) -> None:
    translator.body.append("}}")


class CollectionTitlePage(SphinxDirective):
    option_spec = {name: directives.unchanged for name in
                   ("name", "title", "subtitle", "scope", "count", "keywords")}

    def run(self) -> list[nodes.Node]:
        return [collection_title_page("", **self.options)]


class CollectionReferences(SphinxDirective):
    has_content = True

    def run(self) -> list[nodes.Node]:
        docnames = [line.strip().lstrip("/") for line in self.content if line.strip()]
        return [collection_references("", docnames=docnames)]


def visit_title_page(translator, node: collection_title_page) -> None:
    esc = latex_text
    count = int(node.get("count", 0))
    noun = "summary" if count == 1 else "summaries"
    author = esc(translator.config.author)
    subtitle = node.get("subtitle", "")
    translator.body.append(
        "\n\\hypersetup{pdftitle={%s}, pdfauthor={%s}, pdfsubject={%s}, pdfkeywords={%s}}\n"
        % (esc(node["title"]), author, esc(node.get("scope", "")), esc(node.get("keywords", "")))
        + "\\begingroup\\hypersetup{pageanchor=false}\n\\begin{titlepage}\n\\centering\n"
        "\\vspace*{0.18\\textheight}\n"
        "{\\sffamily\\bfseries\\Huge %s\\par}\n\\vspace{1.2em}\n" % esc(node["title"])
        + ("{\\sffamily\\Large %s\\par}\n\\vspace{2.5em}\n" % esc(subtitle) if subtitle else "")
        + "\\rule{0.5\\textwidth}{0.6pt}\\par\\vspace{1.5em}\n"
        "{\\large %s\\par}\n\\vspace{1em}\n" % esc(node.get("scope", ""))
        + "{\\large %d %s\\par}\n\\vfill\n" % (count, noun)
        + "{\\large %s\\par}\n\\vspace{0.5em}\n" % author
        + "{Built \\ArchiveBuiltDate\\par}\n\\end{titlepage}\n\\endgroup\n"
        "\\sphinxtableofcontents\n")
    raise nodes.SkipNode


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
    """Fill the references, box the Practice Implications, drop neighbour links."""

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
        for badge in list(self.document.findall(nodes.inline)):
            # Topic badges are boxes in HTML; in print they need separators.
            if "topic-badge" in badge["classes"]:
                line = badge.parent
                after = line.index(badge) + 1
                if after < len(line) and isinstance(line[after], nodes.Text) \
                        and not line[after].strip():
                    line[after] = nodes.Text(" · ")
        for container in list(self.document.findall(nodes.container)):
            if "summary-neighbours" in container["classes"]:
                container.parent.remove(container)
        for section in list(self.document.findall(nodes.section)):
            title = section.next_node(nodes.title)
            if title is not None and title.astext().strip().lower() == PRACTICE_TITLE:
                box = nodes.admonition(classes=["practice-implications"])
                box += nodes.title(title.astext(), title.astext())
                box.extend(child for child in section.children if child is not title)
                box["ids"] = section["ids"]
                section.replace_self(box)
