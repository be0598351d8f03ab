"""One mapping from BibTeX (as pybtex reads it) to CSL-JSON, the input of CSL engines.

Pure: no Sphinx. Every reference and citation of the archive starts here, so
the engine sees the same data whichever page asks.
"""

from __future__ import annotations

from collections.abc import Mapping

from pybtex.database import Entry, Person
from pybtex.plugin import find_plugin
from pybtex.richtext import Text

from ..core.text import bare_doi, month_number

ADVANCE_ONLINE = "advance online publication"

# BibTeX entry type -> CSL type.
CSL_TYPES = {
    "article": "article-journal",
    "book": "book",
    "booklet": "book",
    "inbook": "chapter",
    "incollection": "chapter",
    "inproceedings": "paper-conference",
    "conference": "paper-conference",
    "techreport": "report",
    "phdthesis": "thesis",
    "mastersthesis": "thesis",
    "online": "webpage",
    "misc": "document",
    "unpublished": "manuscript",
}

# pybtex's render_as() looks its backend up among installed entry points on
# every call (milliseconds each); find it once.
TEXT_BACKEND = find_plugin("pybtex.backends", "text")()


def latex_to_text(value: str) -> str:
    """``M{\\"u}ller`` -> ``Müller``; braces that protect case go away."""
    return Text.from_latex(value).render(TEXT_BACKEND)


def is_corporate(person: Person) -> bool:
    """A name braced whole, ``{American Psychological Association}``."""
    last = person.last_names
    return (len(last) == 1 and last[0].startswith("{") and last[0].endswith("}")
            and not (person.first_names or person.middle_names or person.prelast_names))


def csl_name(person: Person) -> dict[str, str]:
    if is_corporate(person):
        return {"literal": latex_to_text(person.last_names[0])}
    name = {"family": latex_to_text(" ".join(person.last_names))}
    given = " ".join(person.first_names + person.middle_names)
    if given:
        name["given"] = latex_to_text(given)
    if person.prelast_names:
        name["non-dropping-particle"] = latex_to_text(" ".join(person.prelast_names))
    if person.lineage_names:
        name["suffix"] = latex_to_text(" ".join(person.lineage_names))
    return name


def issued(fields: Mapping[str, str]) -> dict | None:
    year = fields.get("year", "").strip()
    if not year.isdigit():
        return None
    parts = [int(year)]
    month = fields.get("month", "").strip()
    number = int(month) if month.isdigit() else month_number(month)
    if number and 1 <= number <= 12:
        parts.append(number)
        day = fields.get("day", "").strip()
        if day.isdigit():
            parts.append(int(day))
    return {"date-parts": [parts]}


def csl_item(key: str, entry: Entry) -> dict:
    """One pybtex entry as CSL-JSON, the input citeproc reads."""
    fields = {name.lower(): value for name, value in entry.fields.items()}
    csl_type = CSL_TYPES.get(entry.type.lower(), "document")
    item: dict = {"id": key, "type": csl_type}
    for role in ("author", "editor"):
        if entry.persons.get(role):
            item[role] = [csl_name(person) for person in entry.persons[role]]

    def text(field: str) -> str | None:
        value = fields.get(field, "").strip()
        return latex_to_text(" ".join(value.split())) if value else None

    plain = {"title": "title", "volume": "volume", "pages": "page", "edition": "edition",
             "publisher": "publisher", "address": "publisher-place", "url": "URL",
             "isbn": "ISBN"}
    for field, variable in plain.items():
        if text(field):
            item[variable] = text(field)
    container = text("journal") or text("booktitle")
    if container:
        item["container-title"] = container
    if text("number"):
        item["issue" if csl_type == "article-journal" else "number"] = text("number")
    publisher = text("institution") or text("school") or text("organization")
    if publisher and "publisher" not in item:
        item["publisher"] = publisher
    if csl_type == "thesis":
        item["genre"] = ("Doctoral dissertation" if entry.type.lower() == "phdthesis"
                         else "Master's thesis")
    if fields.get("doi", "").strip():
        item["DOI"] = bare_doi(fields["doi"])
    note = text("note")
    if note and note.rstrip(".").lower() == ADVANCE_ONLINE:
        item["status"] = "Advance online publication"  # what apa.csl prints for it
    elif note:
        item["note"] = note
    date = issued(fields)
    if date:
        item["issued"] = date
    return item

