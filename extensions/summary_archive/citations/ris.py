"""A reference as RIS, the tagged format reference managers import (Zotero,
EndNote, Mendeley), from the same CSL-JSON the APA references come from.

Pure: one CSL-JSON item in, its RIS record out. Only what the item holds is
written; nothing is guessed.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable

# CSL type -> RIS type.
RIS_TYPES = {
    "article-journal": "JOUR",
    "book": "BOOK",
    "chapter": "CHAP",
    "paper-conference": "CPAPER",
    "report": "RPRT",
    "thesis": "THES",
    "webpage": "ELEC",
    "post-weblog": "BLOG",
    "manuscript": "UNPB",
    "document": "GEN",
}
PAGE_RANGE = re.compile(r"\s*(?P<start>[^-–—]+?)\s*[-–—]+\s*(?P<end>.+?)\s*$")


def name(person: dict) -> str:
    """``Family, Given`` (or a corporate name as it is)."""
    if "literal" in person:
        return person["literal"]
    family = " ".join(part for part in (person.get("non-dropping-particle"),
                                        person.get("family")) if part)
    given = person.get("given", "")
    suffix = person.get("suffix", "")
    return ", ".join(part for part in (family, given, suffix) if part)


RICH_TEXT_TAG = re.compile(r"</?(?:i|b|sup|sub|span)\b[^>]*>")


def one_line(value: object) -> str:
    """RIS is line-based: a value never spans lines."""
    return " ".join(str(value).split())


def plain(value: str) -> str:
    """RIS is plain text: CSL's rich-text tags (italics, ``nocase`` spans) go,
    their text stays."""
    return html.unescape(RICH_TEXT_TAG.sub("", value))


def lines(item: dict) -> Iterable[tuple[str, str]]:
    yield "TY", RIS_TYPES.get(item.get("type", ""), "GEN")
    for person in item.get("author", ()):
        yield "AU", name(person)
    for person in item.get("editor", ()):
        yield "ED", name(person)
    for tag, variable in (("TI", "title"), ("T2", "container-title")):
        if item.get(variable):
            yield tag, plain(item[variable])
    parts = (item.get("issued") or {}).get("date-parts") or [[]]
    if parts[0]:
        yield "PY", str(parts[0][0])
        year, month, day = (list(parts[0]) + [None, None])[:3]
        if month:  # RIS dates are YYYY/MM/DD/ (an unknown day left empty)
            yield "DA", f"{year}/{int(month):02d}/{f'{int(day):02d}' if day else ''}/"
    for tag, variable in (("VL", "volume"), ("IS", "issue"), ("ET", "edition"),
                          ("PB", "publisher"), ("CY", "publisher-place"), ("SN", "ISBN"),
                          ("M3", "genre"), ("DO", "DOI"), ("UR", "URL"), ("N1", "note"),
                          ("N1", "status")):
        if item.get(variable):
            yield tag, item[variable]
    page = item.get("page")
    if page:
        match = PAGE_RANGE.fullmatch(page)
        if match:
            yield "SP", match["start"]
            yield "EP", match["end"]
        else:
            yield "SP", page
    yield "ID", item.get("id", "")


def ris_record(item: dict) -> str:
    """One CSL-JSON item as a RIS record, ending with its ``ER`` line."""
    body = "".join(f"{tag}  - {one_line(value)}\n" for tag, value in lines(item)
                   if one_line(value))
    return body + "ER  - \n"
