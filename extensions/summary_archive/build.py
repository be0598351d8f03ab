"""Build-wide steps: load the vocabularies, write the navigation pages, and
after reading, rebuild the catalogue and name the pages whose lists changed.
"""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util import logging

from . import downloads, pages, reference_views
from .citations import check_citations
from .intros import load_intros
from .reference import bib_entries, entry_fingerprint
from .crosscheck import duplicate_problems, missing_review_problems
from .stop import stop_build
from .vocabulary import VocabularyError, load_vocabulary

logger = logging.getLogger(__name__)


def load_archive_data(app: Sphinx) -> None:
    """builder-inited: vocabularies and intros, then the generated pages."""
    domain = app.env.get_domain("archive")
    srcdir = Path(app.srcdir)
    try:
        domain.vocabulary = load_vocabulary(srcdir / app.config.archive_vocabulary)
    except VocabularyError as error:
        stop_build(str(error))
    intros_path = srcdir / app.config.archive_month_intros
    domain.intros, problems = load_intros(intros_path)
    for problem in problems:
        logger.warning("%s: %s", intros_path, problem.message, type="archive", subtype="intros")
    if app.config.archive_generate_pages:
        planned = pages.plan_pages(domain.vocabulary, pages.summary_docnames(srcdir))
        written, removed, kept = pages.sync_pages(srcdir, planned)
        if written or removed:
            logger.info("archive: wrote %d and removed %d navigation page(s)",
                        len(written), len(removed))
        for relative in kept:
            logger.warning("%s is hand-written, so the generated page for it was not "
                           "written; delete it to get the generated one", srcdir / relative,
                           type="archive", subtype="pages")


def check_reviewed_keys(env: BuildEnvironment) -> None:
    """Every summary's ``reviews`` key must be in the bibliography."""
    domain = env.get_domain("archive")
    bibfiles = ", ".join(Path(f).name for f in env.config.bibtex_bibfiles)
    for docname, problem in missing_review_problems(domain.summaries.values(),
                                                    bib_entries(env).keys(), bibfiles,
                                                    domain.field_lines):
        logger.warning(problem.message, location=(docname, problem.line),
                       type="archive", subtype="reviews")


def check_duplicates(env: BuildEnvironment) -> None:
    """No two summaries share a slug or a title (the same check as `make check`)."""
    domain = env.get_domain("archive")
    for docname, problem in duplicate_problems(domain.summaries.values(), domain.field_lines):
        logger.warning(problem.message, location=(docname, problem.line),
                       type="archive", subtype="duplicates")


def refresh_catalogue(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """env-updated: rebuild the derived views; return pages to write again."""
    domain = env.get_domain("archive")
    catalogue = domain.rebuild_catalogue()
    check_duplicates(env)
    check_reviewed_keys(env)
    check_citations(env)

    def describe(docname: str, view: tuple[str, str]) -> object:
        kind, argument = view
        if kind == "summary-header":  # the one view that also shows the bibliography
            summary = domain.summaries.get(docname)
            return summary, summary and entry_fingerprint(env, summary.reviews)
        if kind in (*reference_views.KINDS, "citations"):
            return reference_views.shown_by(env, kind, docname)
        if kind == "downloads":  # the PDFs' manifest, written by make pdf
            return downloads.manifest_text(domain.downloads_manifest)
        return catalogue.shown_by(kind, argument, docname)

    return domain.changed_pages(describe)
