"""The bibliography's text with entries added or replaced, everything else as it was.

Pure functions over the file's text. New entries go at the end; an entry the
importer updates is replaced where it stands, so the file's other entries,
comments and layout are kept byte for byte. pybtex writes the entries.
"""

from __future__ import annotations

import re

from pybtex.database import Entry

from .bibentry import entries_text

ENTRY_AT = re.compile(r"^[ \t]*@[ \t]*(\w+)[ \t]*([{(])[ \t]*([^,\s]*)", re.MULTILINE)
CLOSING = {"{": "}", "(": ")"}


def entry_span(text: str, key: str) -> tuple[int, int] | None:
    """Where the entry ``key`` starts (its '@') and ends (after its closing brace)."""
    for match in ENTRY_AT.finditer(text):
        if match[1].lower() in ("comment", "preamble", "string") or \
                match[3].lower() != key.lower():
            continue
        opening, depth = match[2], 0
        for position in range(match.start(2), len(text)):
            character = text[position]
            if character == opening or (opening == "(" and character == "{"):
                depth += 1
            elif character == CLOSING[opening] or (opening == "(" and character == "}"):
                depth -= 1
                if depth == 0:
                    return match.start(), position + 1
        return None
    return None


def updated_text(text: str, updates: dict[str, Entry], new: dict[str, Entry]) -> str:
    """``text`` with each entry of ``updates`` replaced in place and ``new`` appended."""
    for key, entry in updates.items():
        span = entry_span(text, key)
        if span is None:
            raise ValueError(f"the entry {key} is no longer in the bibliography")
        written = entries_text({key: entry}).strip("\n")
        text = text[:span[0]] + written + text[span[1]:]
    if new:
        text = text + ("" if text.endswith("\n") or not text else "\n") + "\n" \
            + entries_text(new)
    return text
