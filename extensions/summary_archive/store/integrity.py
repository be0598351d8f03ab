"""A damaged saved build is rebuilt, with one line saying so, never a crash.

Sphinx keeps each page's doctree as a pickle between builds and reads it back
when it writes the page; a truncated one (a full disk, a killed build) made
every later build crash until ``make clean``. Before reading, each saved
doctree of a page that will not be read again is checked (cheaply: a pickle
starts with its protocol and ends with STOP); a damaged one is read again.
A saved environment that cannot be loaded makes Sphinx start afresh; we say
so on one line, even in a quiet build.
"""

from __future__ import annotations

import sys
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

PICKLE_START, PICKLE_STOP = 0x80, b"."


def intact(path: Path) -> bool:
    try:
        with open(path, "rb") as handle:
            head = handle.read(2)
            if len(head) < 2 or head[0] != PICKLE_START:
                return False
            handle.seek(-1, 2)
            return handle.read(1) == PICKLE_STOP
    except OSError:
        return False


def say(message: str) -> None:
    print(f"archive: {message}", file=sys.stderr, flush=True)


def reread_damaged(app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str],
                   removed: set[str]) -> list[str]:
    """env-get-outdated: the pages whose saved doctree is damaged, to read again."""
    kept = env.all_docs.keys() - added - changed - removed
    damaged = sorted(docname for docname in kept
                     if not intact(Path(env.doctreedir, f"{docname}.doctree")))
    if damaged:
        shown = ", ".join(damaged[:3]) + (f" and {len(damaged) - 3} more" if len(damaged) > 3
                                          else "")
        say(f"the saved doctree of {shown} was damaged; reading "
            f"{'it' if len(damaged) == 1 else 'them'} again")
    return damaged


def note_fresh_environment(app: Sphinx) -> None:
    """builder-inited: say why a saved environment was not used."""
    saved = Path(app.doctreedir, "environment.pickle")
    if app.fresh_env_used and saved.exists() and not getattr(app, "freshenv", False):
        say(f"the saved environment {saved} could not be used (damaged, or saved by another "
            "version of the archive's code); building every page afresh")


def setup_integrity(app: Sphinx) -> None:
    app.connect("builder-inited", note_fresh_environment, priority=100)
    app.connect("env-get-outdated", reread_damaged)
