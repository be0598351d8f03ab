"""A summary as it is printed (the PDFs and the reading packet made in the
browser): the same text as its page, without what only makes sense on the
web, and with its Practice Implications found so they can be set apart.

The HTML page itself keeps everything; these functions work on copies or on
doctrees written for print.
"""

from __future__ import annotations

from docutils import nodes

# Blocks of a summary page that are for the web only: the cite-this block
# (with its BibTeX), related summaries, previous/next links, the page's own
# reference list (print has one list for the whole document), the PDF links.
WEB_ONLY = frozenset({"cite-this", "summary-related", "summary-neighbours",
                      "summary-references", "pdf-link"})
PRACTICE_TITLE = "practice implications"


def drop_web_only(tree: nodes.Node) -> None:
    """Remove every web-only block from ``tree``, in place."""
    for element in list(tree.findall(nodes.Element)):
        if WEB_ONLY.intersection(element.get("classes", ())) and element.parent is not None:
            element.parent.remove(element)


def practice_sections(tree: nodes.Node) -> list[nodes.section]:
    """The sections headed "Practice Implications"."""
    found = []
    for section in tree.findall(nodes.section):
        title = section.children[0] if section.children else None
        if isinstance(title, nodes.title) and title.astext().strip().lower() == PRACTICE_TITLE:
            found.append(section)
    return found
