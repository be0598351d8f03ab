"""Read one APA-style citation line, as the blog prints it, into its parts.

Pure functions. Three kinds of work are told apart by their shape: a journal
article ("Title. Journal, 58(1), 160–171."), a book ("Title (2nd ed.). New
York: Routledge.") and a chapter in an edited book ("Title. In M.E. Lambert
(Ed.), Book, 6th Edition (pp. 393-442). New York: Wiley."). The blog's lines
are typed by hand, so the parser forgives the slips they really contain and
says so (``fixes``): "doi: 10:1001/..." with a colon where the dot belongs, a
journal after a comma instead of a full stop, the slips of author lists
(``names``). What it cannot read raises ``CitationError`` with a sentence
saying which part is missing. Nothing is filled in that the line does not give.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from ..core.text import MONTH_NAMES, month_number
from .names import EDITOR_MARK, Author, normalise_initials, parse_authors  # noqa: F401
from .works import BookParts, normalise_pages, split_book, split_chapter

# "(2021)", "(2021a)", "(2021, March 18)", "(2016, October 24)"; the first one in the line.
DATE = re.compile(r"\(\s*(?P<year>(?:19|20)\d{2})[a-z]?"
                  r"(?:\s*,\s*(?P<month>[^\W\d_]+)\.?(?:\s+(?P<day>\d{1,2}))?(?:\s*[-–]\s*\d{1,2})?)?"
                  r"\s*\)\s*\.?")
# A DOI with whatever introduces it; "10:1001/..." is a slip for "10.1001/...".
DOI = re.compile(r"(?:(?:https?://)?(?:dx\.)?doi\.org/|\bdoi\s*:?\s*)?"
                 r"\b10(?P<sep>[.:])(?P<rest>\d{4,9}/\S+)", re.IGNORECASE)
URL = re.compile(r"(?:Retrieved from\s+)?https?://\S+", re.IGNORECASE)
ADVANCE = re.compile(r"\bAdvance online publication\b\.?", re.IGNORECASE)
PAGE_RANGE = r"[A-Za-z]?\d+\s*[-‐‑–—]+\s*[A-Za-z]?\d+"
# "Journal, 58(1), 160–171" / "Journal, 269, 577-586" / "BMC Psychiatry, 20, 313" /
# "Journal, 12, Article e102" / "Journal": a lone number after the volume is an
# article number, not a page.
SOURCE = re.compile(
    r"(?P<journal>[^\W\d_][^,]*?)"
    r"(?:\s*,\s*(?P<volume>\d+)\s*(?:\(\s*(?P<issue>[^)]+?)\s*\))?)?"
    r"(?:\s*,\s*(?:(?:Article\s+)?(?P<article>[A-Za-z]?\d+)(?![\d\s‐‑–—-])"
    r"|(?P<pages>" + PAGE_RANGE + r")))?"
    r"\s*\.?")
CUT_OFF = re.compile(r"(?:\.\s?\.\s?\.|…)\s*$")
SENTENCE_END = re.compile(r"(?<=[.?!])\s+")
TITLE_CASE_WORD = re.compile(r"[A-Z&(]|(?:of|and|the|in|on|for|to|a|an|&)$")


class Citation(NamedTuple):
    authors: tuple[Author, ...]
    year: int
    title: str
    kind: str = "article"  # "article", "book" or "chapter"
    journal: str = ""
    volume: str = ""
    issue: str = ""
    pages: str = ""  # BibTeX style: "577--586"
    article: str = ""  # an article number given in place of pages
    doi: str = ""
    url: str = ""
    month: str = ""  # "March", only when the line gives one
    day: int | None = None
    advance_online: bool = False
    authors_are_editors: bool = False  # "Norcross, J.C. (Ed.). (2011). A book."
    authors_incomplete: bool = False
    book: BookParts | None = None  # editors, book title, edition, publisher, address
    fixes: tuple[str, ...] = ()  # slips that were read the intended way, for the report
    doubts: tuple[str, ...] = ()  # what a person should check, for the report


class CitationError(ValueError):
    """The line cannot be read as a citation; the message says why."""


def parse_citation(line: str) -> Citation:
    text = " ".join(line.replace("\u00a0", " ").split())
    if not text:
        raise CitationError("the citation line is empty")
    date = DATE.search(text)
    if date is None:
        raise CitationError("no publication year in parentheses, such as (2021) or "
                            "(2021, March 18), after the authors")
    before = text[:date.start()]
    are_editors = bool(EDITOR_MARK.search(before))
    people = parse_authors(EDITOR_MARK.sub("", before))
    if not people.people:
        raise CitationError("no authors before the year; expected 'Family, A. B., "
                            "& Other, C.' before '(year)'")
    month, day = _month_day(date["month"], date["day"])
    rest, fixes = text[date.end():], list(people.fixes)
    doubts = people.doubts
    if CUT_OFF.search(rest):
        doubts += ("the line ends with '...': it seems cut off",)

    advance = bool(ADVANCE.search(rest))
    rest = ADVANCE.sub(" ", rest)
    doi = ""
    found = DOI.search(rest)
    if found:
        doi = "10." + found["rest"].rstrip(".,;")
        if doi.endswith(")") and doi.count("(") < doi.count(")"):
            doi = doi[:-1]
        if found["sep"] == ":":
            fixes.append(f"DOI '10:{found['rest'].rstrip('.,;')}' read as '{doi}'")
        rest = rest[:found.start()] + " " + rest[found.end():]
    url = ""
    found = URL.search(rest)
    if found:
        url = found.group(0).split()[-1].rstrip(".,;")
        rest = rest[:found.start()] + " " + rest[found.end():]
    rest = _tidy(rest)

    common = dict(authors=people.people, year=int(date["year"]), doi=doi, url=url,
                  month=month, day=day, advance_online=advance,
                  authors_are_editors=are_editors, authors_incomplete=people.incomplete)
    chapter = split_chapter(rest)
    if chapter is not None:
        title, book = chapter
        return Citation(title=title, kind="chapter", book=book, fixes=tuple(fixes),
                        doubts=doubts + book.doubts, **common)
    title, source, book, fix = _split_title(rest)
    if book is not None:
        return Citation(title=title, kind="book", book=book, fixes=tuple(fixes),
                        doubts=doubts + book.doubts, **common)
    if source is None:
        raise CitationError("cannot tell the title from the journal; expected "
                            "'Title. Journal, volume(issue), pages.' after the year")
    return Citation(
        title=title, journal=source["journal"].strip(), volume=source["volume"] or "",
        issue=source["issue"] or "", pages=normalise_pages(source["pages"] or ""),
        article=source["article"] or "", fixes=tuple(fixes + ([fix] if fix else [])),
        doubts=doubts, **common)


def _month_day(month: str | None, day: str | None) -> tuple[str, int | None]:
    if not month:
        return "", None
    number = month_number(month)
    if number is None:  # "Spring", "Winter": a season is not a month; keep nothing
        return "", None
    return MONTH_NAMES[number - 1], int(day) if day and 1 <= int(day) <= 31 else None


def _tidy(text: str) -> str:
    """Remove the commas and full stops left where a DOI or note was taken out."""
    text = " ".join(text.split())
    text = re.sub(r"\s*,\s*(?=[.,]|$)", "", text)
    text = re.sub(r"\.(?:\s*\.)+", ".", text)
    return text.strip(" ,")


def _title_cased(name: str) -> bool:
    words = name.split()
    return bool(words) and words[0][:1].isupper() and all(
        TITLE_CASE_WORD.match(word) for word in words)


def _split_title(text: str) -> tuple[str, re.Match | None, BookParts | None, str]:
    """(title, journal match, book parts, fix): the title ends at the last
    sentence break that leaves a journal or a publisher after it; failing that,
    at a comma followed by a journal's name (a slip the blog has)."""
    breaks = [match.end() for match in SENTENCE_END.finditer(text)]
    for position in reversed(breaks):
        title, tail = text[:position].strip(), text[position:].strip()
        if not title.rstrip(".").strip():
            continue
        title = (title[:-1] if title.endswith(".") else title).strip()
        match = SOURCE.fullmatch(tail)
        numbered = match is not None and any(match[name] for name in
                                             ("volume", "pages", "article"))
        book = None if numbered else split_book(title, tail)
        if book is not None:
            return book[0], None, book[1], ""
        if match:
            return title, match, None, ""
    for comma in reversed([m.start() for m in re.finditer(r",\s", text)]):
        title, tail = text[:comma].strip(), text[comma + 1:].strip()
        match = SOURCE.fullmatch(tail)
        if title and match and _title_cased(match["journal"].strip()):
            journal = match["journal"].strip()
            return title, match, None, (f"the journal '{journal}' follows the title after a "
                                        "comma; read as the journal")
    return text, None, None, ""
