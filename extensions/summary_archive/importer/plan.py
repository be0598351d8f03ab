"""Decide what an import writes, without writing: pages, new entries, the report.

Pure: parsed blog pages and the archive's current state in, a ``Plan`` out.
Nothing existing is ever replaced: a page whose path exists, or an article some
page already summarizes, is left alone and reported; an article already in the
bibliography (same DOI or same title) keeps its entry and key.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import NamedTuple

from pybtex.database import BibliographyData, Entry

from ..core.model import parse_date
from ..core.sources import size_problem
from ..core.text import slugify
from ..core.vocabulary import Vocabulary
from .bibentry import EntryIndex, resolve
from .blogpage import BlogPage
from .citation import CitationError, parse_citation
from .proposals import propose
from .report import Imported, Located, Report, Review
from .writer import render_page

NEEDS_REVIEW = ("topics", "research_type")


class Source(NamedTuple):
    name: str  # the file as the report names it
    page: BlogPage


class Existing(NamedTuple):
    pages: frozenset[str]  # "2021/08/slug.md", relative to the docs folder
    reviewed: Mapping[str, str]  # lower-case bib key -> the page that reviews it
    bib: BibliographyData


class Plan(NamedTuple):
    pages: dict[str, str]  # relative path -> page text
    entries: dict[str, Entry]  # new bibliography entries, by key
    report: Report


def plan_import(sources: list[Source], existing: Existing, vocabulary: Vocabulary,
                author: str, today: dt.date) -> Plan:
    report = Report(files=[source.name for source in sources])
    pages: dict[str, str] = {}
    entries: dict[str, Entry] = {}
    index = EntryIndex(existing.bib)  # grows with this run's new entries
    taken = {key.lower() for key in existing.bib.entries}
    reviewed = {key.lower(): page for key, page in existing.reviewed.items()}

    for source in sources:
        report.unparsed += [Located(source.name, f.line, f.message) for f in source.page.findings]
        for month in source.page.months:
            date = f"{month.month.year:04d}-{month.month.month:02d}"
            checked = parse_date(date, today)
            if isinstance(checked, str):
                report.unparsed.append(Located(source.name, month.line,
                                               f"month heading '{month.heading}': {checked}"))
                continue
            for summary in month.summaries:
                where = Located(source.name, summary.line, summary.headline)
                try:
                    citation = parse_citation(summary.citation)
                except CitationError as error:
                    report.unparsed.append(Located(
                        source.name, summary.citation_line,
                        f"the citation of '{summary.headline}' cannot be read: {error}; "
                        "that summary was not imported"))
                    continue
                report.corrected += [Located(source.name, summary.citation_line, fix)
                                     for fix in citation.fixes]
                path = f"{date.replace('-', '/')}/{slugify(summary.headline, 'summary')}.md"
                if path in existing.pages or path in pages:
                    report.left_alone.append(Located(
                        source.name, summary.line, f"the page {path} already exists; left alone"))
                    continue
                text_bytes = sum(len(part.encode("utf-8"))
                                 for part in (*summary.body, *summary.implications))
                if size_problem(text_bytes):  # the limit make check applies to a page
                    report.unparsed.append(Located(
                        source.name, summary.line, f"'{summary.headline[:60]}' holds "
                        f"{text_bytes / 1e6:.1f} MB of text, more than a summary page may "
                        "hold; that summary was not imported"))
                    continue
                resolved = resolve(citation, index, taken)
                if resolved.key.lower() in reviewed:
                    report.left_alone.append(Located(
                        source.name, summary.line,
                        f"'{summary.headline}': its article ({resolved.key}) is already "
                        f"summarized in {reviewed[resolved.key.lower()]}; left alone"))
                    continue
                if resolved.new:
                    entries[resolved.key] = resolved.entry
                    index.add(resolved.key, resolved.entry)
                    taken.add(resolved.key.lower())
                    report.added.append(resolved.key)
                else:
                    report.reused.append((resolved.key, resolved.matched_by))
                reviewed[resolved.key.lower()] = path
                proposal = propose(vocabulary, summary.headline, citation.title,
                                   " ".join(summary.body + summary.implications))
                pages[path] = render_page(
                    title=summary.headline, date=date, author=author, topics=proposal.topics,
                    research_type=proposal.research_type, reviews=resolved.key,
                    needs_review=NEEDS_REVIEW, body=summary.body,
                    implications=summary.implications)
                report.imported.append(Imported(path, where, resolved.key, resolved.new))
                report.review.append(Review(path, proposal.topics, proposal.research_type,
                                            proposal.notes))
    return Plan(pages, entries, report)
