"""One copy of the repository, built as a contributor builds it, shared by the
adversarial suites: each clones it (`clone`) and plants its hostile inputs in
its own copy, so the good build is made once for all of them."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from hostile import copy_repository, fake_downloads, make


@pytest.fixture(scope="session")
def published(tmp_path_factory) -> Path:
    """The repository with its archive built (`make html`) and PDFs published.
    Never edit it: clone it."""
    repo = copy_repository(tmp_path_factory.mktemp("published") / "repo")
    result = make(repo, "html")
    assert result.returncode == 0, result.stderr[-3000:]
    fake_downloads(repo / "_build/html")
    return repo


@pytest.fixture(scope="module")
def clone(published, tmp_path_factory):
    """Copy the published repository (sources and build) into a fresh folder."""

    def copy(name: str) -> Path:
        target = tmp_path_factory.mktemp(name) / "repo"
        subprocess.run(["cp", "-a", "--", str(published), str(target)], check=True)
        return target

    return copy
