"""Make the front matter's ``title`` the page's heading, as plain text.

MyST's own ``title_to_header`` re-parses the title as Markdown, so a title
holding ``<script>`` would become raw HTML. This transform builds the heading
from the literal field value instead.
"""

from __future__ import annotations

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
        # The body starts after the docinfo (the front matter) and anything
        # docutils keeps before it, such as comments and targets.
        body_start = self.document.first_child_not_matching_class(
            (nodes.PreBibliographic, nodes.docinfo, nodes.decoration))
        body_start = len(self.document) if body_start is None else body_start
        section = nodes.section()
        section += nodes.title(title, title)
        section.extend(self.document.children[body_start:])
        del self.document[body_start:]
        self.document += section
        section["names"].append(nodes.fully_normalize_name(title))
        self.document.note_implicit_target(section, section)

