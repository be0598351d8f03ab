"""summary_archive: a Sphinx extension for an archive of research summaries.

Each summary is a MyST page whose front matter names its month, topics,
research type and reviewed article. The extension validates that metadata,
keeps it in one store (``domain``), and builds the archive's navigation from
it: topic, research-type, month and year pages, indexes, and each summary's
header and neighbour links. This module only registers the pieces.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx

from . import bibcheck, build, citations, citethis, collect, reference
from . import a11y, assets, facets, feeds, html_head  # for readers on the web
from .directives import DIRECTIVES
from .domain import ArchiveDomain
from .nodes import archive_citation, archive_view
from .pdf import setup_pdf
from .render import FillArchiveViews
from .myst_warnings import quiet_replaced_warnings
from .title import TitleFromFrontMatter

__version__ = "0.1.0"


def _code_fingerprint() -> int:
    """Changes with any of the extension's source files: saved environments and
    pages made by other code are then rebuilt, not reused with stale output."""
    digest = hashlib.blake2b(digest_size=4)
    for source in sorted(Path(__file__).parent.rglob("*.py")):
        digest.update(source.read_bytes())
    return int.from_bytes(digest.digest(), "big")


def setup(app: Sphinx) -> dict[str, Any]:
    app.setup_extension("sphinxcontrib.bibtex")
    app.add_config_value("archive_vocabulary", "_data/vocabulary.yml", "env", types=[str])
    app.add_config_value("archive_month_intros", "_data/months.yml", "env", types=[str])
    app.add_config_value("archive_generate_pages", True, "env", types=[bool])
    # Where the archive is published: cite-this URLs, feeds, canonical URLs
    # (else html_baseurl); and the archive's name in citations.
    app.add_config_value("archive_base_url", "", "html", types=[str])
    app.add_config_value("archive_name", "", "env", types=[str])

    app.add_domain(ArchiveDomain)
    app.add_node(archive_view)
    for name, directive in DIRECTIVES.items():
        app.add_directive(name, directive)
    app.add_transform(TitleFromFrontMatter)
    quiet_replaced_warnings()
    app.add_post_transform(FillArchiveViews)
    app.add_node(archive_citation)
    citations.register_roles(app)
    app.add_post_transform(citations.FillCitations)
    app.connect("builder-inited", bibcheck.check_entries, priority=600)
    app.connect("builder-inited", reference.refresh_bibliography, priority=600)
    app.connect("html-page-context", citethis.add_meta_tags)

    # Before sphinxcontrib-bibtex (priority 500) parses the bibliography.
    app.connect("builder-inited", bibcheck.check_bibliography, priority=400)
    app.connect("builder-inited", build.load_archive_data)
    app.connect("env-get-outdated", collect.check_encodings)
    app.connect("source-read", collect.read_front_matter)
    app.connect("doctree-read", collect.add_summary_views)
    app.connect("env-updated", build.refresh_catalogue)
    setup_pdf(app)  # the PDF collections (make pdf)
    # HTML only: feeds, the facets' JSON index, head links and meta tags.
    assets.register(app)
    app.connect("build-finished", feeds.write_feeds)
    app.connect("build-finished", facets.write_index)
    app.connect("html-page-context", feeds.feed_links)
    app.connect("html-page-context", html_head.describe_page, priority=html_head.PRIORITY)
    app.connect("html-page-context", a11y.mend_page, priority=600)  # after the theme's
    return {
        "version": __version__,
        "env_version": ArchiveDomain.data_version * 2**32 + _code_fingerprint(),
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
