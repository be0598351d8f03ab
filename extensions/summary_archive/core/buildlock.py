"""One build at a time in a build folder, and files published whole.

``make html`` and ``make pdf`` both write into ``_build/``: two at once would
delete each other's work. Each takes ``build_lock`` first; a second one says
which build is running and waits for it. ``publish_file`` writes beside the
target and renames into place, so a reader (or a full disk) never sees half
a file.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import sys
from collections.abc import Iterator
from pathlib import Path

LOCK_NAME = ".build.lock"


@contextlib.contextmanager
def build_lock(builddir: Path, what: str) -> Iterator[None]:
    """Hold the build folder's lock; wait (saying so) while another build holds it."""
    builddir.mkdir(parents=True, exist_ok=True)
    with open(builddir / LOCK_NAME, "a+", encoding="utf-8") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "another build"
            print(f"{holder} is running in {builddir}/; waiting for it to finish...",
                  file=sys.stderr, flush=True)
            fcntl.flock(handle, fcntl.LOCK_EX)
        handle.seek(0)
        handle.truncate()
        handle.write(f"{what} (process {os.getpid()})\n")
        handle.flush()
        try:
            yield
        finally:
            handle.seek(0)
            handle.truncate()
            handle.flush()
            fcntl.flock(handle, fcntl.LOCK_UN)


def publish_file(source: Path, target: Path) -> None:
    """Copy ``source`` to ``target`` whole: written beside it, then renamed over it."""
    partial = target.with_name(f".{target.name}.partial")
    try:
        with open(source, "rb") as reader, open(partial, "wb") as writer:
            while chunk := reader.read(1 << 20):
                writer.write(chunk)
            writer.flush()
            os.fsync(writer.fileno())
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)


def publish_text(text: str, target: Path) -> bool:
    """Write ``text`` to ``target`` whole, unless it already holds it; True if written."""
    if target.is_file() and target.read_text(encoding="utf-8") == text:
        return False
    partial = target.with_name(f".{target.name}.partial")
    try:
        partial.write_text(text, encoding="utf-8")
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)
    return True
