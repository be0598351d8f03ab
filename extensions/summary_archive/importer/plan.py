"""Decide what an import writes, without writing: pages, entries, the report.

Pure but for the optional ``lookup`` (Crossref, behind a cache): parsed blog
pages and the archive's current state in, a ``Plan`` out. No page is ever
replaced: a page whose path exists, or an article some page already
summarizes, is left alone and reported; an article already in the
bibliography (same DOI or same title) keeps its entry and key. The only
entries ever changed are those the importer made and nobody edited since
(``repair``). Every entry written passes the archive's own checks
(``checks``), or its summary is not imported and the report says why.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import NamedTuple

from pybtex.database import BibliographyData, Entry

from ..core.model import parse_date
from ..core.sources import size_problem
from ..core.text import slugify
from ..core.vocabulary import Vocabulary
from . import repair
from .bibentry import EntryIndex, resolve, to_entry
from .blogpage import BlogPage
from .checks import check_entry
from .citation import Citation, CitationError, parse_citation
from .crossref import Verdict, fill
from .posts import BlogSummary
from .proposals import propose
from .provenance import edited_by_a_person, made_by_importer, mark
from .report import Change, Imported, Located, Report, Review
from .writer import render_page

NEEDS_REVIEW = ("topics", "research_type")
RESERVED_SLUGS = {"index"}  # the month's own page, docs/<yyyy>/<mm>/index.md
Lookup = Callable[[str, Citation], Verdict]


class Source(NamedTuple):
    name: str  # the file as the report names it
    page: BlogPage


class Existing(NamedTuple):
    pages: frozenset[str]  # "2021/08/slug.md", relative to the docs folder
    reviewed: Mapping[str, str]  # lower-case bib key -> the page that reviews it
    bib: BibliographyData
    page_reviews: Mapping[str, str] = {}  # page -> the key it reviews
    files: frozenset[str] = frozenset()  # every file under docs, summary or not


class Plan(NamedTuple):
    pages: dict[str, str]  # relative path -> page text
    entries: dict[str, Entry]  # new bibliography entries, by key
    report: Report
    updates: dict[str, Entry] = {}  # entries the importer made, brought up to date


def plan_import(sources: list[Source], existing: Existing, vocabulary: Vocabulary,
                author: str, today: dt.date, lookup: Lookup | None = None) -> Plan:
    planner = _Planner(existing, vocabulary, author, today, lookup)
    planner.report.files = [source.name for source in sources]
    for source in sources:
        planner.page(source)
    return Plan(planner.pages, planner.entries, planner.report, planner.updates)


class _Planner:
    def __init__(self, existing: Existing, vocabulary: Vocabulary, author: str,
                 today: dt.date, lookup: Lookup | None) -> None:
        self.existing, self.vocabulary, self.author = existing, vocabulary, author
        self.today, self.lookup = today, lookup
        self.report = Report(crossref=lookup is not None)
        self.pages: dict[str, str] = {}
        self.entries: dict[str, Entry] = {}
        self.updates: dict[str, Entry] = {}
        self.index = EntryIndex(existing.bib)  # grows with this run's new entries
        self.taken = {key.lower() for key in existing.bib.entries}
        self.reviewed = {key.lower(): page for key, page in existing.reviewed.items()}
        self.bib_keys = {key.lower(): key for key in existing.bib.entries}

    def problem(self, source: str, line: int | None, message: str) -> None:
        self.report.problems.append(Located(source, line, message))

    def page(self, source: Source) -> None:
        for finding in source.page.findings:
            self.problem(source.name, finding.line, finding.message)
        for month in source.page.months:
            date = f"{month.month.year:04d}-{month.month.month:02d}"
            checked = parse_date(date, self.today)
            if isinstance(checked, str):
                self.problem(source.name, month.line,
                             f"month heading '{month.heading}': {checked}")
                continue
            for summary in month.summaries:
                self.summary(source.name, date, summary)

    def summary(self, name: str, date: str, summary: BlogSummary) -> None:
        def refuse(line: int | None, why: str) -> None:
            self.problem(name, line, f"'{summary.headline}' was not imported: {why}")

        try:
            citation = parse_citation(summary.citation)
        except CitationError as error:
            return refuse(summary.citation_line, f"its citation cannot be read: {error}")
        entry, notes, verdict = self.entry(summary, citation)
        if isinstance(entry, str):
            return refuse(summary.citation_line, f"{entry}; correct the citation line and "
                                                 "import it again")
        text_bytes = sum(len(part.encode("utf-8"))
                         for part in (*summary.body, *summary.implications))
        if size_problem(text_bytes):  # the limit make check applies to a page
            return refuse(summary.line, f"it holds {text_bytes / 1e6:.1f} MB of text, more "
                                        "than a summary page may hold")
        path, path_notes = self.path(date, summary.headline)
        where = Located(name, summary.line, summary.headline)
        if path in self.existing.pages:
            self.repair(name, summary, path, entry, verdict)
            self.report.left_alone.append(Located(name, summary.line,
                                                  f"the page {path} already exists; left alone"))
            return None
        resolved = resolve(citation, self.index, self.taken, entry)
        if resolved.key.lower() in self.reviewed:
            self.report.left_alone.append(Located(
                name, summary.line, f"'{summary.headline}': its article ({resolved.key}) is "
                                    f"already summarized in {self.reviewed[resolved.key.lower()]}; "
                                    "left alone"))
            return None
        if resolved.new:
            self.entries[resolved.key] = mark(resolved.entry)
            self.index.add(resolved.key, resolved.entry)
            self.taken.add(resolved.key.lower())
            self.report.added.append(resolved.key)
            self.verification(resolved.key, verdict)
        else:
            self.report.reused.append((resolved.key, resolved.matched_by))
        self.reviewed[resolved.key.lower()] = path
        for line, message in [*notes, *((summary.line, n) for n in path_notes)]:
            self.problem(name, line, message)
        for finding in summary.notes:
            self.problem(name, finding.line, finding.message)
        self.write(path, date, summary, citation, resolved.key, where, resolved.new)
        return None

    def entry(self, summary: BlogSummary, citation: Citation):
        """(entry or why not, [(line, note)], verdict) for the summary's article."""
        line = summary.citation_line
        notes = [(line, f"read as intended: {fix}") for fix in citation.fixes]
        notes += [(line, f"to review: {doubt}") for doubt in citation.doubts]
        entry = to_entry(citation)
        verdict = self.lookup(summary.citation, citation) if self.lookup else None
        if verdict is not None and verdict.verified:
            notes += [(line, f"Crossref: {note}") for note in fill(entry, verdict)]
        checked = check_entry(entry, self.today.year)
        if checked.entry is None:
            cut = [doubt for doubt in citation.doubts if "cut off" in doubt]
            return checked.refusal + "".join(f" ({doubt})" for doubt in cut), notes, verdict
        notes += [(line, note) for note in checked.left_out]
        return checked.entry, notes, verdict

    def verification(self, key: str, verdict: Verdict | None) -> None:
        if verdict is None:
            self.report.unverified.append((key, "not looked up"))
        elif verdict.verified:
            self.report.verified.append(key)
        else:
            self.report.unverified.append((key, verdict.reason))

    def path(self, date: str, headline: str) -> tuple[str, list[str]]:
        folder, notes = date.replace("-", "/"), []
        slug = slugify(headline, "summary")
        if slug in RESERVED_SLUGS:
            notes.append(f"the headline '{headline}' would make the file {folder}/{slug}.md, "
                         f"which is the month's own page; written as {slug}-summary.md")
            slug = f"{slug}-summary"
        path = f"{folder}/{slug}.md"
        number = 2
        while path in self.pages or (path in self.existing.files
                                     and path not in self.existing.pages):
            path = f"{folder}/{slug}-{number}.md"
            number += 1
        if number > 2:
            notes.append(f"another page already has the file name {slug}.md; written as "
                         f"{path.rsplit('/', 1)[1]}")
        return path, notes

    def repair(self, name: str, summary: BlogSummary, path: str, proposed: Entry,
               verdict: Verdict | None) -> None:
        key = self.bib_keys.get(self.existing.page_reviews.get(path, "").lower())
        current = self.existing.bib.entries.get(key) if key else None
        if current is None or not made_by_importer(current) \
                or not repair.same_article(current, proposed):
            return
        if verdict is None or not verdict.verified:
            proposed = repair.keep_earlier_verification(current, proposed)
        if not repair.differs(current, proposed):
            return
        if edited_by_a_person(current):
            self.problem(name, summary.citation_line,
                         f"the entry {key} was edited since the import, so it is left as it "
                         "is; the line would now give: "
                         + "; ".join(repair.changes(current, proposed)))
            return
        self.report.updated.append(Change(key, repair.changes(current, proposed)))
        self.updates[key] = mark(proposed)
        if verdict is not None and verdict.verified:
            self.report.verified.append(key)

    def write(self, path: str, date: str, summary: BlogSummary, citation: Citation,
              key: str, where: Located, new: bool) -> None:
        proposal = propose(self.vocabulary, summary.headline, citation.title,
                           " ".join(summary.body + summary.implications))
        needs_review = NEEDS_REVIEW + (("reviews",) if citation.doubts else ())
        self.pages[path] = render_page(
            title=summary.headline, date=date, author=self.author, topics=proposal.topics,
            research_type=proposal.research_type, reviews=key, needs_review=needs_review,
            body=summary.body, implications=summary.implications)
        self.report.imported.append(Imported(path, where, key, new))
        notes = proposal.notes + (("its reference has doubts to check (see the problems "
                                   "above); 'reviews' is marked to confirm",)
                                  if citation.doubts else ())
        self.report.review.append(Review(path, proposal.topics, proposal.research_type, notes))
