"""The navigation pages in the build: written before reading, when their text
changed (``core.navigation`` plans them), so Sphinx reads them as documents."""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx
from sphinx.util import logging

from ..core.navigation import plan_pages, summary_docnames, sync_pages

logger = logging.getLogger(__name__)


def write_navigation_pages(app: Sphinx) -> None:
    """builder-inited, once the store has loaded the vocabulary."""
    if not app.config.archive_generate_pages:
        return
    srcdir = Path(app.srcdir)
    vocabulary = app.env.get_domain("archive").vocabulary
    written, removed, kept = sync_pages(srcdir, plan_pages(vocabulary, summary_docnames(srcdir)))
    if written or removed:
        logger.info("archive: wrote %d and removed %d navigation page(s)",
                    len(written), len(removed))
    for relative in kept:
        logger.warning("%s is hand-written, so the generated page for it was not "
                       "written; delete it to get the generated one", srcdir / relative,
                       type="archive", subtype="pages")
