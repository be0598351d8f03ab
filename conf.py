"""Sphinx configuration of the research-summary archive.

Sources live in docs/, the bibliography in references.bib, and our own
extension in extensions/summary_archive (installed into .venv by make).
"""

import os
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).parent.resolve()

project = "PPRNet Research Summaries"
author = "Psychotherapy Practice Research Network"
copyright = "2021, Psychotherapy Practice Research Network"  # noqa: A001
language = "en"

extensions = [
    "myst_parser",
    "sphinx_design",
    "sphinxcontrib.bibtex",
    "summary_archive",
    # On the web: the sitemap, OpenGraph tags and the 404 page.
    "sphinx_sitemap",
    "sphinxext.opengraph",
    "notfound.extension",
]

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
# sidebar does not grow with the archive.
html_theme = "pydata_sphinx_theme"
html_title = "PPRNet Research Summaries"
html_static_path = ["docs/_static"]
html_css_files = ["archive.css"]
html_theme_options = {
    "navigation_depth": 2,
    "show_nav_level": 1,
    "collapse_navigation": True,
    "show_toc_level": 1,
    "navbar_align": "left",
    "footer_start": ["copyright"],
    "footer_end": ["sphinx-version"],
    "secondary_sidebar_items": ["page-toc"],
}
html_sidebars = {"**": ["sidebar-nav-bs"]}
html_last_updated_fmt = None
html_show_sourcelink = False
html_copy_source = False

# On the web: where the archive is published. Cite-this-summary URLs, feeds,
# canonical URLs, the sitemap, OpenGraph tags and the 404 page all take their
# absolute URLs from it. The default is a placeholder until the archive has its
# home; set ARCHIVE_BASE_URL to build for the real address.
archive_base_url = os.environ.get("ARCHIVE_BASE_URL", "https://pprnet-archive.example.org/")
html_baseurl = archive_base_url
sitemap_url_scheme = "{link}"  # one language, no versions: page URLs under the base
sitemap_excludes = ["search.html", "genindex.html", "404.html"]
ogp_site_url = archive_base_url
ogp_social_cards = {"enable": False}  # no generated images (they need matplotlib)
notfound_urls_prefix = urlsplit(archive_base_url).path  # the 404 page links from any depth
notfound_context = {
    "title": "Page not found",
    "body": "<h1>Page not found</h1>\n<p>There is no page at this address. It may have "
            "moved when the archive was reorganised.</p>\n<p>Start again from the "
            f'<a href="{archive_base_url}">landing page</a>, browse the '
            f'<a href="{archive_base_url}topics/index.html">topics</a>, or use the search '
            "box at the top of the page.</p>\n",
}
