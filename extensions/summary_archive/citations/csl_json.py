"""One mapping from BibTeX (as pybtex reads it) to CSL-JSON, the input of CSL engines.

Pure: no Sphinx. Every reference and citation of the archive starts here, so
the engine sees the same data whichever page asks; the CSL-JSON is also what
a reference manager imports. Text fields keep CSL's rich-text conventions:
``{CBT}`` (case protected in BibTeX) becomes ``<span class="nocase">CBT</span>``
and ``\\emph{...}`` becomes ``<i>...</i>``; names are plain text.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Mapping

import latexcodec  # noqa: F401 - registers the "ulatex" codec
from pybtex.database import Entry, Person
from pybtex.plugin import find_plugin
from pybtex.richtext import Protected, Text

from ..core.text import bare_doi, month_number

ADVANCE_ONLINE = "advance online publication"
IN_PRESS = "in press"

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
THESIS_GENRES = {"phdthesis": "Doctoral dissertation", "mastersthesis": "Master's thesis"}
ORDINALS = {word: str(number) for number, word in enumerate(
    ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
     "tenth"), 1)}
NUMBERED_EDITION = re.compile(r"(\d+)(?:st|nd|rd|th)?(?:\s+ed(?:ition|\.)?)?", re.IGNORECASE)
ISO_DATE = re.compile(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")
# Control characters, and the private-use marks of the engine (around each
# cite, and after a "<" that must stay a character).
UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f\ue000-\ue003]")
NEUTRAL = "\ue003"  # removed from the engine's output
FORMATTING = {"emph": "i", "textit": "i", "textbf": "b", "textsc": "sc"}
COMMAND = re.compile(r"\\([A-Za-z]+)\s*$")
SPECIAL = re.compile(r"\{(\\[^{}]*(?:\{[^{}]*\}[^{}]*)*)\}")
NOCASE = re.compile(r'<span class="nocase">(.*?)</span>')

# pybtex's render_as() looks its backend up among installed entry points on
# every call (milliseconds each); find it once.
TEXT_BACKEND = find_plugin("pybtex.backends", "text")()


def clean(value: str) -> str:
    return UNSAFE.sub("", " ".join(value.split()))


def latex_to_text(value: str) -> str:
    """``M{\\"u}ller`` -> ``Müller``; braces that protect case go away."""
    return clean(Text.from_latex(value).render(TEXT_BACKEND))


def _special_characters(value: str) -> str:
    """``{\\'e}``, ``{\\c{C}}`` -> ``é``, ``Ç``: in BibTeX a brace group that starts
    with a command is a special character, not a case protection."""
    def character(match: re.Match) -> str:
        decoded = codecs.decode(match[1], "ulatex")
        if decoded.startswith("{") and decoded.endswith("}") and decoded.count("{") == 1:
            decoded = decoded[1:-1]  # \c{C} decodes as {Ç}
        # Anything but a decoded character (a command latexcodec keeps, braces) is
        # left as it was, protected, so the text keeps its braces balanced.
        return decoded if "\\" not in decoded and "{" not in decoded else match[0]

    return SPECIAL.sub(character, value)


def _rich(parts) -> str:
    """pybtex rich text as CSL rich text (nocase spans, italics, bold)."""
    out: list[str] = []
    pending = None  # a formatting command waiting for its braced argument
    for part in parts:
        if isinstance(part, Protected):
            inner = NOCASE.sub(r"\1", _rich(part.parts))  # one level of protection is enough
            if pending:
                tag = FORMATTING[pending]
                inner = (f'<span style="font-variant:small-caps;">{inner}</span>'
                         if tag == "sc" else f"<{tag}>{inner}</{tag}>")
                pending = None
            elif any(c.isalpha() for c in inner):
                inner = f'<span class="nocase">{inner}</span>'  # case kept as typed
            out.append(inner)
        else:
            text = str(part)
            command = COMMAND.search(text)
            if command and command[1] in FORMATTING:
                pending, text = command[1], text[:command.start()]
            out.append(re.sub(r"\\[A-Za-z]+\s*", "", text))  # other commands: their text only
    return "".join(out)


def rich_text(value: str) -> str:
    """A BibTeX title as CSL rich text: ``{CBT} and \\emph{x}`` ->
    ``<span class="nocase">CBT</span> and <i>x</i>``."""
    decoded = _special_characters(" ".join(value.split()))
    return clean(_rich(Text.from_latex(decoded).parts))


def literal_text(value: str) -> str:
    """Plain text for a CSL field, shown as typed: citeproc-js reads a few HTML
    tags in fields (``<i>``, ``<b>``...) as formatting, so a "<" that starts
    one is followed by a mark the engine removes again."""
    return re.sub(r"<(?=[A-Za-z/])", "<" + NEUTRAL, clean(value))


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


def iso_date(value: str) -> dict | None:
    """``2024-02-01`` (biblatex's urldate) as a CSL date."""
    match = ISO_DATE.fullmatch(value.strip())
    if not match:
        return None
    return {"date-parts": [[int(part) for part in match.groups() if part]]}


def edition(value: str) -> str:
    """``Second``, ``2nd``, ``2nd ed.`` -> ``2``, so the style writes "2nd ed."."""
    word = value.strip().rstrip(".").lower()
    if word in ORDINALS:
        return ORDINALS[word]
    match = NUMBERED_EDITION.fullmatch(value.strip())
    return match[1] if match else value.strip()


def csl_item(key: str, entry: Entry) -> dict:
    """One pybtex entry as CSL-JSON, the input the engine reads."""
    fields = {name.lower(): value for name, value in entry.fields.items()}
    kind = entry.type.lower()
    csl_type = CSL_TYPES.get(kind, "document")
    item: dict = {"id": key, "type": csl_type}
    for role in ("author", "editor"):
        if entry.persons.get(role):
            item[role] = [csl_name(person) for person in entry.persons[role]]

    def text(field: str) -> str | None:
        value = fields.get(field, "").strip()
        return latex_to_text(value) if value else None

    if fields.get("title", "").strip():
        item["title"] = rich_text(fields["title"])
    container = fields.get("journal", "").strip() or fields.get("booktitle", "").strip()
    if container:
        item["container-title"] = rich_text(container)
    plain = {"volume": "volume", "pages": "page", "publisher": "publisher",
             "address": "publisher-place", "url": "URL", "isbn": "ISBN"}
    for field, variable in plain.items():
        if text(field):
            item[variable] = text(field)
    if text("edition"):
        item["edition"] = edition(text("edition"))
    if text("number"):
        item["issue" if csl_type == "article-journal" else "number"] = text("number")
    if text("eid"):
        item["number"] = text("eid")  # APA: "4(2), Article e0231457"
    publisher = text("institution") or text("school") or text("organization")
    if csl_type == "webpage" and (publisher or text("publisher")):
        item["container-title"] = publisher or item.pop("publisher")  # the site's name
    elif publisher and "publisher" not in item:
        item["publisher"] = publisher
    genre = text("type") or THESIS_GENRES.get(kind)
    if kind == "techreport" and not genre and "number" in item:
        genre = "Report"  # APA: "(Report No. 7)"
    if genre:
        item["genre"] = genre
    if fields.get("doi", "").strip():
        item["DOI"] = bare_doi(fields["doi"])
    note = text("note")
    year = fields.get("year", "").strip().lower()
    if note and note.rstrip(".").lower() == ADVANCE_ONLINE:
        item["status"] = "Advance online publication"  # what apa.csl prints for it
    elif IN_PRESS in (year, (note or "").rstrip(".").lower()):
        item["status"] = IN_PRESS
    elif note:
        item["note"] = note
    date = issued(fields)
    if date:
        item["issued"] = date
    accessed = iso_date(fields.get("urldate", ""))
    if accessed:
        item["accessed"] = accessed
    _drop_author_as_publisher(item)
    return item


def _drop_author_as_publisher(item: dict) -> None:
    """APA 7 (9.25): a publisher (or site) that is the corporate author is not repeated."""
    authors = {name["literal"].casefold() for name in item.get("author", ())
               if "literal" in name}
    for variable in ("publisher", "container-title"):
        if variable == "container-title" and item["type"] != "webpage":
            continue
        if item.get(variable, "").casefold() in authors:
            del item[variable]
