"""Reading a summary page's file: size and encoding, before anything parses it.

Pure functions: ``make check`` reads files through them, and the Sphinx build
applies the same size limit to the text it is given.
"""

from __future__ import annotations

from pathlib import Path

from .problem import Problem

# A summary is a few kilobytes; a file this large is a mistake (a pasted PDF,
# a log), and parsing it would only slow everyone down.
MAX_PAGE_BYTES = 1_000_000


def size_problem(size: int) -> Problem | None:
    if size <= MAX_PAGE_BYTES:
        return None
    return Problem(f"the file is {size / 1e6:.1f} MB; a summary page is a few kB of text and "
                   f"at most {MAX_PAGE_BYTES / 1e6:.0f} MB is allowed. Was something pasted "
                   "into it by mistake?", 1)


def decode(data: bytes) -> tuple[str | None, Problem | None]:
    """The file's text, or why it cannot be read as UTF-8 (with its line)."""
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as error:
        line = data[:error.start].count(b"\n") + 1
        column = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        byte = data[error.start:error.start + 1].hex()
        return None, Problem(f"the file is not UTF-8 text (byte 0x{byte} at column {column}); "
                             "save it with UTF-8 encoding in your editor", line)


def read_page(path: Path) -> tuple[str | None, Problem | None]:
    """A page's text, or the one problem that keeps it from being read."""
    try:
        size = path.stat().st_size
    except OSError as error:
        return None, Problem(f"the file cannot be read ({error.strerror})")
    too_big = size_problem(size)
    if too_big:
        return None, too_big
    if size == 0:
        return None, Problem("the file is empty; a summary starts with its front matter "
                             "(run `make new` to get a complete template)", 1)
    return decode(path.read_bytes())
