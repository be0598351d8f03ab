"""What an import did, for the person who ran it.

Each summary has one outcome (imported, already in the archive, or not
imported with its reason), so the report never says two contradicting things
about one summary. Every problem is one line naming the file and line, and
the problems are listed in source order: files as given, lines top to bottom.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple


class Located(NamedTuple):
    """A message about a line of a source file (line None: the whole file)."""

    source: str
    line: int | None
    message: str

    def __str__(self) -> str:
        where = f"{self.source}:{self.line}" if self.line else self.source
        return f"{where}: {self.message}"


class Imported(NamedTuple):
    page: str  # path of the written page, relative to the archive's docs folder
    source: Located  # where its headline was
    key: str
    entry_is_new: bool


class Review(NamedTuple):
    page: str
    topics: tuple[str, ...]
    research_type: str
    notes: tuple[str, ...]


class Change(NamedTuple):
    key: str
    changes: tuple[str, ...]  # "pages: '' -> '12--34'", worded for a person


@dataclass
class Report:
    files: list[str] = field(default_factory=list)
    imported: list[Imported] = field(default_factory=list)
    left_alone: list[Located] = field(default_factory=list)  # message names the page
    added: list[str] = field(default_factory=list)  # new bib keys
    reused: list[tuple[str, str]] = field(default_factory=list)  # (key, "DOI"/"title")
    updated: list[Change] = field(default_factory=list)  # entries the importer repaired
    problems: list[Located] = field(default_factory=list)  # one line each, any order here
    verified: list[str] = field(default_factory=list)  # new or updated keys Crossref confirmed
    unverified: list[tuple[str, str]] = field(default_factory=list)  # (key, why)
    review: list[Review] = field(default_factory=list)
    crossref: bool = False  # whether lookups were asked for
    dry_run: bool = False

    @property
    def usable(self) -> int:
        """Summaries found complete: imported now, or already in the archive."""
        return len(self.imported) + len(self.left_alone)

    def in_source_order(self) -> list[Located]:
        order = {name: number for number, name in enumerate(self.files)}
        return sorted(self.problems, key=lambda item: (order.get(item.source, len(order)),
                                                      item.line or 0))

    def text(self, docs: str, bib: str) -> str:
        verb = "would be imported (dry run)" if self.dry_run else "imported"
        out = [f"Read {len(self.files)} file(s).",
               f"Summaries {verb}: {len(self.imported)}"]
        out += [f"  {docs}/{item.page}  (from {item.source.source}:{item.source.line}, "
                f"reviews {item.key})" for item in self.imported]
        out.append(f"Summaries left alone: {len(self.left_alone)}")
        out += [f"  {item}" for item in self.left_alone]
        added = len(self.added)
        out.append(f"Bibliography {bib}: {added} entr{'y' if added == 1 else 'ies'} added, "
                   f"{len(self.reused)} reused, {len(self.updated)} updated")
        out += [f"  added {key}" for key in self.added]
        out += [f"  reused {key} (same {how})" for key, how in self.reused]
        for change in self.updated:
            out.append(f"  updated {change.key}: " + "; ".join(change.changes))
        problems = self.in_source_order()
        out.append(f"Problems, in source order: {len(problems)}")
        out += [f"  {item}" for item in problems]
        out += self._verification()
        out.append(f"Needs review: {len(self.review)} page(s); topics and research type are "
                   "proposals, marked 'needs_review' in the front matter")
        for item in self.review:
            notes = "".join(f"; {note}" for note in item.notes)
            out.append(f"  {docs}/{item.page}: topics [{', '.join(item.topics)}], "
                       f"research_type {item.research_type}{notes}")
        if not self.usable:
            out.append("Nothing usable was found: no complete summary under a month heading.")
        return "\n".join(out) + "\n"

    def _verification(self) -> list[str]:
        if not self.crossref:
            if not self.unverified:
                return []
            return [f"Not verified against Crossref: {len(self.unverified)} new entr"
                    f"{'y' if len(self.unverified) == 1 else 'ies'} (run the import with "
                    "--crossref to check them): "
                    + ", ".join(key for key, _why in self.unverified)]
        out = [f"Verified by Crossref: {len(self.verified)}"
               + (f" ({', '.join(self.verified)})" if self.verified else "")]
        out.append(f"Not verified: {len(self.unverified)}")
        out += [f"  {key}: {why}" for key, why in self.unverified]
        return out
