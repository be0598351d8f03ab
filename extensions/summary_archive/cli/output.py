"""How the contributor commands name files in their messages."""

from __future__ import annotations

import os
from pathlib import Path


def shown(path: Path) -> str:
    """A path as a person typed it: relative to here when it is below here."""
    relative = os.path.relpath(path)
    return str(path) if relative.startswith("..") else relative
