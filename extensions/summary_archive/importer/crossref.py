"""Checking a citation line against Crossref, for an editor with internet access.

The line goes, as it is, to Crossref's bibliographic query (``/works?
query.bibliographic=...``) through habanero. A record is accepted only when
its title, year and first author agree with what the line says; then its DOI,
volume, issue and pages fill (or confirm) the entry, and the entry records
that Crossref verified it. Nothing else is taken from Crossref.

Every answer is kept on disk (one JSON file per line, named by the line's
digest), so a second run gives the same result without the network. Without
a connection the import goes on: each entry not found in the cache is
reported as unverified, with the reason.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
from pathlib import Path
from typing import Any, NamedTuple

from ..core.text import ascii_fold
from .bibentry import normal_doi, normal_title
from .citation import Citation
from .works import normalise_pages

CROSSREF_API = "https://api.crossref.org"
ROWS = 5  # the best few records; the first that agrees is taken
DATES = ("issued", "published-print", "published-online", "published")
TAG = re.compile(r"<[^>]+>")


class Verdict(NamedTuple):
    verified: bool
    fields: dict[str, str]  # BibTeX field -> Crossref's value, for the fields it gave
    reason: str = ""  # why it is not verified


def _text(values: Any) -> str:
    value = values[0] if isinstance(values, list) and values else values
    return html.unescape(TAG.sub("", value)) if isinstance(value, str) else ""


def _family(name: str) -> str:
    return re.sub(r"[^a-z]", "", ascii_fold(name).lower())


def _years(item: dict) -> set[int]:
    years = set()
    for name in DATES:
        parts = (item.get(name) or {}).get("date-parts") or [[]]
        if parts and parts[0] and isinstance(parts[0][0], int):
            years.add(parts[0][0])
    return years


def _titles(item: dict) -> set[str]:
    title, subtitle = _text(item.get("title")), _text(item.get("subtitle"))
    return {normal_title(title), normal_title(f"{title} {subtitle}")} - {""}


def _first_person(item: dict, role: str) -> str:
    people = item.get(role) or []
    first = next((p for p in people if p.get("sequence") == "first"), people[0] if people else {})
    return first.get("family") or first.get("name") or ""


def disagreements(citation: Citation, item: dict) -> list[str]:
    """What of title, year and first author does not agree with the line."""
    differ = []
    if normal_title(citation.title) not in _titles(item):
        differ.append(f"title '{_text(item.get('title'))}'")
    if citation.year not in _years(item):
        differ.append(f"year {', '.join(map(str, sorted(_years(item)))) or 'missing'}")
    role = "editor" if citation.authors_are_editors else "author"
    family = _first_person(item, role)
    if not family or _family(family) != _family(citation.authors[0].family):
        differ.append(f"first {role} '{family or 'missing'}'")
    return differ


def judge(citation: Citation, message: dict | None) -> Verdict:
    """Pure: Crossref's answer (its ``message``) against the line."""
    items = (message or {}).get("items") or []
    if not items:
        return Verdict(False, {}, "Crossref found no record for the line")
    for item in items[:ROWS]:
        if disagreements(citation, item):
            continue
        doi = item.get("DOI", "")
        if citation.doi and doi and normal_doi(doi) != normal_doi(citation.doi):
            return Verdict(False, {}, f"Crossref's matching record has the DOI {doi}, the "
                                      f"line {citation.doi}")
        found = {"doi": doi, "volume": _text(item.get("volume")),
                 "number": _text(item.get("issue")),
                 "pages": normalise_pages(_text(item.get("page")))}
        if not found["pages"] and citation.kind == "article":
            found["eid"] = _text(item.get("article-number"))
        return Verdict(True, {name: value for name, value in found.items() if value})
    best = items[0]
    return Verdict(False, {}, "Crossref's closest record does not agree with the line: "
                              + ", ".join(disagreements(citation, best)))


def cache_name(line: str) -> str:
    return hashlib.sha256(" ".join(line.split()).encode("utf-8")).hexdigest()[:24] + ".json"


class CrossrefLookup:
    """Crossref's answers for citation lines, from the cache or the network."""

    def __init__(self, cache: Path, base_url: str = CROSSREF_API, mailto: str | None = None,
                 timeout: float = 10, online: bool = True) -> None:
        self.cache, self.base_url, self.mailto = cache, base_url, mailto
        self.timeout, self.online = timeout, online
        self.offline_reason = ""  # set at the first failed connection; no retries then

    def __call__(self, line: str, citation: Citation) -> Verdict:
        message, problem = self.answer(line)
        if problem:
            return Verdict(False, {}, problem)
        return judge(citation, message)

    def answer(self, line: str) -> tuple[dict | None, str]:
        path = self.cache / cache_name(line)
        if path.is_file():
            try:
                return json.loads(path.read_text(encoding="utf-8"))["message"], ""
            except (OSError, ValueError, KeyError, TypeError):
                pass  # an unreadable cache entry is asked again
        if not self.online:
            return None, "not in the Crossref cache, and --offline was given"
        if self.offline_reason:
            return None, self.offline_reason
        try:
            response = self._query(line)
        except Exception as error:  # noqa: BLE001 - any failure leaves the entry unverified
            if type(error).__name__ == "RequestError":  # Crossref answered, with an error
                return None, f"Crossref refused the query ({_short(error)})"
            self.offline_reason = f"Crossref could not be reached ({_short(error)})"
            return None, self.offline_reason
        message = response.get("message") if isinstance(response, dict) else None
        if not isinstance(message, dict):
            return None, "Crossref's answer was not a list of works"
        try:
            self.cache.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps({"query": line, "message": message},
                                       ensure_ascii=False, indent=1), encoding="utf-8")
        except OSError:
            pass  # not cached: the answer still counts for this run
        return message, ""

    def _query(self, line: str) -> Any:
        from habanero import Crossref  # only an editor with --crossref needs it

        client = Crossref(base_url=self.base_url, mailto=self.mailto, timeout=self.timeout)
        return client.works(query_bibliographic=line, limit=ROWS)


def _short(error: Exception) -> str:
    text = " ".join(str(error).split()) or type(error).__name__
    return text if len(text) <= 120 else text[:117] + "..."


FILLED_ORDER = ("doi", "volume", "number", "pages", "eid")


def fill(entry, verdict: Verdict) -> list[str]:
    """Put a verified record's fields into ``entry``; what differed from the line.

    The ``verified`` field lists the fields Crossref gave or confirmed. An
    online-first note goes once Crossref gives the issue's volume and pages.
    """
    from .provenance import VERIFIED, verified_value

    notes = []
    for name in FILLED_ORDER:
        value = verdict.fields.get(name)
        if not value:
            continue
        before = entry.fields.get(name, "")
        if before and normal_field(name, before) != normal_field(name, value):
            notes.append(f"{name}: the line has '{before}', Crossref '{value}'; Crossref's "
                         "is kept")
        entry.fields[name] = value
    if "volume" in verdict.fields and ("pages" in verdict.fields or "eid" in verdict.fields) \
            and entry.fields.get("note", "").lower().startswith("advance online"):
        del entry.fields["note"]
        notes.append("'Advance online publication' dropped: Crossref gives the published "
                     "volume and pages")
    entry.fields[VERIFIED] = verified_value(tuple(n for n in FILLED_ORDER
                                                  if n in verdict.fields))
    return notes


def normal_field(name: str, value: str) -> str:
    return normal_doi(value) if name == "doi" else normalise_pages(value).lower()
