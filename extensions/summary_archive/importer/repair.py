"""Updating an entry the importer made, when a later run knows better.

Pure. A later run reads the same summary again; when its citation line now
reads better (the importer learned a shape) or Crossref confirms more, the
entry it made is brought up to date. Only an entry the importer marked as its
own, and whose text is still what it wrote (``provenance``), is updated: an
entry a person edited is never touched. What Crossref gave in an earlier run
is kept when this run did not ask Crossref.
"""

from __future__ import annotations

from pybtex.database import Entry

from .bibentry import normal_doi, normal_title
from .provenance import IMPORTED, VERIFIED, digest, verified_fields

NOTE = "note"


def _first_family(entry: Entry) -> str:
    people = entry.persons.get("author") or entry.persons.get("editor") or []
    return " ".join(people[0].last_names).casefold() if people else ""


def same_article(entry: Entry, proposed: Entry) -> bool:
    """The same DOI; or, without one, the same first author, year and title (one
    title may go on where the other stops, as "Title (2nd ed.)" and "Title")."""
    doi_a, doi_b = normal_doi(entry.fields.get("doi", "")), normal_doi(
        proposed.fields.get("doi", ""))
    if doi_a and doi_b:
        return doi_a == doi_b
    title_a = normal_title(entry.fields.get("title", ""))
    title_b = normal_title(proposed.fields.get("title", ""))
    shorter, longer = sorted((title_a, title_b), key=len)
    return (len(shorter.split()) >= 3 and (longer + " ").startswith(shorter + " ")
            and _first_family(entry) == _first_family(proposed)
            and entry.fields.get("year") == proposed.fields.get("year"))


def keep_earlier_verification(current: Entry, proposed: Entry) -> Entry:
    """``proposed`` (not verified in this run) with what Crossref gave ``current``."""
    if VERIFIED in proposed.fields or not verified_fields(current) and VERIFIED not in \
            current.fields:
        return proposed
    for name in (*verified_fields(current), VERIFIED):
        if name in current.fields:
            proposed.fields[name] = current.fields[name]
    if NOTE not in current.fields and NOTE in proposed.fields:
        del proposed.fields[NOTE]  # dropped when Crossref gave the published issue
    return proposed


def differs(current: Entry, proposed: Entry) -> bool:
    return digest(current) != digest(proposed)


def _people(entry: Entry, role: str) -> str:
    return " and ".join(str(person) for person in entry.persons.get(role, []))


def changes(current: Entry, proposed: Entry) -> tuple[str, ...]:
    """What an update changes, one phrase per field."""
    out = []
    if current.type.lower() != proposed.type.lower():
        out.append(f"@{current.type.lower()} -> @{proposed.type.lower()}")
    for role in sorted({*current.persons, *proposed.persons}):
        before, after = _people(current, role), _people(proposed, role)
        if before != after:
            out.append(f"{role}: '{before}' -> '{after}'")
    names = [*current.fields, *(n for n in proposed.fields if n not in current.fields)]
    for name in names:
        if name.lower() == IMPORTED:
            continue
        before = " ".join(current.fields.get(name, "").split())
        after = " ".join(proposed.fields.get(name, "").split())
        if before == after:
            continue
        if not before:
            out.append(f"{name} added: '{after}'")
        elif not after:
            out.append(f"{name} removed (was '{before}')")
        else:
            out.append(f"{name}: '{before}' -> '{after}'")
    return tuple(out)
