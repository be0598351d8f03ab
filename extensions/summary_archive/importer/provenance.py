"""What the importer writes into an entry about the entry itself.

Three fields, which no style prints:

- ``imported = {archive-import <digest>}``: the importer made this entry; the
  digest is of everything it wrote. A later run may update the entry only
  while the digest still matches, so an entry a person edited is never touched.
- ``verified = {Crossref (doi, volume, number, pages)}``: Crossref's record
  agreed with the line in title, year and first author; the fields listed
  came from it (or were confirmed by it).
- ``incomplete = {author}``: the line elided some authors (or editors); the
  people it listed are kept, and a person should complete the list.
"""

from __future__ import annotations

import hashlib
import json
import re

from pybtex.database import Entry

IMPORTED = "imported"
VERIFIED = "verified"
INCOMPLETE = "incomplete"
MARK = "archive-import"
CROSSREF = "Crossref"


def digest(entry: Entry) -> str:
    """A fingerprint of the entry as a reader of the file sees it (whitespace aside)."""
    fields = sorted((name.lower(), " ".join(value.split()))
                    for name, value in entry.fields.items() if name.lower() != IMPORTED)
    persons = {role.lower(): [" ".join(str(person).split()) for person in people]
               for role, people in entry.persons.items()}
    canonical = json.dumps([entry.type.lower(), fields, sorted(persons.items())],
                           ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:16]


def mark(entry: Entry) -> Entry:
    """The entry with its ``imported`` field set to its own digest."""
    entry.fields[IMPORTED] = f"{MARK} {digest(entry)}"
    return entry


def made_by_importer(entry: Entry) -> bool:
    return entry.fields.get(IMPORTED, "").split()[:1] == [MARK]


def edited_by_a_person(entry: Entry) -> bool:
    """An importer's entry whose text is no longer what the importer wrote."""
    recorded = entry.fields.get(IMPORTED, "").split()
    return len(recorded) != 2 or recorded[1] != digest(entry)


def verified_fields(entry: Entry) -> tuple[str, ...]:
    """The fields Crossref gave or confirmed, as the entry records them."""
    match = re.fullmatch(rf"\s*{CROSSREF}\s*(?:\((?P<fields>[^)]*)\))?\s*",
                         entry.fields.get(VERIFIED, ""))
    if not match:
        return ()
    return tuple(name.strip() for name in (match["fields"] or "").split(",") if name.strip())


def verified_value(fields: tuple[str, ...]) -> str:
    return f"{CROSSREF} ({', '.join(fields)})" if fields else CROSSREF
