"""The sidebar of topic and research-type pages: terms without summaries are
gathered at the end under one collapsed "With no summaries yet (n)", instead of
taking the room of the terms that have some.

The theme renders the sidebar's links from the toctree; they are mended per
page when it is written (``html-page-context``). Every page in those two
folders depends on which terms are empty (the ``empty-terms`` view), so when
a topic gets its first summary every sidebar that listed it as empty is
written again.
"""

from __future__ import annotations

import posixpath
from functools import wraps

from bs4 import BeautifulSoup
from docutils import nodes
from markupsafe import Markup
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from ..views import registry
from ..views.registry import ViewKind

EMPTY_TERMS = "empty-terms"
FOLDERS = ("topics", "research-types")


def empty_term_pages(env: BuildEnvironment) -> frozenset[str]:
    catalogue = env.get_domain("archive").catalogue
    if catalogue is None:
        return frozenset()
    vocabulary = catalogue.vocabulary
    return frozenset(f"{folder}/{slug}"
                     for folder, facet in zip(FOLDERS, (vocabulary.topics,
                                                        vocabulary.research_types))
                     for slug, count in catalogue.term_counts(facet) if not count)


def empty_terms_shown(env: BuildEnvironment, _argument: str, _docname: str) -> object:
    return sorted(empty_term_pages(env))


VIEW_KIND = ViewKind(EMPTY_TERMS, empty_terms_shown, from_catalogue=True)


def note_sidebar(app: Sphinx, doctree: nodes.document) -> None:
    """doctree-read: the pages whose sidebar lists the terms."""
    if app.env.docname.partition("/")[0] in FOLDERS:
        app.env.get_domain("archive").note_view(app.env.docname, (EMPTY_TERMS, ""))


def gather_empty(html: str, pagename: str, empty: frozenset[str]) -> str:
    """Move the sidebar entries of empty terms into one collapsed group."""
    if not empty or "toctree-l1" not in html:
        return html
    soup = BeautifulSoup(html, "html.parser")
    here = posixpath.dirname(pagename)
    for listing in soup.find_all("ul"):
        entries = []
        for item in listing.find_all("li", recursive=False):
            link = item.find("a", recursive=False)
            href = link.get("href", "") if link else ""
            target = posixpath.normpath(posixpath.join(here, href.split("#")[0]))
            if href and target.removesuffix(".html") in empty:
                entries.append(item)
        if not entries:
            continue
        group = soup.new_tag("li", attrs={"class": "toctree-l1 archive-empty-terms-group"})
        details = soup.new_tag("details")
        if any("current" in item.get("class", []) for item in entries):
            details["open"] = ""  # the reader is on one of them
        summary = soup.new_tag("summary", attrs={"class": "archive-empty-term"})
        summary.string = f"With no summaries yet ({len(entries)})"
        inner = soup.new_tag("ul", attrs={"class": "archive-empty-terms-list"})
        for item in entries:
            item.extract()
            item["class"] = [*item.get("class", []), "archive-empty-term"]
            inner.append(item)
        details.append(summary)
        details.append(inner)
        group.append(details)
        listing.append(group)
    return str(soup)


def mend_sidebar(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    """html-page-context: empty terms gathered in the sidebar of their folders."""
    if app.builder.format != "html" or pagename.partition("/")[0] not in FOLDERS:
        return
    generate = context.get("generate_toctree_html")
    if not callable(generate):
        return
    empty = empty_term_pages(app.env)

    @wraps(generate)
    def generate_gathered(*args, **kwargs):
        return Markup(gather_empty(str(generate(*args, **kwargs)), pagename, empty))

    context["generate_toctree_html"] = generate_gathered


def setup_sidebar(app: Sphinx) -> None:
    registry.register(VIEW_KIND)
    app.connect("doctree-read", note_sidebar)
    app.connect("html-page-context", mend_sidebar, priority=610)  # after a11y's (600)
