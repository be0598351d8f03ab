"""Read one APA-style citation line, as the blog prints it, into its parts.

Pure functions. The blog's lines are typed by hand, so the parser forgives the
slips they really contain: no space after "&", no "&" before the last author,
initials with or without dots and spaces, "doi: 10:1001/..." with a colon where
the dot belongs, a DOI given bare after the journal, dates such as
"(2021, March 18)", "Advance online publication", hyphens or dashes in page
ranges. What it cannot read raises ``CitationError`` with a sentence saying
which part is missing.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from ..core.text import MONTH_NAMES, month_number


# "(2021)", "(2021a)", "(2021, March 18)", "(2021, Mar.)"; the first one in the line.
DATE = re.compile(r"\(\s*(?P<year>(?:19|20)\d{2})[a-z]?"
                  r"(?:\s*,\s*(?P<month>[^\W\d_]+)\.?(?:\s+(?P<day>\d{1,2}))?(?:\s*[-–]\s*\d{1,2})?)?"
                  r"\s*\)\s*\.?")
# A DOI with whatever introduces it; "10:1001/..." is a slip for "10.1001/...".
DOI = re.compile(r"(?:(?:https?://)?(?:dx\.)?doi\.org/|\bdoi\s*:?\s*)?"
                 r"\b10(?P<sep>[.:])(?P<rest>\d{4,9}/\S+)", re.IGNORECASE)
URL = re.compile(r"(?:Retrieved from\s+)?https?://\S+", re.IGNORECASE)
ADVANCE = re.compile(r"\bAdvance online publication\b\.?", re.IGNORECASE)
# "Journal, 58(1), 160–171" / "Journal, 269, 577-586" / "Journal, 12, Article 102" / "Journal"
SOURCE = re.compile(
    r"(?P<journal>[^\W\d_][^,]*?)"
    r"(?:\s*,\s*(?P<volume>\d+)\s*(?:\(\s*(?P<issue>[^)]+?)\s*\))?)?"
    r"(?:\s*,\s*(?:Article\s+(?P<article>\w+)"
    r"|(?P<pages>[A-Za-z]?\d+(?:\s*[-‐‑–—]+\s*[A-Za-z]?\d+)?)))?"
    r"\s*\.?")
# One author's initials: "J.", "J. P.", "J.P.", "JP", "J.-P.", "Ch."
INITIALS = re.compile(r"(?:[A-ZÀ-ÖØ-Þ](?:[a-z]\.|\.)?\s*-?\s*)+")
INITIAL = re.compile(r"([A-ZÀ-ÖØ-Þ](?:[a-z](?=\.))?)\.?\s*(-)?\s*")
LINEAGE = {"Jr.", "Jr", "Sr.", "Sr", "II", "III", "IV"}
SENTENCE_END = re.compile(r"(?<=[.?!])\s+")


class Author(NamedTuple):
    family: str
    given: str = ""  # initials as "J. P."; empty for a group author
    lineage: str = ""


class Citation(NamedTuple):
    authors: tuple[Author, ...]
    year: int
    title: str
    journal: str
    volume: str = ""
    issue: str = ""
    pages: str = ""  # BibTeX style: "577--586"
    article: str = ""  # an article number given in place of pages
    doi: str = ""
    url: str = ""
    month: str = ""  # "March", only when the line gives one
    day: int | None = None
    advance_online: bool = False
    fixes: tuple[str, ...] = ()  # slips that were corrected, for the report


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
    authors = parse_authors(text[:date.start()])
    if not authors:
        raise CitationError("no authors before the year; expected 'Family, A. B., "
                            "& Other, C.' before '(year)'")
    month, day = _month_day(date["month"], date["day"])
    rest, fixes = text[date.end():], []

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

    title, source = _split_title(rest)
    if source is None:
        raise CitationError("cannot tell the title from the journal; expected "
                            "'Title. Journal, volume(issue), pages.' after the year")
    return Citation(
        authors=authors, year=int(date["year"]), title=title,
        journal=source["journal"].strip(), volume=source["volume"] or "",
        issue=source["issue"] or "", pages=normalise_pages(source["pages"] or ""),
        article=source["article"] or "", doi=doi, url=url, month=month, day=day,
        advance_online=advance, fixes=tuple(fixes))


def parse_authors(text: str) -> tuple[Author, ...]:
    """'Cuijpers, P., Karyotaki, E., &Furukawa, T.A.' and its slips -> authors."""
    text = re.sub(r"\bet al\.?|…|\.\.\.", ",", text)
    pieces = [piece.strip() for piece in re.split(r"[,&]", text)]
    pieces = [piece for piece in pieces if piece and piece != "."]
    authors: list[Author] = []
    index = 0
    while index < len(pieces):
        piece = pieces[index]
        if piece in LINEAGE and authors:
            authors[-1] = authors[-1]._replace(lineage=piece)
            index += 1
            continue
        following = pieces[index + 1] if index + 1 < len(pieces) else ""
        if following and INITIALS.fullmatch(following):
            authors.append(Author(piece, normalise_initials(following)))
            index += 2
        else:
            authors.append(Author(piece.rstrip(".")))  # a group author
            index += 1
    return tuple(authors)


def normalise_initials(text: str) -> str:
    """'T.A.' / 'T. A.' / 'TA' -> 'T. A.'; 'J.-P.' stays hyphenated."""
    out = ""
    for letter, hyphen in INITIAL.findall(text.strip()):
        out += f"{letter}." + ("-" if hyphen else " ")
    return out.strip()


def normalise_pages(pages: str) -> str:
    return re.sub(r"\s*[-‐‑–—]+\s*", "--", pages.strip())


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


def _split_title(text: str) -> tuple[str, re.Match | None]:
    """The title ends at the last sentence break that leaves a journal after it."""
    breaks = [match.end() for match in SENTENCE_END.finditer(text)]
    for position in reversed(breaks):
        title, source = text[:position].strip(), text[position:].strip()
        match = SOURCE.fullmatch(source)
        if match and title.rstrip(".").strip():
            return (title[:-1] if title.endswith(".") else title).strip(), match
    return text, None
