"""A copy of the repository's sources for tests that run the Makefile.

The copy shares the extension and the .venv (symlinks), so `make` targets run
exactly as a contributor runs them, without touching the real working tree.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
COPIED = ("conf.py", "Makefile", "pyproject.toml", "references.bib", "requirements.txt",
          "package.json", "package-lock.json",
          "scripts", "docs", ".github", ".readthedocs.yaml", ".pre-commit-config.yaml")


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """The repository's sources in a fresh folder, sharing its extension and .venv."""
    target = tmp_path / "repo"
    target.mkdir()
    for name in COPIED:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=shutil.ignore_patterns("_build"))
        else:
            shutil.copy2(source, target / name)
    (target / "extensions").symlink_to(REPO / "extensions")
    (target / ".venv").symlink_to(REPO / ".venv")
    (target / "node_modules").symlink_to(REPO / "node_modules")
    return target


# -o: the shared .venv and node_modules are ready; never rebuild them from the copy.
MAKE = ("make", "-s", "-o", ".venv/.ready", "-o", "node_modules/.ready")


# The address the copies are built for, as the Pages workflow builds the archive
# (without one a build has no sitemap and no feeds: see web/address.py).
PUBLISHED_AT = "https://pprnet-archive.example.org/"


def make_env() -> dict[str, str]:
    """This environment without an outer make's flags (pytest may run under make),
    building for ``PUBLISHED_AT`` unless an address is given."""
    env = {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MFLAGS")}
    env.setdefault("ARCHIVE_BASE_URL", PUBLISHED_AT)
    return env


def make(repo: Path, *args: str, timeout: int = 300) -> subprocess.CompletedProcess:
    return subprocess.run([*MAKE, *args], cwd=repo, env=make_env(),
                          capture_output=True, text=True, stdin=subprocess.DEVNULL,
                          timeout=timeout)


