"""The built site holds exactly the current pages, and its sitemap lists them all.

- An incremental build writes only the pages that changed, and sphinx-sitemap
  lists only the pages written in that build (2 of 57 after an ordinary edit).
  Before it writes ``sitemap.xml``, every page of the archive is added, in
  order, so the sitemap is complete and the same whatever was rebuilt.
- Sphinx never deletes a page whose source was deleted: the page (and a
  summary's ``.bib`` download) stayed in the site. After an HTML build, the
  pages of removed documents are deleted, and so is any page in the archive's
  own folders (months, topics, research types) that no document makes.
"""

from __future__ import annotations

import re
from pathlib import Path

from sphinx.application import Sphinx

from ..citations.citethis import bib_filename

# Folders whose every page is made by a document of the archive.
ARCHIVE_FOLDERS = re.compile(r"(?:\d{4}|topics|research-types)/")


def is_html(app: Sphinx) -> bool:
    return app.builder.format == "html" and not getattr(app.builder, "embedded", False)


def note_removed(app: Sphinx, env, added: set[str], changed: set[str],
                 removed: set[str]) -> list[str]:
    """env-get-outdated: remember the documents deleted since the last build."""
    app.env.get_domain("archive").removed_pages = set(removed)
    return []


def complete_sitemap(app: Sphinx, exception: Exception | None) -> None:
    """build-finished, before sphinx-sitemap: every page, not only those written now."""
    queue = getattr(app, "sitemap_links", None)
    if exception is not None or queue is None or not is_html(app):
        return
    from sphinx_sitemap import is_excluded  # only where conf.py loads sphinx-sitemap

    links: dict[str, str | None] = {}
    while not queue.empty():
        link, last_updated = queue.get_nowait()
        links[link] = last_updated
    for docname in app.env.found_docs:
        link = app.builder.get_target_uri(docname)
        if not is_excluded(link, app.config.sitemap_excludes):
            links.setdefault(link, None)
    for link in sorted(links):
        queue.put((link, links[link]))


def output_files(app: Sphinx, docname: str) -> tuple[str, str]:
    """A document's page and its summary's BibTeX download (which sits beside
    the page), as paths under the output folder: ``2021/07/x.html`` and
    ``2021/07/x.bib``, or with ``dirhtml`` ``2021/07/x/index.html`` and
    ``2021/07/x/x.bib``."""
    page = Path(app.builder.get_outfilename(docname)).relative_to(app.outdir)
    return page.as_posix(), (page.parent / bib_filename(docname)).as_posix()


def remove_stale_pages(app: Sphinx, exception: Exception | None) -> None:
    """build-finished: delete the pages (and .bib downloads) no document makes any more."""
    if exception is not None or not is_html(app):
        return
    outdir = Path(app.outdir)
    current = {path for docname in app.env.found_docs for path in output_files(app, docname)}
    removed = getattr(app.env.get_domain("archive"), "removed_pages", set())
    stale = {path for docname in removed for path in output_files(app, docname)} - current
    for path in [*outdir.rglob("*.html"), *outdir.rglob("*.bib")]:
        relative = path.relative_to(outdir).as_posix()
        if ARCHIVE_FOLDERS.match(relative) and relative not in current:
            stale.add(relative)
    for path in stale:
        (outdir / path).unlink(missing_ok=True)


def setup_site_pages(app: Sphinx) -> None:
    app.connect("env-get-outdated", note_removed)
    app.connect("build-finished", complete_sitemap, priority=400)  # sphinx-sitemap: 500
    app.connect("build-finished", remove_stale_pages)
