"""Derived views of the archive: what each list, index and neighbour link shows.

Pure functions over ``Summary`` records. The domain rebuilds a ``Catalogue`` on
every build and compares each page's views with the previous build's, so only
pages whose lists really changed are written again. A view is plain, hashable
data; turning it into document nodes is the views' job.
"""

from __future__ import annotations

import heapq
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from typing import NamedTuple

from .model import Month, Summary
from .vocabulary import Facet, Vocabulary


class Entry(NamedTuple):
    """A summary as one line of a list."""

    docname: str
    title: str
    month: Month
    research_type: str
    teaser: str


class TermCount(NamedTuple):
    slug: str
    count: int


class MonthCount(NamedTuple):
    month: Month
    count: int


class YearCount(NamedTuple):
    year: int
    count: int
    months: tuple[MonthCount, ...]


class MonthView(NamedTuple):
    month: Month
    intro: str
    entries: tuple[Entry, ...]


class Neighbours(NamedTuple):
    previous: Entry | None
    next: Entry | None


class Related(NamedTuple):
    """A summary that shares topics with the one on the page."""

    entry: Entry
    shared_topics: tuple[str, ...]  # slugs, in the vocabulary's order


RELATED_LIMIT = 5  # a reading suggestion, not another index


def entry(summary: Summary) -> Entry:
    return Entry(summary.docname, summary.title, summary.month, summary.research_type,
                 summary.teaser)


class Catalogue:
    """Every summary, grouped the ways readers browse them."""

    def __init__(self, summaries: Iterable[Summary], vocabulary: Vocabulary,
                 intros: Mapping[str, str]) -> None:
        self.vocabulary = vocabulary
        self.intros = intros
        self.chronological = tuple(sorted(summaries, key=lambda s: s.sort_key))
        self.position = {s.docname: i for i, s in enumerate(self.chronological)}
        newest_first = self.chronological[::-1]
        self.by_topic: dict[str, list[Summary]] = defaultdict(list)
        self.by_type: dict[str, list[Summary]] = defaultdict(list)
        self.by_month: dict[Month, list[Summary]] = defaultdict(list)
        for summary in newest_first:
            for topic in summary.topics:
                self.by_topic[topic].append(summary)
            self.by_type[summary.research_type].append(summary)
            self.by_month[summary.month].append(summary)
        self.months = tuple(sorted(self.by_month, reverse=True))
        self.month_by_key = {month.key: month for month in self.months}
        # Each page's views are asked for twice a build (to compare, then to
        # render): the answers are kept for as long as this catalogue lives.
        self._month_views: dict[str, MonthView | None] = {}
        self._related: dict[tuple[str, int], tuple[Related, ...]] = {}

    # -- the views that placeholders ask for -------------------------------

    def summaries(self, selector: str) -> tuple[Entry, ...]:
        """Summaries newest first, all or those of ``topic:``, ``type:``,
        ``month:`` or ``year:`` a value."""
        kind, _, value = selector.partition(":")
        if kind == "all":
            chosen: Iterable[Summary] = self.chronological[::-1]
        elif kind == "topic":
            chosen = self.by_topic.get(value, ())
        elif kind == "type":
            chosen = self.by_type.get(value, ())
        elif kind == "month":
            month = self.month_by_key.get(value)
            chosen = self.by_month[month] if month is not None else ()
        elif kind == "year":
            chosen = [s for m in self.months if str(m.year) == value for s in self.by_month[m]]
        else:
            raise ValueError(f"unknown selector {selector!r}")
        return tuple(entry(s) for s in chosen)

    def term_counts(self, facet: Facet) -> tuple[TermCount, ...]:
        groups = self.by_topic if facet is self.vocabulary.topics else self.by_type
        return tuple(TermCount(slug, len(groups.get(slug, ()))) for slug in facet.slugs)

    def years(self) -> tuple[YearCount, ...]:
        years: dict[int, list[MonthCount]] = defaultdict(list)
        for month in self.months:
            years[month.year].append(MonthCount(month, len(self.by_month[month])))
        return tuple(YearCount(year, sum(m.count for m in months), tuple(months))
                     for year, months in years.items())

    def month(self, key: str) -> MonthView | None:
        if key not in self._month_views:
            month = self.month_by_key.get(key)
            # In reading order, as the month's page shows them and previous/next follow.
            self._month_views[key] = None if month is None else MonthView(
                month, self.intros.get(month.key, ""),
                tuple(entry(s) for s in reversed(self.by_month[month])))
        return self._month_views[key]

    def latest_month(self) -> MonthView | None:
        return self.month(self.months[0].key) if self.months else None

    def neighbours(self, docname: str) -> Neighbours:
        index = self.position.get(docname)
        if index is None:
            return Neighbours(None, None)
        older = self.chronological[index - 1] if index > 0 else None
        newer = self.chronological[index + 1] if index + 1 < len(self.chronological) else None
        return Neighbours(older and entry(older), newer and entry(newer))

    def related(self, docname: str, limit: int = RELATED_LIMIT) -> tuple[Related, ...]:
        """Summaries sharing topics with this one: most shared topics first,
        then the most recent. Candidates come from the page's own topic lists,
        so the work per page grows with its topics' sizes, not the archive's."""
        if (docname, limit) not in self._related:
            self._related[docname, limit] = self._rank_related(docname, limit)
        return self._related[docname, limit]

    def _rank_related(self, docname: str, limit: int) -> tuple[Related, ...]:
        index = self.position.get(docname)
        if index is None:
            return ()
        own = self.chronological[index]
        shared: Counter[str] = Counter()
        for topic in own.topics:
            shared.update(s.docname for s in self.by_topic.get(topic, ()))
        del shared[docname]
        # Later in chronological order means more recent.
        position = self.position
        ranked = heapq.nsmallest(limit, shared, key=lambda d: (-shared[d], -position[d]))
        topic_order = self.vocabulary.topics.slugs
        result = []
        for other in ranked:
            summary = self.chronological[self.position[other]]
            common = tuple(t for t in topic_order if t in own.topics and t in summary.topics)
            result.append(Related(entry(summary), common))
        return tuple(result)
