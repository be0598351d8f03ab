"""Bibliography hygiene: entries that parse but are not complete or well formed.

Pure functions over pybtex entries and the file's text: the build warns with
them (``store.bibcheck``) and ``make check`` lists them, in the same words,
each located at its entry's or field's line.
"""

from __future__ import annotations

import re

from pybtex.database import Entry

from ..core.model import Problem
from ..core.text import DOI, DOI_PREFIX, bare_doi
from .bibliography import ENTRY_START
from .plausibility import implausible_fields

FIELD_START = re.compile(r"^\s*([A-Za-z][\w-]*)\s*=")
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


def entry_lines(text: str) -> dict[str, int]:
    """Lower-cased key -> the line where its entry starts."""
    found: dict[str, int] = {}
    lines = text.splitlines()
    for number, line in enumerate(lines, 1):
        match = ENTRY_START.match(line)
        if match and match[1].lower() not in ("comment", "preamble", "string"):
            found.setdefault(match[2].lower(), number)
    return found


def field_line(text: str, start: int, field: str) -> int:
    """The line of ``field = ...`` in the entry starting at ``start`` (or ``start``)."""
    lines = text.splitlines()
    for number, line in enumerate(lines[start:], start + 1):
        if ENTRY_START.match(line):
            break
        match = FIELD_START.match(line)
        if match and match[1].lower() == field:
            return number
    return start


def entry_problems(entry: Entry, this_year: int | None = None) -> list[tuple[str | None, str]]:
    """(field or None, what is wrong) for one parsed entry: required fields for
    its type, the DOI's shape, and fields that cannot be right (``plausibility``)."""
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
        if DOI_PREFIX.match(doi) and DOI.fullmatch(bare_doi(doi)):
            problems.append(("doi", f"doi {doi!r} carries a prefix; write it bare, as "
                                    f"{bare_doi(doi)!r} (the style adds "
                                    "https://doi.org/)"))
        elif not DOI.fullmatch(doi):
            problems.append(("doi", f"doi {doi!r} is not a DOI; a DOI looks like "
                                    "10.1037/pst0000001 (10., a number, a slash, a suffix)"))
    problems += implausible_fields(entry, this_year)
    return problems


def hygiene_problems(text: str, entries: dict[str, Entry]) -> list[tuple[str, Problem]]:
    """(key, problem) for every entry of one file that parses but is incomplete,
    each at the line of its entry (or of the field at fault)."""
    starts = entry_lines(text)
    found = []
    for key, entry in entries.items():
        for field, message in entry_problems(entry):
            start = starts.get(key.lower(), 0)
            line = field_line(text, start, field) if field and start else start
            found.append((key, Problem(f"entry {key!r}: {message}", line or None)))
    return found



def unreadable_problems(text: str, entries: dict[str, Entry]) -> list[tuple[str, Problem]]:
    """(key, problem) for each entry the references cannot be made from: a field
    or name that is not readable as LaTeX text (a lone backslash, say), which
    would otherwise stop the build with a traceback. Each at its field's line."""
    from .csl_json import csl_item, latex_to_text  # the conversion the references use

    def unreadable(value: str) -> str | None:
        try:
            latex_to_text(value)
        except Exception as error:  # noqa: BLE001 - whatever the LaTeX decoder raises
            return str(error).split(":")[-1].strip()[:80] or type(error).__name__
        return None

    starts = entry_lines(text)
    found = []
    for key, entry in entries.items():
        parts = [*entry.fields.items(), *((role, str(person)) for role, people
                                          in entry.persons.items() for person in people)]
        if not any(_suspect(value) for _name, value in parts):
            continue  # only a LaTeX command or a stray brace can make the conversion fail
        try:
            csl_item(key, entry)
            continue
        except Exception as error:  # noqa: BLE001
            reason = str(error).split(":")[-1].strip()[:80] or type(error).__name__
        field = next((name.lower() for name, value in parts if unreadable(value)), None)
        start = starts.get(key.lower(), 0)
        line = field_line(text, start, field) if field and start else start
        where = f"the field {field!r}" if field else "a field"
        found.append((key, Problem(f"entry {key!r}: {where} cannot be read as LaTeX text "
                                   f"({reason}); look for a lone backslash or an unbalanced "
                                   "brace", line or None)))
    return found


def _suspect(value: str) -> bool:
    """Whether a value holds a backslash or braces that do not pair up."""
    if "\\" in value:
        return True
    depth = 0
    for char in value:
        depth += {"{": 1, "}": -1}.get(char, 0)
        if depth < 0:
            return True
    return depth != 0
