"""Which summaries a PDF collection holds: pure functions, no Sphinx.

A ``Selection`` names topics, research types, a date range and/or an explicit
list of summaries; ``select`` applies it to ``Summary`` records: the summaries
the filters match, plus the listed ones. The same functions serve the standard
PDFs (whole archive, each year, each topic, the handouts: ``standard_pdfs``),
the curated collections declared in ``_data/collections.yml`` and the one-off
reading packet built from the command line, so all select alike and report a
bad selection in the same words. The reading packets made in the browser
(``web/static/packet-choice.js``) follow the same rules.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from typing import NamedTuple

from .model import Month, Summary, parse_date
from .quoting import codepoint, first_control, quoted
from .text import SLUG, slugify
from .vocabulary import Facet, Vocabulary

COLLECTION_FIELDS = ("name", "title", "subtitle", "topics", "research_types", "since",
                     "until", "summaries")
FILTER_FIELDS = ("topics", "research_types", "since", "until")
MAX_TITLE = 200  # a title page's title; it also heads every page of the PDF


class SelectionError(ValueError):
    """A selection that cannot be built; the message is for the person who wrote it.

    ``entry`` is the number of the collection at fault in a list of them."""

    def __init__(self, message: str, entry: int | None = None,
                 line: int | None = None) -> None:
        super().__init__(message)
        self.entry, self.line = entry, line
        self.more: list[SelectionError] = []  # the other problems found with it



class Selection(NamedTuple):
    """Summaries with any of ``topics``, any of ``research_types``, published
    between ``since`` and ``until`` (months, inclusive), and also ``summaries``.

    With no filter, the filters match everything unless ``summaries`` is given
    (then the selection is exactly those)."""

    topics: tuple[str, ...] = ()
    research_types: tuple[str, ...] = ()
    since: Month | None = None
    until: Month | None = None
    summaries: tuple[str, ...] = ()


class Collection(NamedTuple):
    """One PDF: its file name (without .pdf), what its title page says, and
    the summaries it holds, oldest first."""

    name: str
    kind: str  # archive, year, topic, handout, curated or packet
    title: str
    subtitle: str
    scope: str
    docnames: tuple[str, ...]


def filtered(selection: Selection) -> bool:
    return bool(selection.topics or selection.research_types or selection.since
                or selection.until)


def chosen(summary: Summary, selection: Selection) -> bool:
    if summary.docname in selection.summaries:
        return True
    if selection.summaries and not filtered(selection):
        return False
    if selection.topics and not set(summary.topics) & set(selection.topics):
        return False
    if selection.research_types and summary.research_type not in selection.research_types:
        return False
    if selection.since and summary.month < selection.since:
        return False
    if selection.until and summary.month > selection.until:
        return False
    return True


def select(summaries: Iterable[Summary], selection: Selection) -> tuple[Summary, ...]:
    """The summaries a selection names, oldest first (the order of the PDF)."""
    return tuple(sorted((s for s in summaries if chosen(s, selection)), key=lambda s: s.sort_key))


def describe(selection: Selection, vocabulary: Vocabulary) -> str:
    """The scope line of a title page, e.g. 'Topics: Empathy. From January 2019.'"""
    parts = []
    for slugs, facet, noun in ((selection.topics, vocabulary.topics, "Topic"),
                               (selection.research_types, vocabulary.research_types,
                                "Research type")):
        if slugs:
            labels = ", ".join(facet.get(slug).label for slug in slugs)
            parts.append(f"{noun}{'s' if len(slugs) > 1 else ''}: {labels}.")
    if selection.since and selection.until:
        parts.append(f"From {selection.since.label} to {selection.until.label}.")
    elif selection.since:
        parts.append(f"From {selection.since.label}.")
    elif selection.until:
        parts.append(f"Up to {selection.until.label}.")
    if selection.summaries:
        count = len(selection.summaries)
        listed = f"{count} chosen {'summary' if count == 1 else 'summaries'}."
        parts.append(f"Also {listed}" if parts else listed)
    return " ".join(parts) or "Every summary in the archive."


# -- reading a selection written by a person --------------------------------

def _words(value: object, field: str) -> list[str]:
    """A list field given as a YAML list or as a space/comma separated string."""
    if value is None or value == "":
        return []
    if isinstance(value, str):
        return [word for word in re.split(r"[\s,]+", value) if word]
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return value
    raise SelectionError(f"'{field}' must be a list of names, not {quoted(value)}")


def _terms(value: object, facet: Facet, field: str) -> tuple[str, ...]:
    slugs = []
    for word in _words(value, field):
        slug = facet.resolve(word)
        if slug is None:
            guess = facet.suggest(word)
            hint = f"; did you mean '{guess}'?" if guess else "."
            raise SelectionError(f"unknown {facet.name} {quoted(word)} in '{field}'{hint} "
                                 f"Allowed {facet.name}s: {', '.join(facet.slugs)}")
        if slug not in slugs:
            slugs.append(slug)
    return tuple(slugs)


def _month(value: object, field: str) -> Month | None:
    if value is None or value == "":
        return None
    text = value.isoformat() if hasattr(value, "isoformat") else str(value)
    if not re.fullmatch(r"\d{4}-\d{1,2}", text.strip()):
        raise SelectionError(f"'{field}' is {quoted(text)}, which is not a month; "
                             "write YYYY-MM, e.g. 2019-01")
    parsed = parse_date(text, dt.date.max)  # any month, even a future one
    if isinstance(parsed, str):
        raise SelectionError(f"'{field}': {parsed}")
    return parsed[0]


def parse_selection(fields: Mapping[str, object], vocabulary: Vocabulary,
                    known: Iterable[str]) -> Selection:
    """A selection from its written form (YAML fields or command-line words).

    Raises ``SelectionError`` naming the field, the bad value and what is allowed.
    """
    explicit = [doc.strip("/").removesuffix(".md") for doc in _words(fields.get("summaries"),
                                                                      "summaries")]
    known = set(known)
    for docname in explicit:
        if docname not in known:
            raise SelectionError(f"unknown summary {quoted(docname)} in 'summaries'; name summaries "
                                 "by their path without .md, e.g. 2021/08/patients-crying-"
                                 "in-psychotherapy")
    selection = Selection(topics=_terms(fields.get("topics"), vocabulary.topics, "topics"),
                          research_types=_terms(fields.get("research_types"),
                                                vocabulary.research_types, "research_types"),
                          since=_month(fields.get("since"), "since"),
                          until=_month(fields.get("until"), "until"),
                          summaries=tuple(dict.fromkeys(explicit)))
    if selection.since and selection.until and selection.since > selection.until:
        raise SelectionError(f"'since' ({selection.since.key}) is after 'until' "
                             f"({selection.until.key})")
    return selection


def _line(value: object, field: str) -> str:
    """A title or subtitle: one line of plain text, not too long."""
    if value is None or value == "":
        return ""
    if not isinstance(value, (str, int, float)) or isinstance(value, bool):
        raise SelectionError(f"'{field}' must be text, not {quoted(value)}")
    text = str(value).strip()
    control = first_control(text)
    if control is not None:
        raise SelectionError(f"'{field}' {quoted(text)} holds the control character "
                             f"{codepoint(control)}; it must be one line of plain text")
    if len(text) > MAX_TITLE:
        raise SelectionError(f"'{field}' is {len(text)} characters long; at most {MAX_TITLE} "
                             "are allowed")
    return text


def collection(fields: Mapping[str, object], kind: str, summaries: Iterable[Summary],
               vocabulary: Vocabulary) -> Collection:
    """A curated collection or a packet from its written fields, checked."""
    summaries = tuple(summaries)
    unknown = [name for name in fields if name not in COLLECTION_FIELDS]
    if unknown:
        raise SelectionError(f"unknown field {quoted(unknown[0])}; a collection has "
                             f"{', '.join(COLLECTION_FIELDS)}")
    title = _line(fields.get("title"), "title")
    if not title:
        raise SelectionError("a collection needs a 'title'")
    subtitle = _line(fields.get("subtitle"), "subtitle")
    name = str(fields.get("name") or slugify(title, "packet"))
    if not SLUG.fullmatch(name):
        raise SelectionError(f"'name' {quoted(name)} is not a file name: use lowercase "
                             "letters, digits and single hyphens")
    selection = parse_selection(fields, vocabulary, (s.docname for s in summaries))
    picked = select(summaries, selection)
    if not picked:
        raise SelectionError(f"the selection of {quoted(title)} matches no summary "
                             f"({describe(selection, vocabulary)}); widen it")
    return Collection(name=name, kind=kind, title=title,
                      subtitle=subtitle,
                      scope=describe(selection, vocabulary),
                      docnames=tuple(s.docname for s in picked))


def declared_collections(data: object, summaries: Iterable[Summary], vocabulary: Vocabulary,
                         source: str, taken: Iterable[str] = ()) -> list[Collection]:
    """The curated collections of ``_data/collections.yml`` (a list under
    ``collections:``). Every broken entry is found: the first raises
    ``SelectionError`` naming its collection, the others in its ``more``;
    ``taken`` are the names of the standard PDFs."""
    if data is None:
        return []
    entries = data.get("collections") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        raise SelectionError(f"{source}: expected 'collections:' followed by a list of "
                             "collections (title, subtitle, topics, research_types, since, "
                             "until or summaries)")
    summaries, taken = tuple(summaries), set(taken)
    found: list[Collection] = []
    errors: list[SelectionError] = []
    for number, fields in enumerate(entries, 1):
        if not isinstance(fields, dict):
            errors.append(SelectionError(f"{source}: collection {number} is not a mapping "
                                         "of fields", number))
            continue
        try:
            item = collection(fields, "curated", summaries, vocabulary)
        except SelectionError as error:
            label = fields.get("title") or f"number {number}"
            errors.append(SelectionError(f"{source}: collection {quoted(label)}: {error}",
                                         number))
            continue
        if item.name in taken:
            errors.append(SelectionError(f"{source}: the name {item.name!r} is taken by a "
                                         "standard PDF; give the collection another 'name'",
                                         number))
        elif item.name in {c.name for c in found}:
            errors.append(SelectionError(f"{source}: two collections are named "
                                         f"{item.name!r}; give one a different 'name'", number))
        found.append(item)
    if errors:
        errors[0].more = errors[1:]
        raise errors[0]
    return found
