"""References as document nodes: the CSL engine's small HTML markup (italics,
small caps, escaped text) becomes docutils nodes, with DOI and URL links, so
HTML and LaTeX show the same reference.
"""

from __future__ import annotations

import functools
import re
from html.parser import HTMLParser

from docutils import nodes
from sphinx.environment import BuildEnvironment

from ..store.references import apa_references

URL = re.compile(r"https?://[^\s<>]+[^\s<>.,;:)]")
TAGS = {"i": nodes.emphasis, "b": nodes.strong, "sup": nodes.superscript,
        "sub": nodes.subscript}


class _MarkupToNodes(HTMLParser):
    """citeproc's HTML formatter writes only a few tags around escaped text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[nodes.Element] = [nodes.inline()]

    def handle_starttag(self, tag: str, attrs) -> None:
        element = TAGS.get(tag, nodes.inline)()
        if tag == "span" and "small-caps" in (dict(attrs).get("style") or ""):
            element["classes"].append("small-caps")
        self.stack.append(element)

    def handle_endtag(self, tag: str) -> None:
        element = self.stack.pop()
        self.stack[-1] += element

    def handle_data(self, data: str) -> None:
        self.stack[-1].extend(text_with_links(data))


def text_with_links(text: str) -> list[nodes.Node]:
    """Plain text, with the DOI's https://doi.org/ address (and any URL) a link."""
    result: list[nodes.Node] = []
    position = 0
    for match in URL.finditer(text):
        if match.start() > position:
            result.append(nodes.Text(text[position:match.start()]))
        url = match.group(0)
        result.append(nodes.reference(url, url, refuri=url))
        position = match.end()
    if position < len(text):
        result.append(nodes.Text(text[position:]))
    return result


@functools.lru_cache(maxsize=8192)
def _parsed(markup: str) -> tuple[nodes.Node, ...]:
    parser = _MarkupToNodes()
    parser.feed(markup)
    parser.close()
    return tuple(parser.stack[0].children)


def markup_nodes(markup: str) -> list[nodes.Node]:
    """citeproc's HTML markup as inline nodes (new ones each time: a node
    belongs to one tree). A reference shows on its summary's page, its month's
    page and the References page: it is parsed once and copied after."""
    return [node.deepcopy() for node in _parsed(markup)]


def reference_paragraph(env: BuildEnvironment, key: str) -> nodes.paragraph | None:
    """The APA reference of one bibliography entry, or None if there is none."""
    markup = apa_references(env).reference(key)
    if markup is None:
        return None
    paragraph = nodes.paragraph(classes=["reviewed-reference", "apa-reference"])
    paragraph.extend(markup_nodes(markup))
    return paragraph
