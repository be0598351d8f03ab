"""The extension's own browser files: the facet and search script, its styles,
and the print stylesheet for a single summary."""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx
from sphinx.config import Config

STATIC = Path(__file__).parent / "static"


def add_static_path(app: Sphinx, config: Config) -> None:
    # At config-inited, so the pickled configuration of the last build has the
    # same value and incremental builds do not see a changed configuration.
    if str(STATIC) not in config.html_static_path:
        config.html_static_path.append(str(STATIC))


def register(app: Sphinx) -> None:
    app.connect("config-inited", add_static_path)
    app.add_js_file("archive.js", loading_method="defer")
    app.add_css_file("archive-web.css")
    app.add_css_file("archive-print.css", media="print")
