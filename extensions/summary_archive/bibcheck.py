"""Check the bibliography before sphinxcontrib-bibtex reads it.

A malformed ``references.bib`` would otherwise stop the build with an
"Extension error" and a traceback file. We read it first, and only when it
changed, with the pure reader ``make check`` also uses (``bibliography``), and
stop with its one sentence naming the file, the line and the entry it is in.
The build stops before writing, so nothing built is lost.
"""

from __future__ import annotations

import re
from pathlib import Path

from pybtex.database import parse_file
from pybtex.exceptions import PybtexError
from sphinx.application import Sphinx
from sphinxcontrib.bibtex.bibfile import is_bibdata_outdated

from . import bibliography
from .stop import stop_build

ENTRY_START = re.compile(r"^\s*@\s*(\w+)\s*[{(]\s*([^,\s]*)")


def entry_before(path: Path, lineno: int) -> str:
    """The key and first line of the entry in which line ``lineno`` falls."""
    lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    return bibliography.entry_before(lines, lineno)


def describe(path: Path, error: PybtexError) -> str:
    """A pybtex error in ``path`` as one located sentence (for callers that parse
    the file themselves, such as the importer)."""
    text = path.read_text(encoding="utf-8", errors="replace")
    return bibliography.located(path, bibliography.describe(text, error))


def stop_on_first_problem(path: Path) -> None:
    """The bibliography's first problem, as ``make check`` words it, stops the build."""
    _, problem = bibliography.read_bibliography(path)
    if problem:
        stop_build(bibliography.located(path, problem))


def check_bibliography(app: Sphinx) -> None:
    """builder-inited, before sphinxcontrib-bibtex parses the same files."""
    domain = app.env.get_domain("cite")
    bibfiles = [(Path(app.confdir) / name).resolve() for name in app.config.bibtex_bibfiles]
    if not is_bibdata_outdated(domain.bibdata, bibfiles, app.config.bibtex_encoding):
        return  # unchanged since the last good build
    for path in bibfiles:
        if not path.exists():
            stop_build(f"{path}: the bibliography named in bibtex_bibfiles does not exist")
        try:
            stop_on_first_problem(path)
        except PybtexError as error:
            stop_build(describe(path, error))
