"""The standard PDFs every build makes: the whole archive, each year, each topic
with summaries, and one handout per summary. Pure: selections over records."""

from __future__ import annotations

from collections.abc import Iterable

from .model import Month, Summary
from .selection import Collection, Selection, SelectionError, select
from .text import SLUG, slugify
from .vocabulary import Vocabulary

HANDOUT_PREFIX = "summary-"


def standard_collections(summaries: Iterable[Summary],
                         vocabulary: Vocabulary) -> list[Collection]:
    """The whole archive, each year, and each topic with at least one summary."""
    ordered = select(summaries, Selection())
    if not ordered:
        return []
    first, last = ordered[0].month, ordered[-1].month
    result = [Collection("archive", "archive", "PPRNet Research Summaries",
                         "The complete archive",
                         f"Every summary, {first.label} to {last.label}.",
                         tuple(s.docname for s in ordered))]
    for year in sorted({s.month.year for s in ordered}):
        chosen_ = select(ordered, Selection(since=Month(year, 1), until=Month(year, 12)))
        result.append(Collection(f"year-{year}", "year", f"Research Summaries {year}",
                                 f"The summaries of {year}",
                                 f"Every summary published in {year}.",
                                 tuple(s.docname for s in chosen_)))
    for term in vocabulary.topics.terms:
        chosen_ = select(ordered, Selection(topics=(term.slug,)))
        if chosen_:
            result.append(Collection(f"topic-{term.slug}", "topic", term.label,
                                     "Research summaries by topic",
                                     f"Topic: {term.label}. {term.description}".strip(),
                                     tuple(s.docname for s in chosen_)))
    return result


def handout_name(docname: str) -> str:
    """The file name (without .pdf) of one summary's handout:
    ``2021/07/some-slug`` -> ``summary-2021-07-some-slug``."""
    name = HANDOUT_PREFIX + "-".join(docname.split("/"))
    return name if SLUG.fullmatch(name) else HANDOUT_PREFIX + slugify(docname, "untitled")


def handout_collections(summaries: Iterable[Summary],
                        vocabulary: Vocabulary) -> list[Collection]:
    """One handout per summary, oldest first: the summary alone, for print."""
    result: list[Collection] = []
    taken: set[str] = set()
    for summary in select(summaries, Selection()):
        name = handout_name(summary.docname)
        if name in taken:  # two docnames that differ only in characters a file name drops
            raise SelectionError(f"the summaries {summary.docname!r} and another one would "
                                 f"share the handout file name {name!r}; rename one page")
        taken.add(name)
        kind = vocabulary.research_types.get(summary.research_type).label
        result.append(Collection(name, "handout", summary.title, "",
                                 f"{summary.month.label}. {kind}.", (summary.docname,)))
    return result
