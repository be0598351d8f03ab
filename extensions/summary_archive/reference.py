"""References as document nodes, formatted in APA 7 by ``csl``.

The shared ``references.bib`` is parsed by sphinxcontrib-bibtex; its entries
go through ``csl`` (citeproc-py with the official ``apa.csl``) when the
bibliography changes, and the result is kept in the store. Here citeproc's
small HTML markup becomes docutils nodes (italics, DOI and URL links), so HTML
and LaTeX show the same reference.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from docutils import nodes
from sphinx.environment import BuildEnvironment

from .csl import ApaBibliography, csl_item

URL = re.compile(r"https?://[^\s<>]+[^\s<>.,;:)]")
TAGS = {"i": nodes.emphasis, "b": nodes.strong, "sup": nodes.superscript,
        "sub": nodes.subscript}


def bib_entries(env: BuildEnvironment) -> dict:
    return env.get_domain("cite").bibdata.data.entries


def entry_fingerprint(env: BuildEnvironment, key: str) -> str:
    """What a reference shows: its APA text (which also depends on its neighbours)."""
    return apa_references(env).reference(key) or ""


def bib_fingerprint(env: BuildEnvironment) -> tuple:
    """Changes whenever sphinxcontrib-bibtex parses the bibliography again."""
    bibdata = env.get_domain("cite").bibdata
    return tuple(sorted((str(path), bibfile.mtime) for path, bibfile in bibdata.bibfiles.items()))


def apa_references(env: BuildEnvironment) -> ApaBibliography:
    """The bibliography in APA, kept in the store and re-rendered only where the
    bibliography changed (citeproc takes about 12 ms an entry)."""
    data = env.get_domain("archive").data
    fingerprint = bib_fingerprint(env)
    stored = data.get("apa")
    if stored is None or stored[0] != fingerprint:
        items = (csl_item(key, entry) for key, entry in bib_entries(env).items())
        stored = (fingerprint, ApaBibliography.update(stored and stored[1], items))
        data["apa"] = stored
    return stored[1]


def refresh_bibliography(app) -> None:
    """builder-inited, once sphinxcontrib-bibtex has parsed: render what changed
    in the main process, before any parallel reader or writer starts."""
    apa_references(app.env)


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


def markup_nodes(markup: str) -> list[nodes.Node]:
    """citeproc's HTML markup as inline nodes."""
    parser = _MarkupToNodes()
    parser.feed(markup)
    parser.close()
    return list(parser.stack[0].children)


def reference_paragraph(env: BuildEnvironment, key: str) -> nodes.paragraph | None:
    """The APA reference of one bibliography entry, or None if there is none."""
    markup = apa_references(env).reference(key)
    if markup is None:
        return None
    paragraph = nodes.paragraph(classes=["reviewed-reference", "apa-reference"])
    paragraph.extend(markup_nodes(markup))
    return paragraph
