"""Checks across summaries: each needs its own slug and title, and a reviewed
article that is in the bibliography.

Pure functions over ``Summary`` records: the build runs them after reading,
``make check`` after parsing the files, and both print the same sentences.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping

from .model import Problem, Summary
from .quoting import quoted

Located = tuple[str, Problem]  # (docname, problem)
FieldLines = Mapping[str, Mapping[str, int]]  # docname -> field -> line


def slug_of(docname: str) -> str:
    return docname.rsplit("/", 1)[-1]


def _fold(title: str) -> str:
    return " ".join(title.casefold().split())


def duplicate_problems(summaries: Iterable[Summary], lines: FieldLines) -> list[Located]:
    """Summaries sharing a file name (slug) or a title; each names the others."""
    by_slug: dict[str, list[str]] = defaultdict(list)
    by_title: dict[str, list[Summary]] = defaultdict(list)
    for summary in sorted(summaries, key=lambda s: s.docname):
        by_slug[slug_of(summary.docname)].append(summary.docname)
        by_title[_fold(summary.title)].append(summary)
    problems: list[Located] = []
    for slug, docnames in by_slug.items():
        for docname in docnames[1:] if len(docnames) > 1 else ():
            others = ", ".join(d for d in docnames if d != docname)
            problems.append((docname, Problem(
                f"the slug {quoted(slug)} is already used by {others}; every summary needs its own "
                "file name: rename this file")))
    for group in by_title.values():
        for summary in group[1:] if len(group) > 1 else ():
            others = ", ".join(s.docname for s in group if s is not summary)
            problems.append((summary.docname, Problem(
                f"the title {quoted(summary.title)} is already the title of {others}; give each "
                "summary its own title",
                lines.get(summary.docname, {}).get("title"))))
    return problems


def missing_review_problems(summaries: Iterable[Summary], keys: Iterable[str],
                            bibnames: str, lines: FieldLines) -> list[Located]:
    """Summaries whose ``reviews`` key is not in the bibliography (keys ignore case)."""
    known = {key.casefold() for key in keys}
    return [(summary.docname, Problem(
        f"reviewed article {quoted(summary.reviews)} is not in {bibnames}; add its entry there "
        "or correct the key 'reviews'", lines.get(summary.docname, {}).get("reviews")))
        for summary in sorted(summaries, key=lambda s: s.docname)
        if summary.reviews.casefold() not in known]
