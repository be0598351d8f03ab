"""Check the bibliography before sphinxcontrib-bibtex reads it.

A malformed ``references.bib`` would otherwise stop the build with an
"Extension error" and a traceback file. We parse it first, and only when it
changed, and turn pybtex's error into one sentence with the file, the line and
the entry it is in. The build stops before writing, so nothing built is lost.
"""

from __future__ import annotations

import re
from pathlib import Path

from pybtex.database import parse_file
from pybtex.exceptions import PybtexError
from sphinx.application import Sphinx
from sphinxcontrib.bibtex.bibfile import is_bibdata_outdated

from .stop import stop_build

ENTRY_START = re.compile(r"^\s*@\s*(\w+)\s*[{(]\s*([^,\s]*)")


def entry_before(path: Path, lineno: int) -> str:
    """The key and first line of the entry in which line ``lineno`` falls."""
    found = ""
    lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    for number, line in enumerate(lines[:lineno], 1):
        match = ENTRY_START.match(line)
        if match and match[1].lower() not in ("comment", "preamble", "string"):
            found = f" (in entry '{match[2]}', which starts at line {number})"
    return found


def describe(path: Path, error: PybtexError) -> str:
    lineno = getattr(error, "lineno", None)
    where = f"{path}:{lineno}" if lineno else str(path)
    context = entry_before(path, lineno) if lineno else ""
    message = str(error)
    if "premature end of file" in message or "expected" in message:
        message += "; look for an unbalanced brace or quote"
    return f"{where}: the bibliography cannot be read{context}: {message}"


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
            parse_file(str(path), bib_format="bibtex")
        except PybtexError as error:
            stop_build(describe(path, error))
