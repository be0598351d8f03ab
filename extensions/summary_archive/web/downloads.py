"""The PDFs in the HTML archive: the Downloads page, each topic's and year's
link to its PDF, and each summary's link to its handout.

``make pdf`` publishes the PDFs in ``<html>/downloads/`` with a manifest,
``downloads.json``. The ``pdf-downloads`` directive lists them for educators:
the collections for teaching first (with their subtitles), then the whole
archive, the years and the topics, each with its number of summaries, pages
and size; a year that holds the whole archive is not listed twice, and the
handouts are linked from their summaries instead. The page is written again
exactly when the manifest's text changes. Topic and year pages link their own
PDF, shown when the topic or year has summaries (which is when the PDF
exists); each summary links its handout. The reading packets made in the
browser are ``web.packet``'s.
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

from ..core.standard_pdfs import handout_name
from ..views.registry import ViewKind
from . import packet

FOLDER = "downloads"
MANIFEST = "downloads.json"
YEAR_PAGE = re.compile(r"(?P<year>\d{4})/index")
GROUPS = (("curated", "Collections for teaching"), ("archive", "The complete archive"),
          ("year", "By year"), ("topic", "By topic"))


class pdf_downloads(nodes.General, nodes.Element):  # noqa: N801
    """Where the list of PDFs goes; ``part`` is ``curated``, ``standard`` or ``""`` (all)."""


class pdf_link(nodes.General, nodes.Element):  # noqa: N801
    """Where a page links its PDF: ``name``, and ``selector`` and ``what`` for a
    topic or year (a summary's handout has neither)."""


def note_manifest(app: Sphinx) -> None:
    """builder-inited: where an HTML build finds the PDFs' manifest (None otherwise)."""
    html = app.builder.format == "html"
    app.env.get_domain("archive").downloads_manifest = (
        Path(app.outdir) / FOLDER / MANIFEST if html else None)


class PdfDownloads(SphinxDirective):
    """``{pdf-downloads}``: every published PDF with its size, by group;
    ``{pdf-downloads} curated`` only the collections for teaching (under the
    page's own heading), ``{pdf-downloads} standard`` the others."""

    optional_arguments = 1
    PARTS = {"": [kind for kind, _ in GROUPS], "curated": ["curated"],
             "standard": ["archive", "year", "topic"]}

    def run(self) -> list[nodes.Node]:
        part = self.arguments[0] if self.arguments else ""
        if part not in self.PARTS:
            raise self.error(f"unknown part {part!r}; write 'curated', 'standard' or nothing")
        # A view, not a file dependency: the page is written again whenever the
        # manifest's text changes (a missing file would count as changed on
        # every build and have the page read again each time).
        self.env.get_domain("archive").note_view(self.env.docname, ("downloads", ""))
        return [pdf_downloads(part=part)]


def manifest_text(path: Path | None) -> str | None:
    """What the Downloads list shows, for change detection."""
    return path.read_text(encoding="utf-8") if path is not None and path.is_file() else None


# The Downloads page shows the PDFs' manifest, written by make pdf (no placeholder
# of its own: pdf_downloads is filled for HTML only).
VIEW_KIND = ViewKind("downloads", lambda env, _arg, _doc: manifest_text(
    env.get_domain("archive").downloads_manifest))


def add_pdf_link(app: Sphinx, doctree: nodes.document) -> None:
    """doctree-read: topic and year pages link their PDF, summaries their handout."""
    docname = app.env.docname
    domain = app.env.get_domain("archive")
    folder, _, slug = docname.partition("/")
    section = next(iter(doctree.findall(nodes.section)), None)
    if docname in domain.summaries:
        if section is not None:  # after the header the summary's views put first
            section.insert(2 if len(section) > 1 else 1, pdf_link(name=handout_name(docname)))
        return
    if folder == "topics" and slug in domain.vocabulary.topics.slugs:
        link = pdf_link(name=f"topic-{slug}", selector=f"topic:{slug}", what="This topic")
    elif (match := YEAR_PAGE.fullmatch(docname)) is not None:
        year = match["year"]
        link = pdf_link(name=f"year-{year}", selector=f"year:{year}", what=f"All of {year}")
    else:
        return
    if section is not None:
        section.insert(1, link)  # right after the title


def size_label(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB" if size >= 1_000_000 else f"{max(1, round(size / 1000))} kB"


def pdf_reference(docname: str, name: str, text: str) -> nodes.reference:
    uri = posixpath.relpath(f"{FOLDER}/{name}.pdf", posixpath.dirname(docname) or ".")
    return nodes.reference(text, text, refuri=uri, classes=["pdf-download"])


def listed(items: list[dict]) -> dict[str, list[dict]]:
    """The Downloads page's rows by group, each with the line shown under its
    title (``note``): a curated collection's subtitle, the archive's span.
    No handouts (each summary links its own), and no year that holds exactly
    the whole archive (the archive's row says so instead)."""
    archive = next((item for item in items if item["kind"] == "archive"), None)
    groups: dict[str, list[dict]] = {kind: [] for kind, _ in GROUPS}
    notes = {"curated": "subtitle", "archive": "scope"}
    for item in items:
        kind = item["kind"]
        if kind == "year" and archive and item["summaries"] == archive["summaries"]:
            year = item["name"].removeprefix("year-")
            archive = {**archive, "scope": f"{archive.get('scope', '')} All of {year}.".strip()}
        elif kind in groups and kind != "archive":
            groups[kind].append({**item, "note": item.get(notes.get(kind, ""), "")})
    if archive:
        groups["archive"] = [{**archive, "note": archive.get("scope", "")}]
    return groups


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
        cell: list[nodes.Node] = [title]
        if item.get("note"):
            cell.append(nodes.paragraph(item["note"], item["note"], classes=["pdf-note"]))
        cells = [nodes.container("", *cell), *(nodes.paragraph(text, text) for text in
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
            node.replace_self(self.downloads(node.get("part", "")))
        catalogue = self.env.get_domain("archive").catalogue
        for node in list(self.document.findall(pdf_link)):
            if not node.get("selector"):  # a summary's handout
                para = nodes.paragraph(classes=["pdf-link", "handout-link"])
                para += nodes.Text("For print: this summary as a ")
                para += pdf_reference(self.env.docname, node["name"], "PDF handout")
                para += nodes.Text(" (one or two pages).")
                node.replace_self(para)
                continue
            count = len(catalogue.summaries(node["selector"]))
            if not count:
                node.parent.remove(node)
                continue
            noun = "summary" if count == 1 else "summaries"
            para = nodes.paragraph(classes=["pdf-link"])
            para += nodes.Text(f"{node['what']} as one PDF ({count} {noun}): ")
            para += pdf_reference(self.env.docname, node["name"], f"{node['name']}.pdf")
            node.replace_self(para)

    def downloads(self, part: str) -> list[nodes.Node]:
        path = self.env.get_domain("archive").downloads_manifest
        items = json.loads(path.read_text(encoding="utf-8")) if path and path.is_file() else []
        groups = listed(items)
        kinds = PdfDownloads.PARTS[part]
        if not any(groups[kind] for kind in kinds):
            text = "No PDFs of this kind have been published with this copy of the archive."
            return [nodes.paragraph(text, text, classes=["archive-empty"])]
        if part == "curated":  # under the page's own heading
            return [table(self.env.docname, groups["curated"])]
        result: list[nodes.Node] = []
        for kind, heading in GROUPS:
            if kind in kinds and groups[kind]:
                rubric = nodes.rubric(heading, heading, classes=["pdf-group"])
                # A real heading in HTML, for screen-reader navigation.
                rubric["heading-level"] = 3 if part else 2
                result += [rubric, table(self.env.docname, groups[kind])]
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
    packet.setup_packet(app)
