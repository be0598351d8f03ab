"""The source tree may hold no symbolic links.

A committed link can point anywhere on the machine that builds the archive
(``/proc/self/environ``, a private key): Sphinx would read it as a page or
copy it into the site as a static file. Pure: ``make check`` and the build
both refuse every link under the source folder and the static folders.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from .problem import Problem

LINK_PROBLEM = ("this is a symbolic link; the archive's sources must be ordinary files and folders "
                "(a link could publish any file of the machine that builds it): replace it "
                "with a copy of the file it points to")


def symlinks(folders: Iterable[Path]) -> list[Path]:
    """Every symbolic link at or under each folder (links are not followed).

    An output folder inside the source folder is walked too: a link committed
    there would be published with the site."""
    found: list[Path] = []
    for folder in folders:
        if folder.is_symlink():
            found.append(folder)
            continue
        pending = [os.fspath(folder)] if folder.is_dir() else []
        while pending:
            # scandir knows each entry's type from the directory listing itself:
            # no stat per file (a generated archive's source holds thousands).
            with os.scandir(pending.pop()) as entries:
                for entry in entries:
                    if entry.is_symlink():
                        found.append(Path(entry.path))
                    elif entry.is_dir():
                        pending.append(entry.path)
    return sorted(set(found))


def symlink_problems(folders: Iterable[Path]) -> list[tuple[Path, Problem]]:
    return [(path, Problem(LINK_PROBLEM)) for path in symlinks(folders)]
