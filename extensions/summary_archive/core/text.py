"""Small text rules every part of the archive shares, each written once.

Slugs (file names of summaries, collections and vocabulary terms), month
names, the shape of a DOI, and writing a file only when its text changed.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July",
               "August", "September", "October", "November", "December")

# Lowercase ASCII words joined by single hyphens: safe as a file name and a URL.
SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
MAX_SLUG = 60

# A DOI is "10.<registrant>/<suffix>", stored bare: APA's https://doi.org/ is
# added by the style. (Crossref's own pattern, loosened to any non-space suffix.)
DOI = re.compile(r"10\.\d{4,9}/\S+")
DOI_PREFIX = re.compile(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", re.IGNORECASE)

# Letters that Unicode does not decompose into a base letter and an accent.
UNDECOMPOSED = str.maketrans({"ø": "o", "Ø": "O", "æ": "ae", "Æ": "Ae", "œ": "oe", "Œ": "Oe",
                              "ß": "ss", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "þ": "th"})


def ascii_fold(text: str) -> str:
    """'Müller-Ørsted' -> 'Muller-Orsted': accents dropped, other letters spelt out."""
    folded = unicodedata.normalize("NFKD", text.translate(UNDECOMPOSED))
    return folded.encode("ascii", "ignore").decode()


def slugify(title: str, fallback: str = "") -> str:
    """A file name from a title: 'Ørsted & Co: What’s New?' -> 'orsted-and-co-whats-new'.

    Whole words only, up to ``MAX_SLUG`` characters; ``fallback`` when the
    title has no letters or digits at all.
    """
    text = ascii_fold(title.replace("’", "'")).lower().replace("&", " and ").replace("'", "")
    slug = ""
    for word in re.findall(r"[a-z0-9]+", text):
        candidate = f"{slug}-{word}" if slug else word
        if len(candidate) > MAX_SLUG and slug:
            break
        slug = candidate
    return slug[:MAX_SLUG] or fallback


def bare_doi(value: str) -> str:
    """A DOI as stored, ``10.xxxx/...``, whatever prefix it was typed with."""
    return DOI_PREFIX.sub("", value.strip())


def month_number(name: str) -> int | None:
    """'March', 'mar', 'Sept.' -> a month's number by its first three letters;
    None for anything else ('Spring', 'Ma')."""
    word = name.strip().lower()
    if len(word) < 3:
        return None
    return next((number for number, month in enumerate(MONTH_NAMES, 1)
                 if month.lower().startswith(word[:3])), None)


def write_if_changed(path: Path, text: str) -> bool:
    """Write ``text`` unless the file already holds it; True if it was written.

    Unchanged files keep their modification time, so incremental builds and
    file watchers see no change where there is none.
    """
    if path.is_file() and path.read_text(encoding="utf-8") == text:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return True
