"""Where readers find the feeds: visible subscribe links on the landing,
archive, topic and research-type pages, and autodiscovery links in every
page's head.

A page offers the archive's feed and, on a topic's or research type's page,
that term's own feed when it has summaries (``feeds.page_feeds``). Without
the archive's address there are no feeds, so no links either. The visible
links are placed when a page is read and filled for HTML only; a page is
written again whenever its lists change, which is when its feeds can appear.
"""

from __future__ import annotations

import posixpath
from html import escape
from typing import Any
from urllib.parse import urljoin

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform

from ..views.nodes import archive_view
from ..views.render import NOT_SEARCHED
from .address import base_url
from .feeds import EVERY_SUMMARY, is_html_build, page_feeds, site_title

OFFERED_ON = ("archive",)  # besides the landing page, topic and research-type pages
FACET_FOLDERS = ("topics", "research-types")


class feed_subscribe(nodes.General, nodes.Element):  # noqa: N801 - docutils naming
    """Where a page shows its subscribe links (HTML only)."""


def offers_feeds(app: Sphinx, docname: str) -> bool:
    folder, _, slug = docname.partition("/")
    vocabulary = app.env.get_domain("archive").vocabulary
    facet = {"topics": vocabulary.topics, "research-types": vocabulary.research_types}
    return (docname == app.config.root_doc or docname in OFFERED_ON
            or (folder in facet and slug in facet[folder].slugs))


def place_links(app: Sphinx, doctree: nodes.document) -> None:
    """doctree-read: after the page's introduction (its first paragraph or
    description), or under its title."""
    if not offers_feeds(app, app.env.docname):
        return
    section = next(iter(doctree.findall(nodes.section)), None)
    if section is None:
        return
    position = 1
    for index, child in enumerate(section.children[1:], start=1):
        if isinstance(child, nodes.paragraph) or (
                isinstance(child, archive_view) and child["kind"] == "description"):
            position = index + 1
            break
        if isinstance(child, nodes.section):
            break
    section.insert(position, feed_subscribe())


class FillSubscribeLinks(SphinxPostTransform):
    default_priority = 6
    formats = ("html",)

    def run(self, **kwargs: Any) -> None:
        placeholders = list(self.document.findall(feed_subscribe))
        if not placeholders:
            return
        offered = (page_feeds(self.env.get_domain("archive").catalogue, self.env.docname)
                   if base_url(self.config) else [])
        for placeholder in placeholders:
            if not offered:
                placeholder.parent.remove(placeholder)
                continue
            line = nodes.paragraph(classes=["archive-subscribe", NOT_SEARCHED])
            line += nodes.Text("Subscribe in a feed reader (Atom): ")
            here = posixpath.dirname(self.env.docname) or "."
            for index, (path, label) in enumerate(offered):
                if index:
                    line += nodes.Text(" · ")
                text = "every new summary" if label == EVERY_SUMMARY else label
                line += nodes.reference(text, text, refuri=posixpath.relpath(path, here),
                                        classes=["archive-feed-link"])
            placeholder.replace_self(line)


def head_links(app: Sphinx, pagename: str, templatename: str, context: dict,
               doctree) -> None:
    """html-page-context: autodiscovery links to the page's feeds."""
    base = base_url(app.config)
    if not base or not is_html_build(app):
        return
    title = site_title(app)
    offered = page_feeds(app.env.get_domain("archive").catalogue, pagename)
    tags = "".join(f'<link rel="alternate" type="application/atom+xml" '
                   f'title="{escape(f"{title}: {label}")}" href="{escape(urljoin(base, path))}" />\n'
                   for path, label in offered)
    context["metatags"] = context.get("metatags", "") + tags


def skip(translator, node: nodes.Node) -> None:
    raise nodes.SkipNode  # HTML only


def setup_subscribe(app: Sphinx) -> None:
    app.add_node(feed_subscribe, **{name: (skip, None)
                                    for name in ("latex", "text", "man", "texinfo")})
    app.connect("doctree-read", place_links)
    app.add_post_transform(FillSubscribeLinks)
    app.connect("html-page-context", head_links)
