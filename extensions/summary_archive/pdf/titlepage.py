"""How each PDF opens: the PDF's metadata, then a title page (a collection) or
a one-line head (a handout).

A collection of a few summaries lists them on its title page with their
pages; a longer one gets a contents page instead. Every string from the
sources reaches LaTeX through ``latex_text``; a web address is printed only
when one is configured (``web_address``), through Sphinx's own URL escaping.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util.docutils import SphinxDirective

from ..citations.citethis import archive_name, page_url
from .latex_text import latex_text

OPTIONS = ("name", "title", "subtitle", "scope", "count", "keywords", "layout", "contents",
           "author")
# Hosts reserved for examples (RFC 2606, RFC 6761): never a real address.
RESERVED_HOSTS = ("example.com", "example.net", "example.org", "localhost")
RESERVED_SUFFIXES = (".example", ".invalid", ".test", ".localhost")


class collection_title_page(nodes.General, nodes.Element):  # noqa: N801
    """Metadata and the title page (or a handout's head) of one PDF."""


class CollectionTitlePage(SphinxDirective):
    """``{collection-title-page}``: options as in ``OPTIONS``; the content lists
    the summaries (docnames) a title page names."""

    has_content = True
    option_spec = {name: directives.unchanged for name in OPTIONS}

    def run(self) -> list[nodes.Node]:
        docnames = [line.strip().lstrip("/") for line in self.content if line.strip()]
        return [collection_title_page("", docnames=docnames, **self.options)]


def web_address(base_url: str) -> str | None:
    """The configured address of the archive, if it is a real one to print."""
    parts = urlsplit(base_url or "")
    host = (parts.hostname or "").lower()
    if parts.scheme not in ("http", "https") or not host:
        return None
    if host in RESERVED_HOSTS or host.endswith(RESERVED_SUFFIXES) \
            or any(host.endswith("." + reserved) for reserved in RESERVED_HOSTS):
        return None
    return base_url


def metadata(translator, node: collection_title_page) -> str:
    esc = latex_text
    author = node.get("author") or translator.config.author
    return ("\n\\hypersetup{pdftitle={%s}, pdfauthor={%s}, pdfsubject={%s}, pdfkeywords={%s}}\n"
            % (esc(node["title"]), esc(author), esc(node.get("scope", "")),
               esc(node.get("keywords", "")))
            + "\\renewcommand{\\ArchiveRunningTitle}{%s}\n" % esc(node["title"]))


def url_line(translator, url: str | None, before: str) -> str:
    if not url:
        return ""
    return "{%s\\sphinxurl{%s}\\par}\n" % (before, translator.encode_uri(url))


def summary_list(translator, docnames: list[str]) -> str:
    """The summaries on a short collection's title page, each with its month and page."""
    summaries = translator.builder.env.get_domain("archive").summaries
    lines = []
    for docname in docnames:
        summary = summaries.get(docname)
        if summary is None:
            continue
        label = translator.idescape(f"{docname}::doc")
        lines.append("\\ArchiveListedSummary{%s}{%s}{%s}\n"
                     % (latex_text(summary.title), latex_text(summary.month.label), label))
    if not lines:
        return ""
    return "\\begin{ArchiveSummaryList}\n" + "".join(lines) + "\\end{ArchiveSummaryList}\n"


def title_page(translator, node: collection_title_page) -> str:
    esc = latex_text
    count = int(node.get("count", 0))
    noun = "summary" if count == 1 else "summaries"
    name = archive_name(translator.config)
    subtitle = node.get("subtitle", "")
    listed = node.get("contents") == "list"
    scope = node.get("scope", "")
    if scope == f"{count} chosen {noun}.":  # said by the count below
        scope = ""
    return ("\\begin{ArchiveTitlePage}\n"
            + ("\\ArchiveTitleKicker{%s}\n" % esc(name) if name != node["title"] else "")
            + "\\ArchiveTitle{%s}\n" % esc(node["title"])
            + ("\\ArchiveSubtitle{%s}\n" % esc(subtitle) if subtitle else "")
            + "\\ArchiveScope{%s}{%d %s}\n" % (esc(scope), count, noun)
            + (summary_list(translator, node["docnames"]) if listed else "")
            + "\\ArchiveTitleFoot{%s}\n" % esc(translator.config.author)
            + url_line(translator, web_address(translator.config.archive_base_url), "Online: ")
            + "\\end{ArchiveTitlePage}\n"
            + ("" if listed else "\\sphinxtableofcontents\n\\clearpage\n"))


def handout_head(translator, node: collection_title_page) -> str:
    """A handout opens with one line naming the archive, not a title page."""
    esc = latex_text
    docnames = node["docnames"]
    base = web_address(translator.config.archive_base_url)
    url = page_url(base, docnames[0]) if base and docnames else None
    return ("\\ArchiveHandoutHead{%s}{Research summary}\n" % esc(archive_name(translator.config))
            + url_line(translator, url, "\\ArchiveHandoutAddress Online: "))


def visit_title_page(translator, node: collection_title_page) -> None:
    head = handout_head if node.get("layout") == "handout" else title_page
    translator.body.append(metadata(translator, node) + head(translator, node))
    raise nodes.SkipNode
