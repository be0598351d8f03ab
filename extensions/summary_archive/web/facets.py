"""Faceted browsing without a server: a JSON index of the archive and a form.

The HTML build writes ``archive-index.json`` (every summary with its month,
year, research type and topics) when it finishes, and only when its text
changed. ``{summary-facets}`` marks a place on the archive and topic pages
where ``archive.js`` builds a form from the index that narrows the list by
research type and year in the browser. Without JavaScript (or in the PDF)
readers see the ordinary server-rendered lists.
"""

from __future__ import annotations

import json
from html import escape
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx

from ..core.catalogue import Catalogue
from ..views.directives import SummaryList
from ..views.registry import ViewKind, nothing
from .feeds import is_html_build

INDEX_FILE = "archive-index.json"


def archive_index(catalogue: Catalogue, target_uri) -> dict:
    """Plain data for the browser: URLs relative to the site root, newest first.

    ``target_uri(docname)`` is the builder's URL of a page.
    """
    vocabulary = catalogue.vocabulary
    return {
        "research_types": [{"slug": t.slug, "label": t.label,
                            "url": target_uri(f"research-types/{t.slug}")}
                           for t in vocabulary.research_types.terms],
        "topics": [{"slug": t.slug, "label": t.label, "url": target_uri(f"topics/{t.slug}")}
                   for t in vocabulary.topics.terms],
        "summaries": [{
            "url": target_uri(s.docname),
            "title": s.title,
            "month": s.month.key,
            "month_label": s.month.label,
            "month_url": target_uri(s.month.docname),
            "year": s.month.year,
            "research_type": s.research_type,
            "topics": list(s.topics),
            "teaser": s.teaser,
        } for s in catalogue.chronological[::-1]],
    }


def write_index(app: Sphinx, exception: Exception | None) -> None:
    """build-finished: write the JSON index of an HTML build that succeeded."""
    if exception is not None or not is_html_build(app):
        return
    catalogue = app.env.get_domain("archive").catalogue
    if catalogue is None:
        return
    text = json.dumps(archive_index(catalogue, app.builder.get_target_uri),
                      ensure_ascii=False, indent=1)
    path = Path(app.outdir, INDEX_FILE)
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")


def facet_form(selector: str, form_id: str) -> str:
    """Where ``archive.js`` puts the form; ``selector`` as in summary-list.

    Only an empty, hidden element: the script writes the form's words, so
    they stay out of the text that search results quote from each page.
    """
    return (f'<div class="archive-facets" id="{escape(form_id, quote=True)}" '
            f'data-scope="{escape(selector, quote=True)}" hidden></div>\n')


class SummaryFacets(SummaryList):
    """``{summary-facets} topic:empathy``: narrow that list by research type and
    year in the browser (HTML only)."""

    kind = "facets"


def render_facets(_renderer, selector: str) -> list[nodes.Node]:
    """A browser-side form: HTML only, filled from the JSON index."""
    form_id = "facets-" + "-".join(selector.replace(":", " ").split())
    return [nodes.raw("", facet_form(selector, form_id), format="html")]


VIEW_KIND = ViewKind("facets", nothing, render_facets, from_catalogue=True)
