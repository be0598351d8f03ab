"""The one address the archive is published at (``archive_base_url``).

Feeds, canonical URLs, the sitemap, OpenGraph page URLs and cite-this URLs
are absolute and made from it. It comes from the environment of the build
that publishes (see ``conf.py``); a build without it names no host: those
pieces are left out, and the HTML build says so once. A value that is not an
http(s) address stops the build with one sentence, since it would reach
every page's markup.
"""

from __future__ import annotations

import re

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.util import logging

from ..store.stop import stop_build

logger = logging.getLogger(__name__)

# A scheme, a host, then no character that could end an HTML attribute.
ADDRESS = re.compile(r"https?://[^\s\"'<>`/?#]+(/[^\s\"'<>`?#]*)?")
LEFT_OUT = ("the Atom feeds, the sitemap, canonical and OpenGraph page URLs, "
            "and the page address in each cite-this entry")


def base_url(config: Config) -> str:
    """The archive's published address, ending in a slash; '' if none is set."""
    url = config.archive_base_url or config.html_baseurl or ""
    return url if not url or url.endswith("/") else url + "/"


def check_address(app: Sphinx, config: Config) -> None:
    """config-inited: a set address must be an http(s) URL."""
    for name in ("archive_base_url", "html_baseurl"):
        value = getattr(config, name, "") or ""
        if value and not ADDRESS.fullmatch(value):
            stop_build(f"{name} (from ARCHIVE_BASE_URL or READTHEDOCS_CANONICAL_URL) must be "
                       f"the archive's address, an http:// or https:// URL such as "
                       f"https://example.org/archive/; got {value!r}")


def say_what_is_missing(app: Sphinx) -> None:
    """builder-inited: an HTML build without an address says, once, what it leaves out."""
    if app.builder.format == "html" and not base_url(app.config):
        logger.info("archive: no published address is set, so this build leaves out %s. "
                    "Set ARCHIVE_BASE_URL to the archive's address (for example "
                    "ARCHIVE_BASE_URL=https://example.org/archive/) to include them.", LEFT_OUT)


def setup_address(app: Sphinx) -> None:
    app.connect("config-inited", check_address)
    app.connect("builder-inited", say_what_is_missing)
