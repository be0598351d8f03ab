"""The one way a string from the sources reaches LaTeX: as text.

Titles, subtitles, labels, descriptions, scopes, keywords, running headers
(``latex_documents``) and PDF metadata all come from files a contributor
wrote, or from ``make collection``'s arguments; each goes through
``latex_text`` before it is written into a ``.tex`` file. Sphinx's escaping
makes every TeX special character (``# $ % & _ { } ~ ^ \\``) and brackets
typeset as themselves, so ``\\input``, ``\\catcode``, ``^^5c`` and
``\\write18`` are only letters; control characters and line breaks, which
TeX gives meanings of their own (``^^M`` ends a line, ``^^L`` a paragraph),
become spaces.
"""

from __future__ import annotations

import unicodedata

from sphinx.util import texescape

LATEX_ENGINE = "xelatex"  # what the PDF build runs (pdf.config)


def _plain(value: str) -> str:
    return "".join(" " if unicodedata.category(char) in ("Cc", "Zl", "Zp", "Cs")
                   else char for char in value)


def latex_text(value: str) -> str:
    """``value`` as LaTeX that typesets exactly those characters."""
    if not texescape._tex_escape_map_without_unicode:
        # Filled when the LaTeX builder starts; latex_documents is written earlier.
        texescape.init()
    return texescape.escape(_plain(str(value)), LATEX_ENGINE)
