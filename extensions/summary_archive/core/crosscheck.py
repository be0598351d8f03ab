"""Checks across summaries: each needs its own slug and title, a reviewed
article that is in the bibliography, and every work its text cites in the
bibliography too; and every entry of the bibliography is cited or reviewed.

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


# The archive's citation roles (views.cite_roles registers them, as MyST names them).
CITE_ROLES = frozenset({"cite", "cite:p", "cite:t"})
PageCites = Mapping[str, Iterable[tuple[tuple[str, ...], int | None]]]  # docname -> (keys, line)


def cited_keys_of(argument: str) -> tuple[str, ...]:
    """The keys of one citation role's text (``a, b``), as the role reads them."""
    return tuple(key.strip() for key in argument.split(",") if key.strip())


def missing_cite_message(key: str, bibnames: str) -> str:
    return f"cited work {key!r} is not in {bibnames}; add its entry there or correct the key"


def uncited_message(key: str) -> str:
    return (f"entry {key!r} is never cited or reviewed by any page; cite it or remove it "
            "from the bibliography")


def missing_cite_problems(cites: PageCites, keys: Iterable[str],
                          bibnames: str) -> list[Located]:
    """Each cited key that is not in the bibliography, at the page and line citing it."""
    known = {key.casefold() for key in keys}
    return [(docname, Problem(missing_cite_message(key, bibnames), line))
            for docname in sorted(cites) for cited, line in cites[docname]
            for key in cited if key.casefold() not in known]


def uncited_entries(keys: Iterable[str], summaries: Iterable[Summary],
                    cites: PageCites) -> list[str]:
    """The bibliography's keys no summary reviews and no page cites."""
    used = {summary.reviews.casefold() for summary in summaries}
    used |= {key.casefold() for records in cites.values() for cited, _line in records
             for key in cited}
    return [key for key in keys if key.casefold() not in used]
