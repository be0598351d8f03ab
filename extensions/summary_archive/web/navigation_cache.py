"""The sidebar's navigation rendered once per section, not once per page.

The theme renders the navigation tree into every page: it resolves the
toctree, renders it and re-parses it with BeautifulSoup, and our mends (named
toggles, gathered empty terms) parse it again. That is the largest single cost
of a page and it grows with the archive. Yet the sidebar of a summary shows the
years and the months of its year, never the summary itself, so every summary of
a month gets the same sidebar, byte for byte.

What the rendered tree can depend on, for one set of arguments: the folder the
page is written to (its links are relative), the section whose tree is shown
(the page's ancestor at the sidebar's starting depth, which for a top-level
page is the page itself), and where the page sits in the toctrees (the entries
marked "current" are its ancestors, and only the current branch is expanded).
So the finished HTML is kept per (arguments, output folder, section,
ancestors) and served to the next page with the same key, unless
either page has an entry of its own in it (the theme renders that one as the
current link, which differs per page): such sidebars are rendered as before.
One case of those is common enough to share too: a month's page shows itself
as the current link, and its summaries, in the same folder, show the very same
sidebar with that link as an ordinary one. So a page rendered with its own
link is kept, that link made ordinary, for the pages below it.

The cache lives for one builder (one build, or one worker's share of a
parallel write); nothing is kept between builds.
"""

from __future__ import annotations

import posixpath
from collections import defaultdict
from functools import wraps
from weakref import WeakKeyDictionary

from markupsafe import Markup
from sphinx.application import Sphinx
from sphinx.builders import Builder

PRIORITY = 700  # after every other wrapper of generate_toctree_html (a11y 600, sidebar 610)
_rendered: WeakKeyDictionary[Builder, dict] = WeakKeyDictionary()
_parents: WeakKeyDictionary[Builder, dict[str, list[str]]] = WeakKeyDictionary()


def toctree_parents(builder: Builder) -> dict[str, list[str]]:
    """Each document's parents in the toctrees (env.toctree_includes, inverted once)."""
    if builder not in _parents:
        parents: dict[str, list[str]] = defaultdict(list)
        for parent, children in builder.env.toctree_includes.items():
            for child in children:
                parents[child].append(parent)
        _parents[builder] = dict(parents)
    return _parents[builder]


def ancestors(parents: dict[str, list[str]], docname: str) -> frozenset[str]:
    """Every document above ``docname`` in the toctrees, by any path."""
    seen: set[str] = set()
    stack = list(parents.get(docname, ()))
    while stack:
        parent = stack.pop()
        if parent not in seen:
            seen.add(parent)
            stack.extend(parents.get(parent, ()))
    return frozenset(seen)


def section_chain(parents: dict[str, list[str]], docname: str) -> list[str]:
    """The page and its ancestors up to (not including) the root, as the theme
    finds the section a sidebar shows (Sphinx's ``_get_toctree_ancestors``:
    one parent each, the last toctree that lists it)."""
    chain: list[str] = []
    while docname in parents and docname not in chain:
        chain.append(docname)
        docname = parents[docname][-1]
    return chain


def shown_section(chain: list[str], startdepth: int) -> str | None:
    if startdepth <= 0 or len(chain) < startdepth:
        return None
    return chain[-startdepth]


def shows_itself(html: str, own_href: str) -> bool:
    """Whether a rendered sidebar has an entry for the page it was rendered for,
    or (``own_href``) would have one for another page of the same folder."""
    return 'href="#"' in html or 'aria-current="page"' in html or f'href="{own_href}"' in html


CURRENT_LINK = '<a aria-current="page" class="current reference internal" href="#">'


def as_seen_from_below(html: str, own_href: str) -> str | None:
    """A sidebar rendered for a page, as the pages listed under it (in its
    folder) see it: its one current link made an ordinary link to it. None
    when the sidebar is not of that simple shape."""
    if html.count('href="#"') != 1 or html.count(CURRENT_LINK) != 1:
        return None
    return html.replace(CURRENT_LINK, f'<a class="reference internal" href="{own_href}">')


def cache_sidebar(app: Sphinx, pagename: str, templatename: str, context: dict,
                  doctree) -> None:
    """html-page-context: serve the navigation from the section's rendering."""
    generate = context.get("generate_toctree_html")
    if app.builder.format != "html" or not callable(generate):
        return
    uri = app.builder.get_target_uri(pagename)
    if not uri or uri.endswith("/"):
        return  # a folder per page (dirhtml): no two pages share relative links
    folder, own_href = posixpath.dirname(uri), posixpath.basename(uri)
    parents = toctree_parents(app.builder)
    page_ancestors = ancestors(parents, pagename)
    chain = section_chain(parents, pagename)
    rendered = _rendered.setdefault(app.builder, {})

    @wraps(generate)
    def generate_once(*args, **kwargs):
        if (args[0] if args else kwargs.get("kind")) != "sidebar":
            return generate(*args, **kwargs)  # "raw" asks for the theme's soup
        startdepth = int(args[1] if len(args) > 1 else kwargs.get("startdepth", 1))
        shared = (args, tuple(sorted(kwargs.items())), folder, shown_section(chain, startdepth))
        html = rendered.get((*shared, page_ancestors))
        if html is not None and not shows_itself(html, own_href):
            return Markup(html)
        html = str(generate(*args, **kwargs))
        if not shows_itself(html, own_href):
            rendered[(*shared, page_ancestors)] = html
        elif (below := as_seen_from_below(html, own_href)) is not None:
            rendered[(*shared, page_ancestors | {pagename})] = below
        return Markup(html)

    context["generate_toctree_html"] = generate_once


def setup_navigation_cache(app: Sphinx) -> None:
    app.connect("html-page-context", cache_sidebar, priority=PRIORITY)
