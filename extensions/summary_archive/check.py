"""``make check``: validate every summary and the bibliography without a build.

Runs the build's own pure checks (front matter, vocabulary, placeholders,
duplicates, reviewed keys, the bibliography) straight from the files, in a
second or two, and reports every problem at once, one line each::

    docs/2021/07/x.md:5: error: unknown topic 'aliance'; did you mean ...?

Review items (``needs_review``) are listed apart and do not fail the check.
Exit status: 0 when there is no error, 1 when there are errors, 2 when the
check could not run (no conf.py).

Usage: python -m summary_archive.check [SOURCE_FOLDER] [-c CONF_FOLDER]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import runpy
import sys
from pathlib import Path
from typing import NamedTuple

from . import frontmatter
from .bibliography import bibliography_problems
from .crosscheck import duplicate_problems, missing_review_problems
from .model import Problem, in_month_folder_shape, summary_from_front_matter
from .review import review_items
from .sources import read_page
from .template import leftover_placeholders
from .vocabulary import VocabularyError, load_vocabulary

SUMMARY_GLOB = "[0-9][0-9][0-9][0-9]/[0-9][0-9]/*.md"


class Finding(NamedTuple):
    path: Path
    line: int | None
    message: str


class Report(NamedTuple):
    summaries: int
    errors: list[Finding]
    reviews: list[Finding]


def summary_paths(srcdir: Path) -> list[tuple[str, Path]]:
    """Every page in a month-shaped folder, as (docname, path), like the build sees them."""
    found = []
    for path in sorted(srcdir.glob(SUMMARY_GLOB)):
        docname = path.relative_to(srcdir).with_suffix("").as_posix()
        if in_month_folder_shape(docname):
            found.append((docname, path))
    return found


def read_conf(confdir: Path) -> dict:
    """conf.py's settings, read the way Sphinx reads them (by running it)."""
    return runpy.run_path(str(confdir / "conf.py"))


def check_archive(srcdir: Path, confdir: Path, today: dt.date) -> Report:
    conf = read_conf(confdir)
    errors: list[Finding] = []
    reviews: list[Finding] = []
    vocabulary_path = srcdir / conf.get("archive_vocabulary", "_data/vocabulary.yml")
    try:
        vocabulary = load_vocabulary(vocabulary_path)
    except VocabularyError as error:
        return Report(0, [Finding(vocabulary_path, None, str(error))], [])

    pages = summary_paths(srcdir)
    paths = dict(pages)
    summaries, lines = [], {}
    for docname, path in pages:
        text, problem = read_page(path)
        if problem:
            errors.append(Finding(path, problem.line, problem.message))
            continue
        front = frontmatter.parse(text)
        summary, problems = summary_from_front_matter(docname, front, vocabulary, today)
        for problem in [*problems, *leftover_placeholders(text)]:
            errors.append(Finding(path, problem.line, problem.message))
        reviews += [Finding(path, item.line, item.message) for item in review_items(front)]
        if summary is not None:
            summaries.append(summary)
            lines[docname] = front.lines
    if not pages:
        errors.append(Finding(srcdir, None, "no summary pages found: summaries live at "
                              f"{srcdir}/<yyyy>/<mm>/<slug>.md (`make new` creates one)"))

    bibpaths = [confdir / name for name in conf.get("bibtex_bibfiles", [])]
    keys: set[str] = set()
    for bibpath in bibpaths:
        found, problems = bibliography_problems(bibpath)
        keys |= found
        errors += [Finding(bibpath, problem.line, problem.message) for problem in problems]
    bibnames = ", ".join(path.name for path in bibpaths)
    for docname, problem in [*duplicate_problems(summaries, lines),
                             *missing_review_problems(summaries, keys, bibnames, lines)]:
        errors.append(Finding(paths[docname], problem.line, problem.message))
    return Report(len(pages), errors, reviews)


def shown(path: Path) -> str:
    """A path as a person typed it: relative to here when it is below here."""
    relative = os.path.relpath(path)
    return str(path) if relative.startswith("..") else relative


def format_finding(finding: Finding, kind: str) -> str:
    where = f"{shown(finding.path)}:{finding.line}" if finding.line else shown(finding.path)
    return f"{where}: {kind}: {finding.message}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="make check", description=__doc__.split("\n\n")[0])
    parser.add_argument("srcdir", nargs="?", default="docs", type=Path,
                        help="the Sphinx source folder (default: docs)")
    parser.add_argument("-c", dest="confdir", type=Path, default=None,
                        help="the folder holding conf.py (default: the source folder)")
    args = parser.parse_args(argv)
    confdir = args.confdir or args.srcdir
    if not (confdir / "conf.py").is_file():
        print(f"{shown(confdir)}: error: no conf.py here; run `make check` from the "
              "archive's top folder", file=sys.stderr)
        return 2

    report = check_archive(args.srcdir, confdir, dt.date.today())
    order = lambda finding: (str(finding.path), finding.line or 0)  # noqa: E731
    for finding in sorted(report.errors, key=order):
        print(format_finding(finding, "error"))
    if report.reviews:
        print(f"\nTo confirm ({len(report.reviews)}): values the importer proposed; "
              "these do not fail the check.")
        for finding in sorted(report.reviews, key=order):
            print(format_finding(finding, "review"))
    files = len({finding.path for finding in report.errors})
    verdict = (f"{len(report.errors)} problem(s) in {files} file(s)" if report.errors
               else "no problems")
    print(f"\nChecked {report.summaries} summaries and the bibliography: {verdict}.")
    return 1 if report.errors else 0


if __name__ == "__main__":
    sys.exit(main())
