"""Makefile arguments never run a command, and never reach a shell command line.

Each value a contributor (or a script) gives a target is tried with a shell
or make injection that would create a marker file: the target refuses the
value with one message, the marker never appears, and the published archive
of the shared built copy is untouched (every case is refused before building).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import NamedTuple

import pytest

from hostile import make, no_traceback, snapshot


class Argument(NamedTuple):
    args: tuple[str, ...]
    fragment: str  # the one message


def marker(name: str) -> str:
    return f"/tmp/hostile-argument-{os.getpid()}-{name}"


ARGUMENTS = {
    "collection-title-quote": Argument(
        ("collection", 'TITLE=x"; touch {m}; echo "', "TOPICS=nope"), "unknown topic 'nope'"),
    "collection-title-make-function": Argument(
        ("collection", "TITLE=$(shell touch {m})", "TOPICS=nope"), "unknown topic 'nope'"),
    "collection-subtitle-backticks": Argument(
        ("collection", "TITLE=t", "SUBTITLE=`touch {m}`", "TOPICS=nope"), "unknown topic"),
    "collection-topics-subshell": Argument(
        ("collection", "TITLE=t", "TOPICS=$$(touch {m})"), "unknown topic '$$(touch'"),
    "collection-since-semicolon": Argument(
        ("collection", "TITLE=t", "SINCE=2019-01; touch {m}"), "which is not a month"),
    "collection-summaries-path": Argument(
        ("collection", "TITLE=t", "SUMMARIES=../../../../etc/passwd;touch {m}"),
        "unknown summary"),
    "import-source-quote": Argument(("import", 'SOURCE=x"; touch {m}; echo "'),
                                    "no such file or folder"),
    "import-author-make-function": Argument(
        ("import", "SOURCE=missing-{name}", "AUTHOR=$(shell touch {m})"),
        "no such file or folder"),
    "new-title-make-function": Argument(
        ("new", "TITLE=$(shell touch {m})", "MONTH=2021-13", "AUTHOR=A", "TOPICS=empathy",
         "TYPE=meta-analysis", "KEY=k2021"), "has month 13"),
    "html-jobs-semicolon": Argument(("html", "JOBS=2; touch {m}"),
                                    "is not a number of processes"),
    "pdf-jobs-and": Argument(("pdf", "JOBS=1 && touch {m}"), "is not a number of processes"),
    "html-sphinxopts-command": Argument(("html", "SPHINXOPTS=; touch {m}"),
                                        "is not an option of sphinx-build"),
    "html-sphinxopts-other-conf": Argument(("html", "SPHINXOPTS=-c /tmp"),
                                           "-c is set by make html itself"),
    "serve-port-command": Argument(("serve", "SERVE_PORT=8000; touch {m}"),
                                   "invalid int value"),
    "bench-args-command": Argument(("bench", "BENCH_ARGS=--sizes 1; touch {m}"),
                                   "invalid int value"),
    "builddir-command": Argument(("html", "BUILDDIR=_build;touch {m}"),
                                 "BUILDDIR may hold only letters"),
}


@pytest.mark.parametrize("name", ARGUMENTS)
def test_a_makefile_argument_never_runs_a_command(published, name):
    case = ARGUMENTS[name]
    made = Path(marker(name))
    made.unlink(missing_ok=True)
    sources, before = snapshot(published / "docs"), snapshot(published / "_build/html")
    result = make(published, *(arg.format(m=made, name=name) for arg in case.args),
                  timeout=120)
    assert result.returncode != 0
    assert not made.exists(), f"{name} ran a command"
    no_traceback(result.stdout, result.stderr)
    said = [line for line in result.stderr.splitlines()
            if case.fragment in line and not line.startswith("make: ***")]
    assert len(said) == 1, result.stderr[-2000:]
    assert snapshot(published / "_build/html") == before
    assert snapshot(published / "docs") == sources  # make new and make import wrote nothing
