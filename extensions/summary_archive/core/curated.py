"""The curated collections file (``_data/collections.yml``) and the plan of PDFs.

Pure: the PDF build and ``make check`` both plan the standard PDFs and the
curated ones here, and word each broken collection the same way, at the line
of its entry in the file.
"""

from __future__ import annotations

from pathlib import Path

from .datafiles import item_lines, read_yaml
from .model import Summary
from .problem import Problem
from .selection import Collection, SelectionError, declared_collections
from .standard_pdfs import handout_collections, standard_collections
from .vocabulary import Vocabulary


def plan_collections(summaries: list[Summary], vocabulary: Vocabulary,
                     declared: object, declared_source: str) -> list[Collection]:
    """The standard PDFs, the handouts and the curated ones; raises SelectionError."""
    standard = standard_collections(summaries, vocabulary) + handout_collections(summaries,
                                                                                 vocabulary)
    return standard + declared_collections(declared, summaries, vocabulary, declared_source,
                                           taken=(c.name for c in standard))


def selection_problems(error: SelectionError, path: Path) -> list[Problem]:
    """Each problem a SelectionError carries, at its line (the collection's entry,
    where the error names one)."""
    lines = None
    found = []
    for each in (error, *error.more):
        line = each.line
        if line is None and each.entry:
            lines = lines if lines is not None else item_lines(read_yaml(path).node,
                                                               "collections")
            line = lines[each.entry - 1] if each.entry <= len(lines) else None
        found.append(Problem(str(each).removeprefix(f"{path}: "), line))
    return found
