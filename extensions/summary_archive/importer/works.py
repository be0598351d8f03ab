"""Books and chapters in citation lines: what follows the title of one.

Pure functions over the part of a line after its year. A chapter reads
"Title. In M.E. Lambert (Ed.), Book title, 6th Edition (pp. 393-442). New York:
Wiley."; a book "Title (2nd ed.). New York: Routledge.". The edition is kept
as its number ("6th Edition" and "(6th ed.)" are edition 6, which the APA
style prints as "6th ed."), and the title loses the "(2nd ed.)" the line adds
to it. A place and a publisher are told from a journal by their shape
("City: Publisher", or a publisher's own words such as "Press" or "Wiley").
"""

from __future__ import annotations

import re
from typing import NamedTuple

from .names import Author, parse_editors

CHAPTER = re.compile(r"(?P<title>.+?[.?!])\s+In\s+(?P<editors>[^()]+?)\s*"
                     r"\((?:Eds?|eds?)\.?\)\s*[,.:]?\s*(?P<book>.+)")
EDITION = re.compile(r"(?P<number>\d{1,2})\s*(?:st|nd|rd|th)\s+(?:ed(?:ition)?|edn)\.?",
                     re.IGNORECASE)
TRAILING_EDITION = re.compile(r"\s*,?\s*\(?\s*" + EDITION.pattern + r"\s*\)?\s*$", re.IGNORECASE)
PAGES = re.compile(r"\bpp?\.\s*(?P<pages>[A-Za-z]?\d+(?:\s*[-‐‑–—]+\s*[A-Za-z]?\d+)?)")
VOLUME = re.compile(r"\bVol\.\s*(?P<volume>\w+)", re.IGNORECASE)
# "(7th ed., pp. 135-189)", "(pp. 393-442)", "(Vol. 2)"
INFO = re.compile(r"\((?P<info>[^()]*(?:\bpp?\.|\bed(?:ition|n)?\.?|\bVol\.)[^()]*)\)",
                  re.IGNORECASE)
# "New York: Routledge", "Hoboken, NJ: Wiley", "Washington, DC: American Psychological Association"
PLACE_PUBLISHER = re.compile(r"(?P<address>[^\W\d_][^:,\d]*(?:,\s*[^\W\d_][^:,\d]*)?)"
                             r"\s*:\s*(?P<publisher>[^\W\d_][^:,\d]*?)\s*\.?")
PUBLISHER_WORDS = re.compile(
    r"\b(?:Press|Publish(?:ing|ers)|Publications|Books|Wiley|Routledge|Guilford|Springer|"
    r"Elsevier|Sage|SAGE|Norton|Erlbaum|Jossey-Bass|Karnac|McGraw-Hill|Pearson|Hogrefe|"
    r"Academic|Brunner|Taylor & Francis)\b")


class BookParts(NamedTuple):
    """What a line says about a book (of a chapter, or the work itself)."""

    editors: tuple[Author, ...] = ()
    editors_incomplete: bool = False
    booktitle: str = ""  # the book of a chapter; empty for a book
    edition: str = ""  # "6"
    volume: str = ""
    pages: str = ""  # a chapter's pages, "393--442"
    publisher: str = ""
    address: str = ""
    doubts: tuple[str, ...] = ()


def normalise_pages(pages: str) -> str:
    return re.sub(r"\s*[-‐‑–—]+\s*", "--", pages.strip())


def publisher_parts(text: str) -> tuple[str, str] | None:
    """(address, publisher) of "New York: Wiley" or "Routledge"; None if not a publisher."""
    text = text.strip().rstrip(".").strip()
    match = PLACE_PUBLISHER.fullmatch(text)
    if match and len(match["address"].split()) <= 4:
        return match["address"].strip(), match["publisher"].strip()
    if text and not re.search(r"\d", text) and PUBLISHER_WORDS.search(text) and "," not in text:
        return "", text
    return None


def split_edition(title: str) -> tuple[str, str]:
    """'The great psychotherapy debate (2nd ed.)' -> ('The great psychotherapy debate', '2')."""
    match = TRAILING_EDITION.search(title)
    if not match:
        return title, ""
    return title[:match.start()].rstrip(" ,."), match["number"]


def split_book(title: str, tail: str) -> tuple[str, BookParts] | None:
    """A book: ``title`` (maybe with its edition) followed by its publisher."""
    bare, edition = split_edition(title)
    parts = publisher_parts(tail)
    if parts is None:
        if not edition or re.search(r"\d", tail):
            return None
        parts = ("", tail.strip().rstrip("."))  # "(2nd ed.). Anything" is a book all the same
    address, publisher = parts
    return bare, BookParts(edition=edition, publisher=publisher, address=address)


def split_chapter(text: str) -> tuple[str, BookParts] | None:
    """(chapter title, the book) when ``text`` reads "Title. In Editors (Ed.), Book ..."."""
    match = CHAPTER.fullmatch(text)
    if not match:
        return None
    title = match["title"].rstrip(".").strip()
    editors = parse_editors(match["editors"])
    book = match["book"].strip()
    info = INFO.search(book)
    if info:
        booktitle, details, after = book[:info.start()], info["info"], book[info.end():]
    else:
        booktitle, details, after = _split_last_sentence(book)
    booktitle, edition = split_edition(booktitle.strip().rstrip(".,").strip())
    if not edition:
        found = EDITION.search(details)
        edition = found["number"] if found else ""
    pages = PAGES.search(details)
    volume = VOLUME.search(details)
    doubts = list(editors.doubts)
    parts = publisher_parts(after.strip().lstrip(".").strip()) if after.strip(" .") else None
    if parts is None:
        doubts.append("the line gives no publisher for the book" if not after.strip(" .")
                      else f"'{after.strip(' .')}' is not read as a publisher")
    address, publisher = parts or ("", "")
    return title, BookParts(
        editors=editors.people, editors_incomplete=editors.incomplete,
        booktitle=booktitle.strip(), edition=edition,
        volume=volume["volume"] if volume else "",
        pages=normalise_pages(pages["pages"]) if pages else "",
        publisher=publisher, address=address, doubts=tuple(doubts))


def _split_last_sentence(text: str) -> tuple[str, str, str]:
    """'Book title. New York: Wiley' -> ('Book title', '', 'New York: Wiley')."""
    breaks = [m.end() for m in re.finditer(r"(?<=[.?!])\s+", text)]
    for position in reversed(breaks):
        if publisher_parts(text[position:]) is not None:
            return text[:position], "", text[position:]
    return text, "", ""
