"""Make the front matter's ``title`` the page's heading, as plain text.

MyST's own ``title_to_header`` re-parses the title as Markdown, so a title
holding ``<script>`` would become raw HTML. This transform builds the heading
from the literal field value instead.
"""

from __future__ import annotations

import logging

from docutils import nodes
from sphinx.transforms import SphinxTransform


def front_matter_field(document: nodes.document, name: str) -> str | None:
    """A field of the page's docinfo (its front matter), as text."""
    for docinfo in document.findall(nodes.docinfo):
        for field in docinfo.findall(nodes.field):
            if field[0].astext() == name:
                return field[1].astext()
    return None


class TitleFromFrontMatter(SphinxTransform):
    # After docutils' DocInfo (340) turned the fields into a docinfo, before
    # Sphinx's collectors read titles at doctree-read (880).
    default_priority = 345

    def apply(self) -> None:
        title = front_matter_field(self.document, "title")
        if not title:
            return
        body_start = self.document.first_child_not_matching_class(nodes.PreBibliographic)
        body_start = len(self.document) if body_start is None else body_start
        section = nodes.section()
        section += nodes.title(title, title)
        section.extend(self.document.children[body_start:])
        del self.document[body_start:]
        self.document += section
        section["names"].append(nodes.fully_normalize_name(title))
        self.document.note_implicit_target(section, section)


class HeadingsStartAtH2(logging.Filter):
    """Drop MyST's 'Document headings start at H2' for titled pages.

    The H1 of a page with a front-matter title is made by the transform above,
    so its own Markdown headings rightly start at H2; MyST cannot know that.
    """

    MESSAGE = "Document headings start at H2, not H1"

    def filter(self, record: logging.LogRecord) -> bool:
        return self.MESSAGE not in record.getMessage()


def quiet_h2_warnings() -> None:
    # MyST's warnings come from this logger; a logger filter runs before any
    # handler, so the warning is neither printed nor counted under -W.
    target = logging.getLogger("sphinx.myst_parser.warnings_")
    if not any(isinstance(f, HeadingsStartAtH2) for f in target.filters):
        target.addFilter(HeadingsStartAtH2())
