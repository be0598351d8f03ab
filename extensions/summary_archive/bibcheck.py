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

from pybtex.database import Entry
from pybtex.exceptions import PybtexError
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinxcontrib.bibtex.bibfile import is_bibdata_outdated

from . import bibliography
from .bibliography import ENTRY_START
from .stop import stop_build

logger = logging.getLogger(__name__)
FIELD_START = re.compile(r"^\s*([A-Za-z][\w-]*)\s*=")
# A DOI is "10.<registrant>/<suffix>", stored bare: APA's https://doi.org/ is added
# by the style. (Crossref's own pattern, loosened to any non-space suffix.)
DOI = re.compile(r"10\.\d{4,9}/\S+")
DOI_PREFIX = re.compile(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", re.IGNORECASE)
# BibTeX's required fields per entry type; "a|b" means either will do.
REQUIRED_FIELDS = {
    "article": ("author", "title", "journal", "year"),
    "book": ("author|editor", "title", "publisher", "year"),
    "booklet": ("title",),
    "inbook": ("author|editor", "title", "chapter|pages", "publisher", "year"),
    "incollection": ("author", "title", "booktitle", "publisher", "year"),
    "inproceedings": ("author", "title", "booktitle", "year"),
    "conference": ("author", "title", "booktitle", "year"),
    "manual": ("title",),
    "mastersthesis": ("author", "title", "school", "year"),
    "phdthesis": ("author", "title", "school", "year"),
    "techreport": ("author", "title", "institution", "year"),
    "unpublished": ("author", "title", "note"),
    "online": ("title", "url"),
    "misc": ("title",),
}


def describe(path: Path, error: PybtexError) -> str:
    """A pybtex error in ``path`` as one located sentence (for callers that parse
    the file themselves, such as the importer)."""
    text = path.read_text(encoding="utf-8", errors="replace")
    return bibliography.located(path, bibliography.describe(text, error))


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
        _, problem = bibliography.read_bibliography(path)
        if problem:
            stop_build(bibliography.located(path, problem))


# -- hygiene: entries that parse but are not complete ----------------------


def entry_lines(path: Path) -> dict[str, int]:
    """Lower-cased key -> the line where its entry starts."""
    found: dict[str, int] = {}
    lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    for number, line in enumerate(lines, 1):
        match = ENTRY_START.match(line)
        if match and match[1].lower() not in ("comment", "preamble", "string"):
            found.setdefault(match[2].lower(), number)
    return found


def field_line(path: Path, start: int, field: str) -> int:
    """The line of ``field = ...`` in the entry starting at ``start`` (or ``start``)."""
    lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    for number, line in enumerate(lines[start:], start + 1):
        if ENTRY_START.match(line):
            break
        match = FIELD_START.match(line)
        if match and match[1].lower() == field:
            return number
    return start


def entry_problems(entry: Entry) -> list[tuple[str | None, str]]:
    """(field or None, what is wrong) for one parsed entry."""
    problems: list[tuple[str | None, str]] = []
    kind = entry.type.lower()
    present = {name.lower() for name, value in entry.fields.items() if value.strip()}
    present |= {role.lower() for role, people in entry.persons.items() if people}
    required = REQUIRED_FIELDS.get(kind)
    if required is None:
        problems.append((None, f"unknown entry type @{entry.type}; use one of "
                               + ", ".join(f"@{name}" for name in REQUIRED_FIELDS)))
    else:
        missing = [need.replace("|", " or ") for need in required
                   if not present & set(need.split("|"))]
        if missing:
            problems.append((None, f"@{kind} entry lacks the required field(s) "
                                   f"{', '.join(missing)} (an @{kind} needs "
                                   f"{', '.join(n.replace('|', ' or ') for n in required)})"))
    doi = entry.fields.get("doi", "").strip()
    if doi:
        if DOI_PREFIX.match(doi) and DOI.fullmatch(DOI_PREFIX.sub("", doi)):
            problems.append(("doi", f"doi {doi!r} carries a prefix; write it bare, as "
                                    f"{DOI_PREFIX.sub('', doi)!r} (the style adds "
                                    "https://doi.org/)"))
        elif not DOI.fullmatch(doi):
            problems.append(("doi", f"doi {doi!r} is not a DOI; a DOI looks like "
                                    "10.1037/pst0000001 (10., a number, a slash, a suffix)"))
    return problems


def check_entries(app: Sphinx) -> None:
    """builder-inited, after sphinxcontrib-bibtex parsed the bibliography.

    Runs on every build (cheap: the parsed entries and one scan of the file),
    so that a problem is reported again until it is fixed.
    """
    bibdata = app.env.get_domain("cite").bibdata
    for path, bibfile in bibdata.bibfiles.items():
        starts = entry_lines(path)
        for key in bibfile.keys:
            entry = bibdata.data.entries.get(key)
            if entry is None:
                continue
            for field, problem in entry_problems(entry):
                start = starts.get(key.lower(), 0)
                line = field_line(path, start, field) if field and start else start
                logger.warning(f"entry {key!r}: {problem}",
                               location=f"{path}:{line}" if line else str(path),
                               type="archive", subtype="bibliography")
