"""Accessibility fixes for HTML we do not write ourselves.

axe-core finds two problems in markup from upstream, and both are mended here,
per page, in ``html-page-context`` (HTML builders only):

- pydata-sphinx-theme's sidebar gives each expandable entry a ``<summary>``
  holding only a chevron icon, so screen readers announce a nameless control
  (axe ``summary-name``). We name it after the entry it expands.
- docutils marks each bibliography entry ``role="doc-biblioentry"`` inside a
  ``role="list"``; that role is deprecated and not a list item (axe
  ``aria-deprecated-role``, ``aria-allowed-role``, ``aria-required-children``).
  We make each entry a ``listitem``.
"""

from __future__ import annotations

import html as markup
import re
from functools import wraps

from bs4 import BeautifulSoup
from markupsafe import Markup
from sphinx.application import Sphinx


# The theme's toggle, after the entry's link: <a ...>label</a><details ...><summary><span ...
THEME_TOGGLE = re.compile(r'(<a\b[^>]*>)((?:(?!</a>).)*)</a>(<details\b[^>]*>)<summary>'
                          r'(?=<span class="toctree-toggle")', re.S)
TAGS = re.compile(r"<[^>]*>")


def attribute(value: str) -> str:
    """An attribute value quoted as BeautifulSoup writes it (the rest of the
    sidebar was written by it), so both ways give the same bytes."""
    value = markup.escape(value, quote=False)
    if '"' not in value:
        return f'"{value}"'
    if "'" not in value:
        return f"'{value}'"
    return '"' + value.replace('"', "&quot;") + '"'


def name_theme_toggles(html: str) -> str:
    """The theme's own toggles, named by string: the sidebar is large, parsing it
    for each page was a large part of writing one."""
    def named(match: re.Match) -> str:
        label = " ".join(markup.unescape(TAGS.sub(" ", match[2])).split()) or "this section"
        return (f"{match[1]}{match[2]}</a>{match[3]}<summary aria-label="
                + attribute(f"Show or hide the pages under {label}") + ">")
    return THEME_TOGGLE.sub(named, html)


def name_toggles(html: str) -> str:
    """Give every text-less ``<summary>`` in a navigation tree an accessible name."""
    if "<summary" not in html:
        return html
    html = name_theme_toggles(html)
    if "<summary>" not in html:
        return html
    return name_toggles_parsed(html)  # any other shape: the general way


def name_toggles_parsed(html: str) -> str:
    soup = BeautifulSoup(html, "html.parser")
    for summary in soup.find_all("summary"):
        if summary.get_text(strip=True) or summary.get("aria-label"):
            continue
        item = summary.find_parent("li")
        link = item and item.find("a", recursive=False)
        label = link.get_text(" ", strip=True) if link else "this section"
        summary["aria-label"] = f"Show or hide the pages under {label}"
    return str(soup)


def listitem_citations(body: str) -> str:
    return body.replace(' role="doc-biblioentry"', ' role="listitem"')


def mend_page(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    if app.builder.format != "html":
        return
    if "body" in context and "doc-biblioentry" in context["body"]:
        context["body"] = listitem_citations(context["body"])
    generate = context.get("generate_toctree_html")
    if callable(generate) and not getattr(generate, "names_toggles", False):
        @wraps(generate)
        def generate_named(*args, **kwargs):
            return Markup(name_toggles(str(generate(*args, **kwargs))))

        generate_named.names_toggles = True
        context["generate_toctree_html"] = generate_named



