"""Quoting a contributor's value in a message: bounded, on one line, inert.

A message names the bad value, but the value comes from the contributor: a
title pasted twice over, a list of a thousand items, a terminal escape code.
``quoted`` shows at most a line of it; ``one_line`` bounds a whole message
and makes every control character visible before it is printed.
"""

from __future__ import annotations

import reprlib
import unicodedata

MAX_QUOTED = 60  # characters of a quoted string, about half a terminal line
MAX_MESSAGE = 2000  # a message with its list of allowed values fits easily

_repr = reprlib.Repr()  # Python 3.11's takes no keyword arguments
_repr.maxlevel = 2
_repr.maxdict = _repr.maxlist = _repr.maxtuple = _repr.maxset = _repr.maxfrozenset = 4
_repr.maxstring = _repr.maxother = _repr.maxlong = MAX_QUOTED


def quoted(value: object) -> str:
    """``repr(value)``, cut to about a line: long strings keep their two ends."""
    return _repr.repr(value)


def is_control(char: str) -> bool:
    """A character that moves the cursor, ends a line or is invisible by design."""
    return unicodedata.category(char) in ("Cc", "Zl", "Zp") or char in "\u200e\u200f\u202a" \
        "\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"


def first_control(text: str) -> str | None:
    """The first control character in ``text`` (newlines and tabs included), or None."""
    return next((char for char in text if is_control(char)), None)


def codepoint(char: str) -> str:
    return f"U+{ord(char):04X}"


def one_line(message: str) -> str:
    """A message as printed: control characters escaped, at most ``MAX_MESSAGE`` long."""
    shown = "".join(char.encode("unicode_escape").decode("ascii") if is_control(char)
                    else char for char in message)
    if len(shown) > MAX_MESSAGE:
        shown = shown[:MAX_MESSAGE - 1] + "…"
    return shown
