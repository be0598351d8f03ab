"""Where the archive's files live, for the commands that run without Sphinx.

The build takes these paths from its configuration; ``make check``, ``make
new``, the importer and the PDF build read the same settings from ``conf.py``
here, so every tool looks in the same places.
"""

from __future__ import annotations

import runpy
from dataclasses import dataclass
from pathlib import Path

# Relative to the source folder (docs/); conf.py may name others.
VOCABULARY = "_data/vocabulary.yml"
MONTH_INTROS = "_data/months.yml"
COLLECTIONS = "_data/collections.yml"
BIBLIOGRAPHY = "references.bib"  # relative to the folder holding conf.py


@dataclass(frozen=True)
class Project:
    srcdir: Path
    confdir: Path
    vocabulary: Path
    month_intros: Path
    collections: Path
    bibfiles: tuple[Path, ...]
    # html_static_path, html_extra_path and templates_path: copied into the site
    static: tuple[Path, ...] = ()
    myst_extensions: frozenset[str] = frozenset()  # myst_enable_extensions


def read_conf(confdir: Path) -> dict:
    """conf.py's settings, read the way Sphinx reads them (by running it)."""
    return runpy.run_path(str(confdir / "conf.py"))


def project_files(srcdir: Path, confdir: Path, conf: dict | None = None) -> Project:
    """The archive's files as conf.py names them (or the defaults)."""
    conf = read_conf(confdir) if conf is None else conf
    return Project(
        srcdir=srcdir, confdir=confdir,
        vocabulary=srcdir / conf.get("archive_vocabulary", VOCABULARY),
        month_intros=srcdir / conf.get("archive_month_intros", MONTH_INTROS),
        collections=srcdir / conf.get("archive_collections", COLLECTIONS),
        bibfiles=tuple(confdir / name for name in conf.get("bibtex_bibfiles", [BIBLIOGRAPHY])),
        static=tuple(confdir / name for setting in ("html_static_path", "html_extra_path",
                                                    "templates_path")
                     for name in conf.get(setting, [])),
        myst_extensions=frozenset(conf.get("myst_enable_extensions", ())))
