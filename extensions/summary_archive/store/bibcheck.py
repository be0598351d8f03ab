"""The bibliography in the build: stop on a broken one, warn on incomplete entries.

A malformed ``references.bib`` would otherwise stop the build with an
"Extension error" and a traceback file. We read it first, and only when it
changed, with the pure reader ``make check`` also uses
(``citations.bibliography``), and stop with its one sentence naming the file,
the line and the entry it is in. The build stops before writing, so nothing
built is lost. Entries that parse but are incomplete are warned about on every
build (``citations.hygiene``), so a problem is reported until it is fixed.
"""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx
from sphinx.util import logging
from sphinxcontrib.bibtex.bibfile import is_bibdata_outdated

from ..citations import bibliography
from ..citations.hygiene import hygiene_problems, unreadable_problems
from .stop import stop_build

logger = logging.getLogger(__name__)


def check_bibliography(app: Sphinx) -> None:
    """builder-inited, before sphinxcontrib-bibtex parses the same files."""
    domain = app.env.get_domain("cite")
    bibfiles = [(Path(app.confdir) / name).resolve() for name in app.config.bibtex_bibfiles]
    if not is_bibdata_outdated(domain.bibdata, bibfiles, app.config.bibtex_encoding):
        return  # unchanged since the last good build
    for path in bibfiles:
        if not path.exists():
            stop_build(f"{path}: the bibliography named in bibtex_bibfiles does not exist")
        # The first problem, as ``make check`` words it (pybtex's errors included).
        data, problem = bibliography.read_bibliography(path)
        if problem:
            stop_build(bibliography.located(path, problem))
        # Entries the references cannot be rendered from would crash the build.
        text = path.read_text(encoding="utf-8", errors="replace")
        unreadable = [bibliography.located(path, found)
                      for _key, found in unreadable_problems(text, dict(data.entries))]
        for message in unreadable[:-1]:
            logger.error(message, type="archive", subtype="input")
        if unreadable:
            stop_build(unreadable[-1])


def check_entries(app: Sphinx) -> None:
    """builder-inited, after sphinxcontrib-bibtex parsed the bibliography."""
    bibdata = app.env.get_domain("cite").bibdata
    for path, bibfile in bibdata.bibfiles.items():
        entries = {key: bibdata.data.entries[key] for key in bibfile.keys
                   if key in bibdata.data.entries}
        text = Path(path).read_text(encoding="utf-8", errors="replace")
        for _key, problem in hygiene_problems(text, entries):
            logger.warning(problem.message,
                           location=f"{path}:{problem.line}" if problem.line else str(path),
                           type="archive", subtype="bibliography")


def setup_bibcheck(app: Sphinx) -> None:
    # Before sphinxcontrib-bibtex (priority 500) parses the bibliography.
    app.connect("builder-inited", check_bibliography, priority=400)
    app.connect("builder-inited", check_entries, priority=600)
