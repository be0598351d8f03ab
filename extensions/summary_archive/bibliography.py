"""Reading ``references.bib`` with pybtex, turning its errors into sentences.

Pure functions, no Sphinx: the build (``bibcheck``) stops on the first problem
before sphinxcontrib-bibtex reads the file, and ``make check`` lists them all.
Each message names the file, the line and the entry the problem is in.
"""

from __future__ import annotations

import re
from pathlib import Path

from pybtex.database import BibliographyData, parse_string
from pybtex.exceptions import PybtexError

from .sources import decode

ENTRY_START = re.compile(r"^\s*@\s*(\w+)\s*[{(]\s*([^,\s]*)")
NOT_ENTRIES = ("comment", "preamble", "string")


def entry_before(lines: list[str], lineno: int) -> str:
    """The key and first line of the entry in which line ``lineno`` falls."""
    found = ""
    for number, line in enumerate(lines[:lineno], 1):
        match = ENTRY_START.match(line)
        if match and match[1].lower() not in NOT_ENTRIES:
            found = f" (in entry '{match[2]}', which starts at line {number})"
    return found


def key_lines(lines: list[str], key: str) -> list[int]:
    return [number for number, line in enumerate(lines, 1)
            if (match := ENTRY_START.match(line)) and match[2].casefold() == key.casefold()]


def describe(path: Path, text: str, error: PybtexError, offset: int = 0) -> str:
    """One sentence for a pybtex error in ``text`` (which starts at line offset + 1)."""
    lines = text.splitlines()
    lineno = getattr(error, "lineno", None)
    message = str(error)
    repeated = re.search(r"repeated bibliography entry: (\S+)", message)
    if repeated:
        key = repeated[1]
        found = [n + offset for n in key_lines(lines, key)]
        where = f"{path}:{found[-1]}" if found else str(path)
        return (f"{where}: the bibliography cannot be read: the key '{key}' is used by more "
                f"than one entry (repeated, at lines {', '.join(map(str, found))}); each entry "
                "needs its own key")
    where = f"{path}:{lineno + offset}" if lineno else str(path)
    context = entry_before(lines, lineno) if lineno else ""
    if offset and context:  # re-number the entry's line within the whole file
        context = re.sub(r"line (\d+)\)$", lambda m: f"line {int(m[1]) + offset})", context)
    if "premature end of file" in message or "expected" in message:
        message += "; look for an unbalanced brace or quote"
    return f"{where}: the bibliography cannot be read{context}: {message}"


def read_bibliography(path: Path) -> tuple[BibliographyData | None, str | None]:
    """The parsed bibliography, or the first problem as one located sentence."""
    text, problem = _read(path)
    if problem:
        return None, problem
    try:
        return parse_string(text, "bibtex"), None
    except PybtexError as error:
        # Entry by entry, the problem is placed in the right entry (a brace left
        # open would otherwise be reported at the end of the file).
        problems = bibliography_problems(path)[1]
        return None, problems[0] if problems else describe(path, text, error)


def bibliography_problems(path: Path) -> tuple[set[str], list[str]]:
    """Every problem in the file, and the keys of all entries (readable or not).

    pybtex stops at its first error; to report them all, a file that fails is
    parsed again entry by entry (each entry starts with '@' at a line start).
    """
    text, problem = _read(path)
    if problem:
        return set(), [problem]
    try:
        return set(parse_string(text, "bibtex").entries.keys()), []
    except PybtexError:
        pass
    lines = text.splitlines()
    starts = [n for n, line in enumerate(lines) if ENTRY_START.match(line)] or [0]
    keys: dict[str, int] = {}
    problems = []
    for start, end in zip(starts, [*starts[1:], len(lines)]):
        chunk = "\n".join(lines[start:end])
        match = ENTRY_START.match(lines[start])
        if match and match[1].lower() not in NOT_ENTRIES:
            key = match[2]
            if key.casefold() in keys:
                problems.append(f"{path}:{start + 1}: the bibliography cannot be read: the key "
                                f"'{key}' is used by more than one entry (repeated, at lines "
                                f"{keys[key.casefold()]}, {start + 1}); each entry needs its "
                                "own key")
                continue
            keys[key.casefold()] = start + 1
        try:
            parse_string(chunk, "bibtex")
        except PybtexError as error:
            problems.append(describe(path, chunk, error, offset=start))
    found = {match[2] for line in lines if (match := ENTRY_START.match(line))
             and match[1].lower() not in NOT_ENTRIES}
    return found, problems


def _read(path: Path) -> tuple[str, str | None]:
    try:
        data = path.read_bytes()
    except OSError as error:
        return "", f"{path}: the bibliography cannot be read ({error.strerror})"
    text, problem = decode(data)
    if problem:
        return "", f"{path}:{problem.line}: {problem.message}"
    return text, None
