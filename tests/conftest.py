"""Shared fixtures: Sphinx's own testing fixtures, and fresh copies of test roots.

Since Sphinx 8.2 a test root is used in place unless a test asks for a copy;
every test here builds in its own copy, because the extension writes the
navigation pages into the source folder and some tests edit sources.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "extensions"))

pytest_plugins = ["sphinx.testing.fixtures"]


@pytest.fixture(scope="session")
def rootdir() -> Path:
    return Path(__file__).resolve().parent / "roots"


@pytest.fixture
def copy_root(rootdir: Path, tmp_path: Path):
    """Copy ``tests/roots/test-<name>`` to a fresh folder and return its path."""

    def copy(name: str, folder: str = "src") -> Path:
        target = tmp_path / folder
        shutil.copytree(rootdir / f"test-{name}", target)
        return target

    return copy


@pytest.fixture
def built(make_app, copy_root):
    """The test archive (``tests/roots/test-archive``), built once without warnings."""
    app = make_app("html", srcdir=copy_root("archive"))
    app.build()
    assert app.warning.getvalue() == ""
    return app
