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
    """Every symbolic link at or under each folder (links are not followed)."""
    found: list[Path] = []
    for folder in folders:
        if folder.is_symlink():
            found.append(folder)
            continue
        for root, dirs, files in os.walk(folder):
            for name in sorted(dirs + files):
                path = Path(root, name)
                if path.is_symlink():
                    found.append(path)
    return sorted(set(found))


def symlink_problems(folders: Iterable[Path]) -> list[tuple[Path, Problem]]:
    return [(path, Problem(LINK_PROBLEM)) for path in symlinks(folders)]
