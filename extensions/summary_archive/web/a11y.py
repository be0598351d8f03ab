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

from functools import wraps


from bs4 import BeautifulSoup
from markupsafe import Markup
from sphinx.application import Sphinx


def name_toggles(html: str) -> str:
    """Give every text-less ``<summary>`` in a navigation tree an accessible name."""
    if "<summary" not in html:
        return html
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



