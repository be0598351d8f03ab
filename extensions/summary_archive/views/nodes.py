"""The one node class the extension adds: a placeholder for a derived view.

It lives in the package, not in conf.py, so that pickled doctrees load again.
"""

from __future__ import annotations

from docutils import nodes


class archive_view(nodes.General, nodes.Element):  # noqa: N801 - docutils naming
    """Where a list, index or neighbour link goes; filled in after reading.

    Attributes: ``kind`` (what to show) and ``argument`` (for which value)
    and ``docname`` (the page it was read from); ``filled`` once the HTML
    writer has filled it (``views.render.fill_when_written``).
    """


class archive_citation(nodes.Inline, nodes.Element):  # noqa: N801 - docutils naming
    """An in-text citation; filled with APA text after reading.

    Attributes: ``keys`` (bib keys), ``textual`` (``Author (2021)`` rather than
    ``(Author, 2021)``) and ``docname`` (the page it was read from).
    """
