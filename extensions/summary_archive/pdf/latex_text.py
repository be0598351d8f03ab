"""The one way a string from the sources reaches LaTeX: as text.

Titles, subtitles, labels, descriptions, scopes, keywords and PDF metadata
all come from files a contributor wrote; each goes through ``latex_text``
before it is written into a ``.tex`` file.
"""

from __future__ import annotations

from sphinx.util.texescape import escape


LATEX_ENGINE = "xelatex"  # what the PDF build runs (pdf.config)


def latex_text(value: str) -> str:
    """``value`` as LaTeX that typesets exactly those characters."""
    return escape(value, LATEX_ENGINE)
