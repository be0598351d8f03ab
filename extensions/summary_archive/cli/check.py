"""``make check``: the build's validation, straight from the files, in seconds.

Runs the build's own pure checks and reports every problem at once, one line
each, located at its file and line::

    docs/2021/07/x.md:5: error: unknown topic 'aliance'; did you mean ...?

What it checks is what the build checks (``sources``): every page against the
content policy, every summary's front matter, placeholders, duplicates and
reviewed keys, ``references.bib`` with its hygiene, ``vocabulary.yml``,
``months.yml``, ``collections.yml``, and that no source or static file is a
symbolic link. Review items (``needs_review``) are listed apart and do not
fail the check. Exit status: 0 when there is no error, 1 when there are
errors, 2 when the check could not run (no conf.py).

Usage: archive-check [SOURCE_FOLDER] [-c CONF_FOLDER]
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from ..core.project import project_files, read_conf
from ..core.quoting import one_line
from .output import shown
from .sources import Finding, Report, check_sources

__all__ = ["Finding", "Report", "check_archive", "main"]


def check_archive(srcdir: Path, confdir: Path, today: dt.date) -> Report:
    conf = read_conf(confdir)
    return check_sources(project_files(srcdir, confdir, conf), conf, today)


def format_finding(finding: Finding, kind: str) -> str:
    where = f"{shown(finding.path)}:{finding.line}" if finding.line else shown(finding.path)
    return f"{where}: {kind}: {one_line(finding.message)}"


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
