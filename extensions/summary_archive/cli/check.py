"""``make check``: validate every summary and the bibliography without a build.

Runs the build's own pure checks (front matter, vocabulary, placeholders,
duplicates, reviewed keys, the bibliography) straight from the files, in a
second or two, and reports every problem at once, one line each::

    docs/2021/07/x.md:5: error: unknown topic 'aliance'; did you mean ...?

Review items (``needs_review``) are listed apart and do not fail the check.
Exit status: 0 when there is no error, 1 when there are errors, 2 when the
check could not run (no conf.py).

Usage: archive-check [SOURCE_FOLDER] [-c CONF_FOLDER]
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import NamedTuple

from ..citations.bibliography import bibliography_problems
from ..core.crosscheck import duplicate_problems, missing_review_problems
from ..core.project import project_files
from ..core.review import review_items
from ..core.summaries import read_summaries
from ..core.vocabulary import VocabularyError, load_vocabulary
from .output import shown


class Finding(NamedTuple):
    path: Path
    line: int | None
    message: str


class Report(NamedTuple):
    summaries: int
    errors: list[Finding]
    reviews: list[Finding]


def check_archive(srcdir: Path, confdir: Path, today: dt.date) -> Report:
    files = project_files(srcdir, confdir)
    errors: list[Finding] = []
    reviews: list[Finding] = []
    try:
        vocabulary = load_vocabulary(files.vocabulary)
    except VocabularyError as error:
        return Report(0, [Finding(files.vocabulary, None, str(error))], [])

    pages = read_summaries(srcdir, vocabulary, today)
    summaries, lines = [], {}
    for page in pages:
        errors += [Finding(page.path, problem.line, problem.message) for problem in page.problems]
        if page.front is not None:
            reviews += [Finding(page.path, item.line, item.message)
                        for item in review_items(page.front)]
        if page.summary is not None:
            summaries.append(page.summary)
            lines[page.docname] = page.front.lines
    if not pages:
        errors.append(Finding(srcdir, None, "no summary pages found: summaries live at "
                              f"{srcdir}/<yyyy>/<mm>/<slug>.md (`make new` creates one)"))

    keys: set[str] = set()
    for bibpath in files.bibfiles:
        found, problems = bibliography_problems(bibpath)
        keys |= found
        errors += [Finding(bibpath, problem.line, problem.message) for problem in problems]
    bibnames = ", ".join(path.name for path in files.bibfiles)
    paths = {page.docname: page.path for page in pages}
    for docname, problem in [*duplicate_problems(summaries, lines),
                             *missing_review_problems(summaries, keys, bibnames, lines)]:
        errors.append(Finding(paths[docname], problem.line, problem.message))
    return Report(len(pages), errors, reviews)


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
