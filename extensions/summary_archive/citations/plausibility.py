"""Fields that are present but cannot be right: cut off, misplaced or misshapen.

Pure functions over one pybtex entry, part of the hygiene checks
(``hygiene.entry_problems``) that the build warns with, ``make check`` lists
and the importer applies before it writes anything. Each check finds what a
careless copy really produces: a journal cut off mid-word ("Journal of
Consulting a", "N"), a place and publisher read as a journal ("New York:
Wiley"), a DOI link cut off ("https://doi"), a page range running backwards,
a year no article was published in, a name that is not a name ("J. Timulak"
as one family name, an elision "…" kept as an author).
"""

from __future__ import annotations

import datetime as dt
import re

from pybtex.database import Entry, Person

from .csl_json import IN_PRESS

FIRST_YEAR = 1900
# A title of a journal, book or publisher does not end with these.
DANGLING = frozenset("of and the a an for in on to with from by & at".split())
PLACE_AND_PUBLISHER = re.compile(r"[A-Z][\w .'-]*(?:,\s*[A-Z][\w.]*)?\s*:\s*[A-Z][\w .&'-]*")
PAGES = re.compile(r"(?P<first>[A-Za-z]{0,2}\d+)(?:\s*-{1,2}\s*(?P<last>[A-Za-z]{0,2}\d+))?")
URL = re.compile(r"https?://[^\s/]+\.[^\s/.]{2,}(?:/\S*)?", re.IGNORECASE)
DOI_LINK = re.compile(r"https?://(?:dx\.)?doi(?:\.org)?/?(?P<rest>\S*)", re.IGNORECASE)
NOT_A_NAME = re.compile(r"\d|…|\.\.|(?i:\bet\s+al\b)|^(?:[A-Z]\.\s*)+$")
INITIALS_FIRST = re.compile(r"^(?:[A-Z]\.\s*)+[A-Z][a-z]")


def implausible_fields(entry: Entry, this_year: int | None = None) -> list[tuple[str, str]]:
    """(field, what is wrong) for each field whose value cannot be right."""
    fields = {name.lower(): " ".join(value.split()) for name, value in entry.fields.items()}
    problems: list[tuple[str, str]] = []
    year = fields.get("year", "")
    last = (this_year or dt.date.today().year) + 1
    in_press = " ".join(year.lower().split()) == IN_PRESS  # APA's "(in press)"
    if year and not in_press and not (year.isdigit() and FIRST_YEAR <= int(year) <= last):
        problems.append(("year", f"year {year!r} is not a plausible year of publication "
                                 f"(a year from {FIRST_YEAR} to {last}, or 'in press')"))
    for name in ("journal", "booktitle", "publisher"):
        if fields.get(name):
            problems += [(name, message) for message in _title_problems(name, fields[name])]
    if fields.get("pages"):
        problems += [("pages", message) for message in _pages_problems(fields["pages"])]
    if fields.get("url"):
        problems += [("url", message) for message in _url_problems(fields["url"])]
    for role, people in entry.persons.items():
        for person in people:
            problem = name_problem(person)
            if problem:
                problems.append((role.lower(), f"{role.lower()} {str(person)!r}: {problem}"))
    return problems


def _title_problems(field: str, value: str) -> list[str]:
    words = re.sub(r"[{}\\]", "", value).split()
    if len("".join(words)) < 3:
        return [f"{field} {value!r} is too short to be a name; the line seems cut off"]
    last = words[-1]
    if last.lower() in DANGLING or (len(last) == 1 and last.islower()) or last[-1] in ",:;":
        return [f"{field} {value!r} ends mid-name; the line seems cut off"]
    if field == "journal" and PLACE_AND_PUBLISHER.fullmatch(value):
        return [f"journal {value!r} is a place and a publisher, not a journal: a book is "
                "an @book with a publisher (and address), a chapter an @incollection"]
    return []


def _pages_problems(value: str) -> list[str]:
    problems = []
    for part in re.split(r"\s*,\s*", value.strip()):
        match = PAGES.fullmatch(part)
        if not match:
            return [f"pages {value!r} are not page numbers; write them as 12--34 (or e1042 "
                    "for an article number, in eid)"]
        first, last = match["first"], match["last"]
        if last and first.isdigit() and last.isdigit() and int(last) < int(first):
            problems.append(f"pages {value!r} end before they start; write the last page in "
                            "full (844--850, not 844--50)")
    return problems


def _url_problems(value: str) -> list[str]:
    link = DOI_LINK.fullmatch(value)
    if link is not None and not link["rest"].startswith("10."):
        return [f"url {value!r} is a DOI link without its DOI; the line seems cut off"]
    if not URL.fullmatch(value):
        return [f"url {value!r} is not a web address (https://host.domain/...); the line "
                "seems cut off"]
    return []


def name_problem(person: Person) -> str:
    """What makes a person's name impossible, or ''. A braced group is a name whole."""
    last = person.last_names
    if len(last) == 1 and last[0].startswith("{") and last[0].endswith("}"):
        return ""
    family = " ".join(person.prelast_names + last)
    if str(person) == "others":  # BibTeX's "and others"
        return ""
    if not family.strip():
        return "no family name"
    if INITIALS_FIRST.search(family):
        return "initials inside the family name (a comma missing between two people?)"
    if NOT_A_NAME.search(family):
        return "not a family name (digits, an elision or initials only)"
    given = " ".join(person.first_names + person.middle_names)
    if re.search(r"\d|…|\.\.", given):
        return "not a given name or initials (digits or an elision)"
    return ""
