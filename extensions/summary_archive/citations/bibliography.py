"""Reading ``references.bib`` with pybtex, turning its errors into sentences.

Pure functions, no Sphinx: the build (``store.bibcheck``) stops on the first problem
before sphinxcontrib-bibtex reads the file, and ``make check`` lists them all.
Each problem carries its line and names the entry it is in.
"""

from __future__ import annotations

import re
from pathlib import Path

from pybtex.database import BibliographyData
from pybtex.database.input.bibtex import Parser
from pybtex.exceptions import PybtexError

from ..core.model import Problem
from ..core.sources import decode

ENTRY_START = re.compile(r"^\s*@\s*(\w+)\s*[{(]\s*([^,\s]*)")
NOT_ENTRIES = ("comment", "preamble", "string")
CANNOT_READ = "the bibliography cannot be read"


def located(path: Path, problem: Problem) -> str:
    """``path:line: message``, the form the build prints."""
    return f"{path}:{problem.line}: {problem.message}" if problem.line \
        else f"{path}: {problem.message}"


def entry_before(lines: list[str], lineno: int, offset: int = 0) -> str:
    """The key and first line of the entry in which line ``lineno`` falls."""
    found = ""
    for number, line in enumerate(lines[:lineno], 1):
        match = ENTRY_START.match(line)
        if match and match[1].lower() not in NOT_ENTRIES:
            found = f" (in entry '{match[2]}', which starts at line {number + offset})"
    return found


def repeated_key(key: str, lines: list[int]) -> Problem:
    return Problem(f"{CANNOT_READ}: the key '{key}' is used by more than one entry (repeated, "
                   f"at lines {', '.join(map(str, lines))}); each entry needs its own key",
                   lines[-1] if lines else None)


def describe(text: str, error: PybtexError, offset: int = 0) -> Problem:
    """A pybtex error in ``text`` (which starts at line offset + 1) as a Problem."""
    lines = text.splitlines()
    message = str(error)
    repeated = re.search(r"repeated bibliography entry: (\S+)", message)
    if repeated:
        key = repeated[1]
        return repeated_key(key, [number + offset for number, line in enumerate(lines, 1)
                                  if (match := ENTRY_START.match(line))
                                  and match[2].casefold() == key.casefold()])
    lineno = getattr(error, "lineno", None)
    context = entry_before(lines, lineno, offset) if lineno else ""
    if "premature end of file" in message or "expected" in message:
        message += "; look for an unbalanced brace or quote"
    return Problem(f"{CANNOT_READ}{context}: {message}", lineno + offset if lineno else None)


def read_bibliography(path: Path) -> tuple[BibliographyData | None, Problem | None]:
    """The parsed bibliography, or its first problem."""
    text, problem = _read(path)
    if problem:
        return None, problem
    try:
        return Parser().parse_string(text), None
    except PybtexError as error:
        # Entry by entry, the problem is placed in the right entry (a brace left
        # open would otherwise be reported at the end of the file).
        problems = bibliography_problems(path)[1]
        return None, problems[0] if problems else describe(text, error)


def bibliography_problems(path: Path) -> tuple[set[str], list[Problem]]:
    """Every problem in the file, and the keys of all entries (readable or not).

    pybtex stops at its first error; to report them all, a file that fails is
    parsed again entry by entry (each entry starts with '@' at a line start),
    with the @string macros defined before it.
    """
    text, problem = _read(path)
    if problem:
        return set(), [problem]
    try:
        return set(Parser().parse_string(text).entries.keys()), []
    except PybtexError:
        pass
    lines = text.splitlines()
    starts = [n for n, line in enumerate(lines) if ENTRY_START.match(line)] or [0]
    first_line: dict[str, int] = {}
    macros = dict(Parser().macros)
    problems = []
    for start, end in zip(starts, [*starts[1:], len(lines)]):
        chunk = "\n".join(lines[start:end])
        match = ENTRY_START.match(lines[start])
        if match and match[1].lower() not in NOT_ENTRIES:
            key = match[2].casefold()
            if key in first_line:
                problems.append(repeated_key(match[2], [first_line[key], start + 1]))
                continue
            first_line[key] = start + 1
        parser = Parser(macros=macros)
        try:
            parser.parse_string(chunk)
        except PybtexError as error:
            problems.append(describe(chunk, error, offset=start))
        macros = parser.macros
    found = {match[2] for line in lines if (match := ENTRY_START.match(line))
             and match[1].lower() not in NOT_ENTRIES}
    return found, problems


def _read(path: Path) -> tuple[str, Problem | None]:
    try:
        data = path.read_bytes()
    except OSError as error:
        return "", Problem(f"{CANNOT_READ} ({error.strerror})")
    text, problem = decode(data)
    return text or "", problem
