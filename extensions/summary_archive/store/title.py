"""Make the front matter's ``title`` the page's heading, as plain text.

MyST's own ``title_to_header`` re-parses the title as Markdown, so a title
holding ``<script>`` would become raw HTML. This transform builds the heading
from the literal field value instead.

It also checks that MyST read the same front matter as the archive did
(``core.frontmatter`` finds the block with MyST's own rule and reads it with
the same YAML loader, so this should never fire): the same field names, and
the same title.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.transforms import SphinxTransform
from sphinx.util import logging

from ..core.policy import MYST_SETTINGS

logger = logging.getLogger(__name__)
OUTSIDE_DOCINFO = ("dedication", "abstract")  # MyST shows these in the page instead


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
        self.check_agreement()
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


    def check_agreement(self) -> None:
        ours = self.env.temp_data.pop("archive_front_matter", None)
        if ours is None:
            return
        seen = set()
        for docinfo in self.document.findall(nodes.docinfo):
            for child in docinfo.children:
                seen.add(child[0].astext() if isinstance(child, nodes.field) else child.tagname)
        expected = {name for name in ours.fields
                    if name not in MYST_SETTINGS and name not in OUTSIDE_DOCINFO}
        title = ours.fields.get("title")
        differs = sorted(seen ^ expected)
        if not differs and isinstance(title, str) and \
                front_matter_field(self.document, "title") != str(title):
            differs = ["title"]
        if differs:
            logger.warning(f"MyST read this page's front matter differently from the archive "
                           f"(field(s) {', '.join(map(repr, differs[:5]))}); write each field "
                           "as a plain 'name: value' line", location=(self.env.docname, 1),
                           type="archive", subtype="policy")
