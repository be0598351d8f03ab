"""A summary's citation meta tags and its ``.bib`` download, on the web.

The ``citation_*`` tags (Highwire Press, read by Zotero and Google Scholar)
go into each summary page's head; the BibTeX entry of its cite-this block is
written next to the page, only when its text changed.
"""

from __future__ import annotations

import html
from pathlib import Path

from sphinx.application import Sphinx

from ..citations.citethis import meta_tags
from ..core.text import write_if_changed
from ..store.references import cite_this_of


def add_meta_tags(app: Sphinx, pagename: str, templatename: str, context: dict,
                  doctree) -> None:
    """html-page-context: citation meta tags and the .bib download of a summary."""
    summary = app.env.get_domain("archive").summaries.get(pagename)
    if summary is None or doctree is None:
        return
    tags = "".join(f'<meta name="{name}" content="{html.escape(value)}" />\n'
                   for name, value in meta_tags(summary, app.config))
    context["metatags"] = context.get("metatags", "") + tags
    citation = cite_this_of(app.env, summary)
    # Beside the page's file (``dirhtml`` writes each page as a folder's index).
    write_if_changed(Path(app.builder.get_outfilename(pagename)).parent / citation.bib_filename,
                     citation.bibtex)
