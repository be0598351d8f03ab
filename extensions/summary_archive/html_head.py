"""A summary page's description for search engines and link previews.

Its teaser says what the study found in one sentence: better than the first
paragraph of the page, which is the header's month and topics. Runs before
sphinxext-opengraph (priority 500), which takes ``og:`` overrides from
``context['meta']`` and adds no description of its own when one is present.
"""

from __future__ import annotations

from html import escape

from sphinx.application import Sphinx

PRIORITY = 400  # before sphinxext-opengraph's html-page-context handler


def describe_summary(app: Sphinx, pagename: str, templatename: str, context: dict,
                     doctree) -> None:
    summary = app.env.get_domain("archive").summaries.get(pagename)
    if summary is None or not summary.teaser:
        return
    # A copy: context['meta'] is the environment's own metadata of the page.
    context["meta"] = {**(context.get("meta") or {}), "og:description": summary.teaser,
                       "og:type": "article"}
    context["metatags"] = (context.get("metatags", "")
                           + f'<meta name="description" content="{escape(summary.teaser)}" />\n')
