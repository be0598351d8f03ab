"""Sphinx configuration of the research-summary archive.

Sources live in docs/, the bibliography in references.bib, and our own
extension in extensions/summary_archive (installed into .venv by make).
"""

import os
from html import escape
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).parent.resolve()

project = "PPRNet Research Summaries"
author = "Psychotherapy Practice Research Network"
copyright = "2021, Psychotherapy Practice Research Network"  # noqa: A001
language = "en"

# On the web: where the archive is published. Cite-this URLs, feeds,
# canonical URLs, the sitemap and OpenGraph page URLs are absolute, made from
# it. The GitHub Pages workflow sets ARCHIVE_BASE_URL from the Pages
# configuration; Read the Docs sets READTHEDOCS_CANONICAL_URL. Without either
# the archive names no host at all: its links are relative, and the build says
# once what it left out (feeds, sitemap, canonical and page URLs).
archive_base_url = (os.environ.get("ARCHIVE_BASE_URL")
                    or os.environ.get("READTHEDOCS_CANONICAL_URL") or "")
if archive_base_url and not archive_base_url.endswith("/"):
    archive_base_url += "/"

extensions = [
    "myst_parser",
    "sphinx_design",
    "sphinxcontrib.bibtex",
    "summary_archive",
    "notfound.extension",  # the 404 page
]
if archive_base_url:
    # A sitemap and OpenGraph page URLs are absolute by definition.
    extensions += ["sphinx_sitemap", "sphinxext.opengraph"]

source_suffix = {".md": "markdown"}
root_doc = "index"
exclude_patterns = ["_data", "_build", "**/.*"]

# Markdown: colon fences for sphinx-design's grids and cards.
myst_enable_extensions = ["colon_fence"]

# Citations: one shared bibliography, author-year citations in the text.
bibtex_bibfiles = [str(ROOT / "references.bib")]
bibtex_reference_style = "author_year"
bibtex_default_style = "plain"

# The archive's vocabularies and month intros (relative to docs/).
archive_vocabulary = "_data/vocabulary.yml"
archive_month_intros = "_data/months.yml"

# HTML: pydata-sphinx-theme, with navigation depth bounded so that a page's
# sidebar does not grow with the archive. One previous/next navigation: the
# summaries' own, in the month's order (views/summary_page.py), so the theme's
# is off; the theme follows the reader's light or dark preference.
html_theme = "pydata_sphinx_theme"
html_title = "PPRNet Research Summaries"
html_static_path = ["docs/_static"]
html_css_files = ["archive.css"]
html_favicon = "docs/_static/favicon.svg"
html_theme_options = {
    "navigation_depth": 2,
    "show_nav_level": 1,
    "collapse_navigation": True,
    "show_toc_level": 1,
    "navbar_align": "left",
    "search_bar_text": "Search the summaries…",
    "show_prev_next": False,
    "footer_start": ["copyright"],
    "footer_end": ["sphinx-version"],
    "secondary_sidebar_items": ["page-toc"],
}
html_sidebars = {"**": ["sidebar-nav-bs"]}
html_context = {"default_mode": "auto"}  # the theme reads it from the context
html_last_updated_fmt = None
html_show_sourcelink = False
html_copy_source = False

html_baseurl = archive_base_url
sitemap_url_scheme = "{link}"  # one language, no versions: page URLs under the base
sitemap_excludes = ["search.html", "genindex.html", "404.html"]
ogp_site_url = archive_base_url
ogp_social_cards = {"enable": False}  # no generated images (they need matplotlib)
# The 404 page is served at any missing path, so its links start from the
# site's root path (the base URL's path; "/" when none is set), never a host.
notfound_urls_prefix = urlsplit(archive_base_url).path or "/"
notfound_context = {
    "title": "Page not found",
    "body": "<h1>Page not found</h1>\n<p>There is no page at this address. It may have "
            "moved when the archive was reorganised.</p>\n<p>Start again from the "
            f'<a href="{escape(notfound_urls_prefix)}index.html">landing page</a>, browse the '
            f'<a href="{escape(notfound_urls_prefix)}topics/index.html">topics</a>, or use the search '
            "box at the top of the page.</p>\n",
}
