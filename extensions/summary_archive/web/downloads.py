"""The PDFs in the HTML archive: the Downloads page and each topic's and year's link.

``make pdf`` publishes the PDFs in ``<html>/downloads/`` with a manifest,
``downloads.json``. The ``pdf-downloads`` directive lists them (title, number
of summaries, pages, size); the page is written again exactly when the
manifest's text changes. Topic and year pages get a link to
their own PDF, shown when the topic or year has summaries (which is when the
PDF exists); those pages are re-written whenever their lists change.
"""

from __future__ import annotations

import json
import posixpath
import re
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.docutils import SphinxDirective

from ..views.registry import ViewKind

FOLDER = "downloads"
MANIFEST = "downloads.json"
YEAR_PAGE = re.compile(r"(?P<year>\d{4})/index")
GROUPS = (("archive", "The complete archive"), ("year", "By year"), ("topic", "By topic"),
          ("curated", "Collections for teaching"))


class pdf_downloads(nodes.General, nodes.Element):  # noqa: N801
    """Where the list of PDFs goes."""


class pdf_link(nodes.General, nodes.Element):  # noqa: N801
    """Where a topic or year page links its PDF: ``name``, ``selector``, ``what``."""


def note_manifest(app: Sphinx) -> None:
    """builder-inited: where an HTML build finds the PDFs' manifest (None otherwise)."""
    html = app.builder.format == "html"
    app.env.get_domain("archive").downloads_manifest = (
        Path(app.outdir) / FOLDER / MANIFEST if html else None)


class PdfDownloads(SphinxDirective):
    """``{pdf-downloads}``: every published PDF with its size."""

    def run(self) -> list[nodes.Node]:
        # A view, not a file dependency: the page is written again whenever the
        # manifest's text changes (a missing file would count as changed on
        # every build and have the page read again each time).
        self.env.get_domain("archive").note_view(self.env.docname, ("downloads", ""))
        return [pdf_downloads()]


def manifest_text(path: Path | None) -> str | None:
    """What the Downloads list shows, for change detection."""
    return path.read_text(encoding="utf-8") if path is not None and path.is_file() else None


# The Downloads page shows the PDFs' manifest, written by make pdf (no placeholder
# of its own: pdf_downloads is filled for HTML only).
VIEW_KIND = ViewKind("downloads", lambda env, _arg, _doc: manifest_text(
    env.get_domain("archive").downloads_manifest))


def add_pdf_link(app: Sphinx, doctree: nodes.document) -> None:
    """doctree-read: topic and year pages link their PDF."""
    docname = app.env.docname
    domain = app.env.get_domain("archive")
    folder, _, slug = docname.partition("/")
    if folder == "topics" and slug in domain.vocabulary.topics.slugs:
        link = pdf_link(name=f"topic-{slug}", selector=f"topic:{slug}", what="This topic")
    elif (match := YEAR_PAGE.fullmatch(docname)) is not None:
        year = match["year"]
        link = pdf_link(name=f"year-{year}", selector=f"year:{year}", what=f"All of {year}")
    else:
        return
    section = next(iter(doctree.findall(nodes.section)), None)
    if section is not None:
        section.insert(1, link)  # right after the title


def size_label(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB" if size >= 1_000_000 else f"{max(1, round(size / 1000))} kB"


def pdf_reference(docname: str, name: str, text: str) -> nodes.reference:
    uri = posixpath.relpath(f"{FOLDER}/{name}.pdf", posixpath.dirname(docname) or ".")
    return nodes.reference(text, text, refuri=uri, classes=["pdf-download"])


def table(docname: str, items: list[dict]) -> nodes.table:
    headers = ("PDF", "Summaries", "Pages", "Size")
    group = nodes.tgroup(cols=len(headers))
    for width in (60, 14, 12, 14):
        group += nodes.colspec(colwidth=width)
    head, body = nodes.thead(), nodes.tbody()
    head += nodes.row("", *(nodes.entry("", nodes.paragraph(h, h)) for h in headers))
    for item in items:
        title = nodes.paragraph()
        title += pdf_reference(docname, item["name"], item["title"])
        cells = [title, *(nodes.paragraph(text, text) for text in
                          (str(item["summaries"]), str(item["pages"]),
                           size_label(item["bytes"])))]
        body += nodes.row("", *(nodes.entry("", cell) for cell in cells))
    group += head
    group += body
    return nodes.table("", group, classes=["pdf-downloads"])


class FillPdfViews(SphinxPostTransform):
    """HTML: the Downloads list and the topic/year links (other builders skip them)."""

    default_priority = 6
    formats = ("html",)

    def run(self, **kwargs: Any) -> None:
        for node in list(self.document.findall(pdf_downloads)):
            node.replace_self(self.downloads())
        catalogue = self.env.get_domain("archive").catalogue
        for node in list(self.document.findall(pdf_link)):
            count = len(catalogue.summaries(node["selector"]))
            if not count:
                node.parent.remove(node)
                continue
            noun = "summary" if count == 1 else "summaries"
            para = nodes.paragraph(classes=["pdf-link"])
            para += nodes.Text(f"{node['what']} as one PDF ({count} {noun}): ")
            para += pdf_reference(self.env.docname, node["name"], f"{node['name']}.pdf")
            node.replace_self(para)

    def downloads(self) -> list[nodes.Node]:
        path = self.env.get_domain("archive").downloads_manifest
        items = json.loads(path.read_text(encoding="utf-8")) if path and path.is_file() else []
        if not items:
            text = "No PDFs have been built yet: run make pdf (or make) to build them."
            return [nodes.paragraph(text, text, classes=["archive-empty"])]
        result: list[nodes.Node] = []
        for kind, heading in GROUPS:
            chosen = [item for item in items if item["kind"] == kind]
            if chosen:
                result.append(nodes.rubric(heading, heading))
                result.append(table(self.env.docname, chosen))
        return result


def skip(translator, node: nodes.Node) -> None:
    raise nodes.SkipNode  # HTML only: nothing to show in a PDF, man page or text


SKIPPED = {name: (skip, None) for name in ("latex", "text", "man", "texinfo")}


def setup_downloads(app: Sphinx) -> None:
    app.add_node(pdf_downloads, **SKIPPED)
    app.add_node(pdf_link, **SKIPPED)
    app.connect("builder-inited", note_manifest)
    app.add_directive("pdf-downloads", PdfDownloads)
    app.connect("doctree-read", add_pdf_link)
    app.add_post_transform(FillPdfViews)
