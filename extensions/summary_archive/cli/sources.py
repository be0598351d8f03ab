"""What ``make check`` checks: everything the build validates, read from the files.

Each check is the build's own pure function; this module only finds the files
the build would read (every page Sphinx would read, the bibliography, the data
files, the static folders) and collects the problems, located.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from pathlib import Path
from typing import NamedTuple

from ..citations.bibliography import bibliography_problems, read_bibliography
from ..citations.hygiene import entry_lines, hygiene_problems, unreadable_problems
from ..core import frontmatter
from ..core.crosscheck import (CITE_ROLES, cited_keys_of, duplicate_problems,
                               missing_cite_problems, missing_review_problems, uncited_entries,
                               uncited_message)
from ..core.markdown import blocks
from ..core.datafiles import read_yaml
from ..core.intros import load_intros
from ..core.model import Summary, in_month_folder_shape
from ..core.policy import page_problems
from ..core.problem import Problem
from ..core.project import Project
from ..core.review import review_items
from ..core.curated import plan_collections, selection_problems
from ..core.selection import SelectionError
from ..core.sources import read_page
from ..core.summaries import read_summary
from ..core.tree import LINK_PROBLEM, symlinks
from ..core.vocabulary import Vocabulary, VocabularyError, load_vocabulary

# Never read as pages: the PDF build's generated roots (the HTML build excludes them).
GENERATED_ROOTS = ("_pdf", "_packet")


class Finding(NamedTuple):
    path: Path
    line: int | None
    message: str


class Report(NamedTuple):
    summaries: int
    errors: list[Finding]
    reviews: list[Finding]


def _pattern(glob: str) -> re.Pattern[str]:
    """A Sphinx exclude pattern: ``**`` crosses folders, ``*`` and ``?`` do not."""
    parts = re.split(r"(\*\*|\*|\?)", glob)
    table = {"**": ".*", "*": "[^/]*", "?": "[^/]"}
    return re.compile("".join(table.get(part, re.escape(part)) for part in parts))


def source_pages(srcdir: Path, excluded: Iterable[str], links: set[Path]
                 ) -> list[tuple[str, Path]]:
    """Every Markdown page Sphinx would read, as (docname, path), links left out."""
    globs = [*excluded, *GENERATED_ROOTS]
    patterns = [_pattern(g) for g in globs] + [_pattern(g[3:]) for g in globs
                                                if g.startswith("**/")]
    found = []
    for path in sorted(srcdir.rglob("*.md")):
        relative = path.relative_to(srcdir).as_posix()
        prefixes = ["/".join(relative.split("/")[:n]) for n in range(1, relative.count("/") + 2)]
        if any(p.fullmatch(prefix) for p in patterns for prefix in prefixes):
            continue
        if path in links or any(parent in links for parent in path.parents):
            continue  # reported as a link, never read
        found.append((relative.removesuffix(".md"), path))
    return found


def page_cites(text: str, extensions: frozenset[str]) -> list[tuple[tuple[str, ...], int]]:
    """The citations of a page's text, as the build's cite roles record them."""
    return [(cited_keys_of(item.argument), item.line) for item in blocks(text, extensions)
            if item.kind == "role" and item.name in CITE_ROLES]


def check_pages(files: Project, pages: list[tuple[str, Path]], vocabulary: Vocabulary | None,
                today: dt.date, report: Report
                ) -> tuple[list[Summary], dict[str, dict], dict[str, list]]:
    summaries, lines, cites = [], {}, {}
    for docname, path in pages:
        is_summary = in_month_folder_shape(docname)
        if is_summary and vocabulary is not None:
            page = read_summary(docname, path, vocabulary, today)
            text, front, problems = page.text, page.front, list(page.problems)
            if page.summary is not None:
                summaries.append(page.summary)
                lines[docname] = page.front.lines
            if front is not None:
                report.reviews.extend(Finding(path, item.line, item.message)
                                      for item in review_items(front))
        else:
            text, problem = read_page(path)
            problems = [problem] if problem else []
            front = frontmatter.parse(text) if text is not None else None
            if front is not None and front.present and front.error and not is_summary:
                problems.append(Problem(front.error, front.error_line))
        if text is not None and front is not None:
            problems += page_problems(text, front, docname, "summary" if is_summary else "page",
                                      files.myst_extensions)
            cites[docname] = page_cites(text, files.myst_extensions)
        report.errors.extend(Finding(path, p.line, p.message) for p in problems)
    return summaries, lines, cites


def check_bibliography(files: Project, report: Report) -> dict[str, tuple[Path, int | None]]:
    """Every entry's key, with its file and line; problems go to ``report``."""
    keys: dict[str, tuple[Path, int | None]] = {}
    for bibpath in files.bibfiles:
        if bibpath.is_symlink():
            continue  # reported as a link, never read
        found, problems = bibliography_problems(bibpath)
        text = bibpath.read_text(encoding="utf-8", errors="replace")  # read once, for lines
        starts = entry_lines(text)
        keys.update((key, (bibpath, starts.get(key.lower()))) for key in sorted(found))
        report.errors.extend(Finding(bibpath, p.line, p.message) for p in problems)
        if not problems:  # as in the build: hygiene once the file parses (so it is UTF-8)
            data, _ = read_bibliography(bibpath)
            report.errors.extend(Finding(bibpath, p.line, p.message)
                                 for _key, p in [*unreadable_problems(text, dict(data.entries)),
                                                 *hygiene_problems(text, dict(data.entries))])
    return keys


def check_collections(files: Project, summaries: list[Summary], vocabulary: Vocabulary,
                      report: Report) -> None:
    path = files.collections
    data, _node, problem = read_yaml(path)
    if problem:
        report.errors.append(Finding(path, problem.line, problem.message))
        return
    try:
        plan_collections(summaries, vocabulary, data, str(path))
    except SelectionError as error:
        report.errors.extend(Finding(path, problem.line, problem.message)
                             for problem in selection_problems(error, path))


def check_sources(files: Project, conf: dict, today: dt.date) -> Report:
    report = Report(0, [], [])
    links = symlinks([files.srcdir, *(p for p in files.static if p.exists() or p.is_symlink()),
                      *(p for p in files.bibfiles if p.is_symlink())])
    report.errors.extend(Finding(path, None, LINK_PROBLEM) for path in links)
    try:
        vocabulary = load_vocabulary(files.vocabulary)
    except VocabularyError as error:
        vocabulary = None
        report.errors.extend(Finding(Path(each.source), each.line, each.message)
                             for each in (error, *error.more))
    pages = source_pages(files.srcdir, conf.get("exclude_patterns", []), set(links))
    summaries, lines, cites = check_pages(files, pages, vocabulary, today, report)
    count = sum(1 for docname, _ in pages if in_month_folder_shape(docname))
    if not count:
        report.errors.append(Finding(files.srcdir, None, "no summary pages found: summaries "
                                     f"live at {files.srcdir}/<yyyy>/<mm>/<slug>.md "
                                     "(`make new` creates one)"))
    before = len(report.errors)
    keys = check_bibliography(files, report)
    bib_clean = len(report.errors) == before  # the build stops before citations otherwise
    bibnames = ", ".join(path.name for path in files.bibfiles)
    paths = dict(pages)
    for docname, problem in [*duplicate_problems(summaries, lines),
                             *missing_review_problems(summaries, keys, bibnames, lines),
                             *(missing_cite_problems(cites, keys, bibnames) if bib_clean else ())]:
        report.errors.append(Finding(paths[docname], problem.line, problem.message))
    if summaries and bib_clean:  # as in the build: once there are summaries
        for key in uncited_entries(keys, summaries, cites):
            report.errors.append(Finding(*keys[key], uncited_message(key)))
    _intros, problems = load_intros(files.month_intros)
    report.errors.extend(Finding(files.month_intros, p.line, p.message) for p in problems)
    if vocabulary is not None:
        check_collections(files, summaries, vocabulary, report)
    return report._replace(summaries=count)
