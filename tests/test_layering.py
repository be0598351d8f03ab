"""The extension's layering, as declared for import-linter in pyproject.toml.

`lint-imports` must pass on the package as it is, and must fail when a pure
module imports Sphinx or a lower layer imports a higher one (checked on a
copy of the package, so the real one is never touched).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
LINT_IMPORTS = str(Path(sys.executable).parent / "lint-imports")


def lint_imports(project: Path) -> subprocess.CompletedProcess:
    """`lint-imports` on the package under ``project/extensions`` (no cache)."""
    env = {**os.environ, "PYTHONPATH": str(project / "extensions")}
    return subprocess.run([LINT_IMPORTS, "--no-cache", "--config", str(project / "pyproject.toml")],
                          cwd=project, env=env, capture_output=True, text=True)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    shutil.copy(REPO / "pyproject.toml", tmp_path / "pyproject.toml")
    shutil.copytree(REPO / "extensions", tmp_path / "extensions",
                    ignore=shutil.ignore_patterns("__pycache__"))
    return tmp_path


def test_the_layering_holds():
    result = lint_imports(REPO)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "3 kept, 0 broken" in result.stdout


@pytest.mark.parametrize(("module", "line", "broken"), [
    ("core/model.py", "import sphinx", "The pure model and citations never import Sphinx"),
    ("citations/engine.py", "from docutils import nodes", "never import Sphinx or docutils"),
    ("core/catalogue.py", "from ..store import domain", "Outputs on top"),
    ("web/feeds.py", "from ..pdf import layout", "Outputs on top"),
    ("cli/check.py", "from ..views import render", "The contributor commands"),
])
def test_a_wrong_import_breaks_a_contract(project: Path, module: str, line: str, broken: str):
    path = project / "extensions" / "summary_archive" / module
    text = path.read_text(encoding="utf-8")
    marker = "from __future__ import annotations\n"
    path.write_text(text.replace(marker, marker + line + "\n", 1), encoding="utf-8")
    result = lint_imports(project)
    assert result.returncode != 0
    assert broken in result.stdout and "BROKEN" in result.stdout
