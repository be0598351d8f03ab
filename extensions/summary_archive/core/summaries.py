"""The one place that finds summary pages on disk and reads them.

Summaries live at ``<yyyy>/<mm>/<slug>.md`` under the source folder. The
Sphinx build is given each page by Sphinx; every other tool (``make check``,
``make new``, the PDF planner, the importer) finds and reads them here, with
the build's own pure checks, so all of them see the same pages alike.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import NamedTuple

from . import frontmatter
from .frontmatter import FrontMatter
from .model import Problem, Summary, in_month_folder_shape, summary_from_front_matter
from .sources import read_page
from .template import leftover_placeholders
from .vocabulary import Vocabulary

SUMMARY_GLOB = "[0-9][0-9][0-9][0-9]/[0-9][0-9]/*.md"


class SummaryFile(NamedTuple):
    """One page in a month folder, as read from disk."""

    docname: str
    path: Path
    text: str | None  # None when the file cannot be read as a page
    front: FrontMatter | None
    summary: Summary | None  # None when the page is not a complete, valid summary
    problems: list[Problem]


def summary_paths(srcdir: Path) -> list[tuple[str, Path]]:
    """Every page in a month-shaped folder, as (docname, path), like the build sees them."""
    found = []
    for path in sorted(srcdir.glob(SUMMARY_GLOB)):
        docname = path.relative_to(srcdir).with_suffix("").as_posix()
        if in_month_folder_shape(docname):
            found.append((docname, path))
    return found


def read_summary(docname: str, path: Path, vocabulary: Vocabulary,
                 today: dt.date) -> SummaryFile:
    text, problem = read_page(path)
    if problem:
        return SummaryFile(docname, path, None, None, None, [problem])
    front = frontmatter.parse(text)
    summary, problems = summary_from_front_matter(docname, front, vocabulary, today)
    return SummaryFile(docname, path, text, front, summary,
                       [*problems, *leftover_placeholders(text)])


def read_summaries(srcdir: Path, vocabulary: Vocabulary, today: dt.date) -> list[SummaryFile]:
    return [read_summary(docname, path, vocabulary, today)
            for docname, path in summary_paths(srcdir)]


def valid_summaries(srcdir: Path, vocabulary: Vocabulary, today: dt.date) -> list[Summary]:
    """Every valid summary; broken pages are left out (their checks report them)."""
    return [page.summary for page in read_summaries(srcdir, vocabulary, today)
            if page.summary is not None]
