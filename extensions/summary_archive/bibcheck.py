"""Check the bibliography before sphinxcontrib-bibtex reads it.

A malformed ``references.bib`` would otherwise stop the build with an
"Extension error" and a traceback file. We parse it first, and only when it
changed, with the same pure reader ``make check`` uses (``bibliography``),
and stop with its one sentence naming the file, the line and the entry.
The build stops before writing, so nothing built is lost.
"""

from __future__ import annotations

from pathlib import Path

from pybtex.exceptions import PybtexError
from sphinx.application import Sphinx
from sphinxcontrib.bibtex.bibfile import is_bibdata_outdated

from . import bibliography
from .bibliography import located, read_bibliography
from .stop import stop_build


def check_bibliography(app: Sphinx) -> None:
    """builder-inited, before sphinxcontrib-bibtex parses the same files."""
    domain = app.env.get_domain("cite")
    bibfiles = [(Path(app.confdir) / name).resolve() for name in app.config.bibtex_bibfiles]
    if not is_bibdata_outdated(domain.bibdata, bibfiles, app.config.bibtex_encoding):
        return  # unchanged since the last good build
    for path in bibfiles:
        if not path.exists():
            stop_build(f"{path}: the bibliography named in bibtex_bibfiles does not exist")
        _, problem = read_bibliography(path)
        if problem:
            stop_build(located(path, problem))


def describe(path: Path, error: PybtexError) -> str:
    """A pybtex error in ``path`` as one located sentence (for callers that parsed
    the file themselves, such as the importer); prefer ``read_bibliography``."""
    text = path.read_text(encoding="utf-8", errors="replace")
    return located(path, bibliography.describe(text, error))
