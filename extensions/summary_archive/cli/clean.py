"""``archive-clean-pages SOURCE_FOLDER``: remove the generated navigation pages
(``make clean``); hand-written pages at those paths are left alone."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..core.navigation import sync_pages


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="archive-clean-pages", description=__doc__)
    parser.add_argument("srcdir", type=Path, help="the Sphinx source folder (docs)")
    args = parser.parse_args(argv)
    _, removed, _ = sync_pages(args.srcdir, {})
    print(f"removed {len(removed)} generated page(s)")
    return 0
