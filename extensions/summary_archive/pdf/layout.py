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
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.docutils import SphinxDirective

from ..store.citing import works_cited
from ..views.markup import reference_paragraph
from ..views.printable import drop_web_only, practice_sections


class collection_references(nodes.General, nodes.Element):  # noqa: N801
    """Placeholder for the references of the summaries in ``docnames``."""


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


def author_year_title(env, key: str) -> str:
    """Sort references by first author's surname, then co-authors, year and title."""
    entry = env.get_domain("cite").bibdata.data.entries.get(key)
    if entry is None:
        return sort_key(key)
    people = entry.persons.get("author") or entry.persons.get("editor") or []
    names = " ".join(" ".join(p.last_names + p.first_names + p.middle_names) for p in people)
    return sort_key(f"{names} {entry.fields.get('year', '')} {entry.fields.get('title', '')}")


class ShapeForPdf(SphinxPostTransform):
    """Fill the references, compact the headers, box the Practice Implications,
    drop the web-only blocks."""

    builders = ("latex",)
    default_priority = 6  # after FillArchiveViews (5) has filled headers and footers

    def run(self, **kwargs: Any) -> None:
        if not self.config.archive_pdf:  # an ordinary LaTeX build keeps the HTML's shape
            return
        for placeholder in list(self.document.findall(collection_references)):
            keys = sorted(works_cited(self.env, placeholder["docnames"]),
                          key=lambda key: author_year_title(self.env, key))
            paragraphs = [p for p in (reference_paragraph(self.env, key) for key in keys) if p]
            # One entry per work, even if two bib keys format identically.
            unique = {sort_key(p.astext()): p for p in paragraphs}
            placeholder.replace_self(list(unique.values()))
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
