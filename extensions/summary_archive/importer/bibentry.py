"""Citations to BibTeX: keys in the archive's style, reuse of existing entries.

Pure functions over pybtex's ``BibliographyData``; pybtex also writes the new
entries, so quoting and LaTeX escaping are its business, not ours.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from pybtex.database import BibliographyData, Entry, Person

from ..core.text import ascii_fold, bare_doi
from .citation import Citation
from .names import Author
from .provenance import INCOMPLETE

ARTICLES = {"a", "an", "the"}
# A word (after the first) with a capital letter: braced so that styles which
# lower-case titles keep "A", "CBT" and proper names as the blog wrote them.
CAPITALISED = re.compile(r"(?<![\w{\\])([^\s:;,.?!()\[\]\"{}]*[A-Z][^\s:;,.?!()\[\]\"{}]*)")


class Resolved(NamedTuple):
    key: str
    entry: Entry
    new: bool  # False: an existing entry is reused
    matched_by: str = ""  # "DOI" or "title" when reused


def ascii_letters(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", ascii_fold(text).lower())


def base_key(citation: Citation) -> str:
    """first author's family name + year + first title word that is not an article."""
    family = citation.authors[0].family
    if citation.authors[0].group:  # a group author: its first word
        family = family.split()[0]
    words = [ascii_letters(word) for word in citation.title.split()]
    word = next((w for w in words if w and w not in ARTICLES), "")
    return f"{ascii_letters(family)}{citation.year}{word}"


def unique_key(base: str, taken: set[str]) -> str:
    """``base``, or ``base`` + a, b, ... when another entry already has it."""
    if base not in taken:
        return base
    for index in range(26 * 27):
        suffix = _letters(index)
        if base + suffix not in taken:
            return base + suffix
    raise ValueError(f"no free key for {base}")  # pragma: no cover - 700 clashes


def _letters(index: int) -> str:
    return chr(97 + index) if index < 26 else _letters(index // 26 - 1) + chr(97 + index % 26)


def normal_doi(doi: str) -> str:
    return bare_doi(doi).lower()


def normal_title(title: str) -> str:
    """Compare titles ignoring case, braces, LaTeX escapes, quotes and punctuation."""
    text = re.sub(r"\\[a-zA-Z]+\s*|\\", "", title).replace("’", "'").replace("‘", "'")
    return " ".join(re.findall(r"[^\W_]+", text.casefold().replace("'", "")))


class EntryIndex:
    """The bibliography's entries by DOI and by title, for reuse; grows as entries are added.

    Built once per import, so finding an article does not scan every entry.
    """

    def __init__(self, bib: BibliographyData) -> None:
        self.entries: dict[str, Entry] = {}
        self._by_doi: dict[str, str] = {}
        self._by_title: dict[str, str] = {}
        for key, entry in bib.entries.items():
            self.add(key, entry)

    def add(self, key: str, entry: Entry) -> None:
        self.entries[key] = entry
        doi, title = normal_doi(entry.fields.get("doi", "")), normal_title(
            entry.fields.get("title", ""))
        if doi:
            self._by_doi.setdefault(doi, key)
        if title:
            self._by_title.setdefault(title, key)

    def find(self, citation: Citation) -> tuple[str, str] | None:
        """(key, "DOI" or "title") of an entry for the same article, if any."""
        doi, title = normal_doi(citation.doi), normal_title(citation.title)
        if doi and doi in self._by_doi:
            return self._by_doi[doi], "DOI"
        if title and title in self._by_title:
            return self._by_title[title], "title"
        return None


def protect_capitals(title: str) -> str:
    return CAPITALISED.sub(lambda m: m.group(0) if m.start() == 0 else "{" + m.group(0) + "}",
                           title)


def to_entry(citation: Citation) -> Entry:
    """The line's parts as a BibTeX entry: @article, @book or @incollection.

    Only what the line gives: a field the line has no value for is left out.
    """
    book = citation.book
    fields: dict[str, str] = {"title": protect_capitals(citation.title),
                              "year": str(citation.year)}
    if citation.kind == "article":
        kind = "article"
        fields["journal"] = citation.journal
        optional = (("month", citation.month), ("day", str(citation.day or "")),
                    ("volume", citation.volume), ("number", citation.issue),
                    ("pages", citation.pages), ("eid", citation.article))
    else:
        kind = "incollection" if citation.kind == "chapter" else "book"
        optional = (("booktitle", book.booktitle), ("edition", book.edition),
                    ("volume", book.volume), ("pages", book.pages),
                    ("publisher", book.publisher), ("address", book.address))
    optional += (("doi", citation.doi), ("url", citation.url),
                 ("note", "Advance online publication" if citation.advance_online else ""))
    fields.update((name, value) for name, value in optional if value)
    persons = {}
    role = "editor" if citation.authors_are_editors else "author"
    persons[role] = [_person(author) for author in citation.authors]
    incomplete = [role] if citation.authors_incomplete else []
    if book is not None and book.editors and kind == "incollection":
        persons["editor"] = [_person(editor) for editor in book.editors]
        incomplete += ["editor"] if book.editors_incomplete else []
    if incomplete:
        fields[INCOMPLETE] = ", ".join(incomplete)
    return Entry(kind, fields=fields, persons=persons)


def _person(author: Author) -> Person:
    if author.group:
        return Person("{" + author.family + "}")  # keep a group's name whole
    parts = [author.family] + ([author.lineage] if author.lineage else []) + \
        ([author.given] if author.given else [])
    return Person(", ".join(parts))


def resolve(citation: Citation, index: EntryIndex | BibliographyData,
            taken: set[str], entry: Entry | None = None) -> Resolved:
    """Reuse the entry for this article if there is one, else make a new one
    (``entry``, when the caller has already made and checked it).

    ``taken`` holds every key in use, lower-cased (the file's and this run's).
    """
    if isinstance(index, BibliographyData):
        index = EntryIndex(index)
    existing = index.find(citation)
    if existing:
        key, how = existing
        return Resolved(key, index.entries[key], new=False, matched_by=how)
    return Resolved(unique_key(base_key(citation), taken), entry or to_entry(citation),
                    new=True)


def entries_text(entries: dict[str, Entry]) -> str:
    """New entries as BibTeX, written by pybtex."""
    return BibliographyData(entries).to_string("bibtex")
