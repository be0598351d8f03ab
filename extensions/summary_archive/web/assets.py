"""The extension's own browser files: the facet and search script, its styles,
the print stylesheet, the search scorer, and the templates that adjust the
theme (``templates/<theme>/``, used with that theme only: see each file's
comment).

Each page loads only the stylesheets it uses: sphinx-design's grid styles and
scripts where a page has a grid or card, Pygments' styles where it has
highlighted code (today the landing page and the summaries' BibTeX).
"""

from __future__ import annotations

import re
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.config import Config

HERE = Path(__file__).parent
STATIC = HERE / "static"
TEMPLATES = HERE / "templates"  # one folder per theme whose templates we adjust
SCORER = HERE / "search_scorer.js"

# Files a page loads only when its body uses them: (file name, what shows use).
USED_WHEN = (
    ("sphinx-design.min.css", re.compile(r'class="[^"]*\bsd-')),
    ("design-tabs.js", re.compile(r'class="[^"]*\bsd-tab')),
    ("pygments.css", re.compile(r'class="[^"]*\bhighlight')),
)
VIEWPORT = re.compile(r'<meta name="viewport"[^>]*>\n?')


def add_paths(app: Sphinx, config: Config) -> None:
    # At config-inited, so the pickled configuration of the last build has the
    # same values and incremental builds do not see a changed configuration.
    # New lists, never appended to: a conf.py that sets neither shares Sphinx's
    # default list with every other app in the process.
    if str(STATIC) not in config.html_static_path:
        config.html_static_path = [*config.html_static_path, str(STATIC)]
    theme_templates = TEMPLATES / str(config.html_theme)
    if theme_templates.is_dir() and str(theme_templates) not in config.templates_path:
        config.templates_path = [*config.templates_path, str(theme_templates)]
    if not config.html_search_scorer:
        config.html_search_scorer = str(SCORER)


def unused(name: str, body: str) -> bool:
    return any(name == file and not pattern.search(body) for file, pattern in USED_WHEN)


def trim_page(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    """html-page-context: leave out the files this page does not use, and the
    second viewport tag docutils adds (the layout has one)."""
    if app.builder.format != "html":
        return
    body = context.get("body", "")
    for key in ("css_files", "script_files"):
        if key in context:
            context[key] = [asset for asset in context[key]
                            if not unused(str(getattr(asset, "filename", asset)).split("?")[0]
                                          .rsplit("/", 1)[-1], body)]
    if "metatags" in context:
        context["metatags"] = VIEWPORT.sub("", context["metatags"])


def register(app: Sphinx) -> None:
    app.connect("config-inited", add_paths)
    app.add_js_file("archive.js", loading_method="defer")
    app.add_css_file("archive-web.css")
    app.add_css_file("archive-print.css", media="print")
    app.connect("html-page-context", trim_page, priority=700)
