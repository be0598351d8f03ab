"""What an import did, for the person who ran it."""

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


@dataclass
class Report:
    files: list[str] = field(default_factory=list)
    imported: list[Imported] = field(default_factory=list)
    left_alone: list[Located] = field(default_factory=list)  # message names the page
    added: list[str] = field(default_factory=list)  # new bib keys
    reused: list[tuple[str, str]] = field(default_factory=list)  # (key, "DOI"/"title")
    unparsed: list[Located] = field(default_factory=list)
    corrected: list[Located] = field(default_factory=list)  # slips read the intended way
    review: list[Review] = field(default_factory=list)
    dry_run: bool = False

    @property
    def usable(self) -> int:
        """Summaries found complete: imported now, or already in the archive."""
        return len(self.imported) + len(self.left_alone)

    def text(self, docs: str, bib: str) -> str:
        verb = "would be imported (dry run)" if self.dry_run else "imported"
        out = [f"Read {len(self.files)} file(s).",
               f"Summaries {verb}: {len(self.imported)}"]
        out += [f"  {docs}/{item.page}  (from {item.source.source}:{item.source.line}, "
                f"reviews {item.key})" for item in self.imported]
        out.append(f"Summaries left alone: {len(self.left_alone)}")
        out += [f"  {item}" for item in self.left_alone]
        out.append(f"Bibliography {bib}: {len(self.added)} entr{'y' if len(self.added) == 1 else 'ies'}"
                   f" added, {len(self.reused)} reused")
        out += [f"  added {key}" for key in self.added]
        out += [f"  reused {key} (same {how})" for key, how in self.reused]
        out.append(f"Lines that could not be used: {len(self.unparsed)}")
        out += [f"  {item}" for item in self.unparsed]
        if self.corrected:
            out.append(f"Slips corrected: {len(self.corrected)}")
            out += [f"  {item}" for item in self.corrected]
        out.append(f"Needs review: {len(self.review)} page(s); topics and research type are "
                   "proposals, marked 'needs_review' in the front matter")
        for item in self.review:
            notes = "".join(f"; {note}" for note in item.notes)
            out.append(f"  {docs}/{item.page}: topics [{', '.join(item.topics)}], "
                       f"research_type {item.research_type}{notes}")
        if not self.usable:
            out.append("Nothing usable was found: no complete summary under a month heading.")
        return "\n".join(out) + "\n"
