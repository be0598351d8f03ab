"""A page's description for search engines and link previews.

A summary's teaser says what the study found in one sentence, and a topic's or
research type's vocabulary entry says what it covers: both better than the
first words of the page, which are the summary header or the start of a list.
Runs before sphinxext-opengraph (priority 500), which takes ``og:`` overrides
from ``context['meta']`` and adds no description of its own when one is present.
"""

from __future__ import annotations

from html import escape

from sphinx.application import Sphinx

PRIORITY = 400  # before sphinxext-opengraph's html-page-context handler


def own_description(domain, pagename: str) -> tuple[str, str] | None:
    """(description, og:type) for pages the archive describes itself."""
    summary = domain.summaries.get(pagename)
    if summary is not None:
        return (summary.teaser, "article") if summary.teaser else None
    folder, _, slug = pagename.partition("/")
    facet = {"topics": domain.vocabulary.topics,
             "research-types": domain.vocabulary.research_types}.get(folder)
    if facet is None or slug not in facet.slugs:
        return None
    description = facet.get(slug).description
    return (description, "website") if description else None


def describe_page(app: Sphinx, pagename: str, templatename: str, context: dict,
                  doctree) -> None:
    described = own_description(app.env.get_domain("archive"), pagename)
    if described is None:
        return
    description, og_type = described
    # A copy: context['meta'] is the environment's own metadata of the page.
    context["meta"] = {**(context.get("meta") or {}), "og:description": description,
                       "og:type": og_type}
    context["metatags"] = (context.get("metatags", "")
                           + f'<meta name="description" content="{escape(description)}" />\n')
