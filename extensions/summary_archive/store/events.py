"""Build-wide steps of the store: load the vocabularies and month intros before
reading; after reading, rebuild the catalogue and check across summaries.
"""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util import logging

from ..core.crosscheck import duplicate_problems, missing_review_problems
from ..core.intros import load_intros
from ..core.quoting import one_line
from ..core.vocabulary import VocabularyError, load_vocabulary
from .citing import check_citations
from .references import bib_entries
from .stop import stop_build

logger = logging.getLogger(__name__)


def load_archive_data(app: Sphinx) -> None:
    """builder-inited: the vocabularies and the month intros."""
    domain = app.env.get_domain("archive")
    srcdir = Path(app.srcdir)
    try:
        domain.vocabulary = load_vocabulary(srcdir / app.config.archive_vocabulary)
    except VocabularyError as error:
        for each in [error, *error.more][:-1]:
            logger.error(one_line(str(each)), type="archive", subtype="input")
        stop_build(str([error, *error.more][-1]))
    intros_path = srcdir / app.config.archive_month_intros
    domain.intros, problems = load_intros(intros_path)
    for problem in problems:
        logger.warning(one_line(problem.message), type="archive", subtype="intros",
                       location=f"{intros_path}:{problem.line}" if problem.line
                       else str(intros_path))


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
    """env-updated: rebuild the derived views and check across summaries.

    Which pages to write again is the views' business (``views.registry``).
    """
    env.get_domain("archive").rebuild_catalogue()
    check_duplicates(env)
    check_reviewed_keys(env)
    check_citations(env)
    return []
