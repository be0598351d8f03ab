"""The archive's own bibliography checks, applied to an entry before it is written.

Pure. The same ``citations.hygiene.entry_problems`` that the build warns with
and ``make check`` lists: an entry the importer writes passes them, or is not
written. A doubtful optional field (a DOI link cut off, pages running
backwards) is left out and reported; a doubtful required field (a journal cut
off to "N") or name means the summary is not imported, and the report says why.
"""

from __future__ import annotations

from typing import NamedTuple

from pybtex.database import Entry

from ..citations.hygiene import REQUIRED_FIELDS, entry_problems

PEOPLE = ("author", "editor")


class Checked(NamedTuple):
    entry: Entry | None  # None: it cannot be written
    left_out: tuple[str, ...]  # one sentence per field left out
    refusal: str = ""  # why it cannot be written


def required(kind: str) -> set[str]:
    return {name for need in REQUIRED_FIELDS.get(kind, ()) for name in need.split("|")}


def check_entry(entry: Entry, this_year: int | None = None) -> Checked:
    """The entry with its implausible optional fields removed, or why it cannot be."""
    needed = required(entry.type.lower()) | set(PEOPLE)
    left_out = []
    for _round in range(len(entry.fields) + 1):  # a field left out may settle others
        problems = entry_problems(entry, this_year)
        if not problems:
            return Checked(entry, tuple(left_out))
        fatal = [message for field, message in problems if field is None or field in needed]
        if fatal:
            return Checked(None, tuple(left_out), fatal[0])
        for field, message in problems:
            if field in entry.fields:
                del entry.fields[field]
                left_out.append(f"{message}; left out")
    return Checked(None, tuple(left_out), problems[0][1])  # pragma: no cover - settles above
