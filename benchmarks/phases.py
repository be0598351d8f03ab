"""Where a build's main process spends its time: sphinx-build with phase timers.

With ``-j 2`` Sphinx reads and writes pages in forked workers, but resolves
every doctree (post-transforms), indexes it for search and runs the build-wide
events in the main process; this runs ``sphinx-build`` with timers on those
phases, on each event, and on each transform applied in the main process, and
prints the seconds of each when the build ends (main process only: a worker's
time is its own). Wall-clock seconds, so compare phases within one run.

Usage: python benchmarks/phases.py -b html -q -j 2 -W --keep-going -n SRC OUT
(any sphinx-build arguments; ``benchmarks/generate.py N SRC`` makes SRC).
"""

from __future__ import annotations

import atexit
import os
import sys
import time
from collections import defaultdict
from pathlib import Path

import docutils.transforms
from sphinx.builders import Builder
from sphinx.builders.html import StandaloneHTMLBuilder
from sphinx.cmd.build import main
from sphinx.environment import BuildEnvironment
from sphinx.events import EventManager
from sphinx.search import IndexBuilder

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "extensions"))

SECONDS: defaultdict[str, float] = defaultdict(float)
CALLS: defaultdict[str, int] = defaultdict(int)
MAIN = os.getpid()


def note(label: str, start: float) -> None:
    if os.getpid() == MAIN:
        SECONDS[label] += time.perf_counter() - start
        CALLS[label] += 1


def timed(owner: type, name: str) -> None:
    function = getattr(owner, name)
    label = f"{owner.__name__}.{name}"

    def wrapper(*args, **kwargs):
        start = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            note(label, start)

    setattr(owner, name, wrapper)


def emit(self, name, *args, _emit=EventManager.emit, **kwargs):
    start = time.perf_counter()
    try:
        return _emit(self, name, *args, **kwargs)
    finally:
        note(f"event {name}", start)


def apply_transforms(self) -> None:
    """docutils' Transformer.apply_transforms, with each transform timed."""
    self.document.reporter.attach_observer(self.document.note_transform_message)
    while self.transforms:
        if not self.sorted:
            self.transforms.sort(reverse=True)
            self.sorted = 1
        priority, transform_class, pending, kwargs = self.transforms.pop()
        start = time.perf_counter()
        transform_class(self.document, startnode=pending).apply(**kwargs)
        note(f"transform {transform_class.__module__.split('.')[0]}."
             f"{transform_class.__name__}", start)
        self.applied.append((priority, transform_class, pending, kwargs))


def report() -> None:
    if os.getpid() != MAIN:
        return
    print(f"\n{'phase (main process)':<60} {'seconds':>9} {'calls':>7}", file=sys.stderr)
    for label, seconds in sorted(SECONDS.items(), key=lambda item: -item[1]):
        if seconds >= 0.01:
            print(f"{label:<60} {seconds:9.2f} {CALLS[label]:7d}", file=sys.stderr)


if __name__ == "__main__":
    for owner, name in ((BuildEnvironment, "get_and_resolve_doctree"),
                        (BuildEnvironment, "get_doctree"),
                        (StandaloneHTMLBuilder, "write_doc_serialized"),
                        (StandaloneHTMLBuilder, "write_doc"),
                        (StandaloneHTMLBuilder, "handle_page"),
                        (StandaloneHTMLBuilder, "finish"),
                        (StandaloneHTMLBuilder, "dump_search_index"),
                        (Builder, "read"), (Builder, "write"), (Builder, "build"),
                        (IndexBuilder, "feed")):
        timed(owner, name)
    EventManager.emit = emit
    docutils.transforms.Transformer.apply_transforms = apply_transforms
    atexit.register(report)
    start = time.perf_counter()
    status = main(sys.argv[1:])
    SECONDS["the whole build"] = time.perf_counter() - start
    sys.exit(status)
