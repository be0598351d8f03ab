"""One thing wrong with an input, worded for the person who wrote it."""

from __future__ import annotations

from typing import NamedTuple


class Problem(NamedTuple):
    """What is wrong and, where known, the line it is on."""

    message: str
    line: int | None = None
