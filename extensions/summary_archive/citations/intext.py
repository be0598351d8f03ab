"""In-text citations in APA's two forms, from the pieces citeproc-js renders.

Parenthetical citations come whole from citeproc-js: "(Okafor, 2019, 2021a,
2021b; Dahl, 2022)", sorted, one author's years collapsed, collisions
disambiguated. apa.csl has no narrative form, so a narrative citation is put
together here from citeproc-js's own parts: each author as it cites them
(``author-only``, disambiguated: "M. K. Dahl"), with APA's "and" for "&" in
running text (8.17), then that author's years (``suppress-author``): "Okafor
(2019, 2021a)"; several authors are joined as in prose: "A (2019), B (2020),
and C (2021)".

A citation is a tuple of pieces ``(key or None, markup)``, so that each work
can link to its entry. Pure: no Sphinx.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Mapping, Sequence

Pieces = tuple[tuple[str | None, str], ...]

AMPERSAND = " &#38; "  # citeproc-js writes "&" so in its HTML


def markup(pieces: Pieces) -> str:
    return "".join(text for _key, text in pieces)


def escaped_like_citeproc(text: str) -> str:
    return text.replace("&", "&#38;").replace("<", "&#60;").replace(">", "&#62;")


def with_and(author: str, item: Mapping) -> str:
    """``Love &#38; Morgan`` -> ``Love and Morgan``: the "&" that joins the names,
    never one inside an organisation's name ("Wells & Partners")."""
    names = item.get("author") or item.get("editor") or ()
    if len(names) < 2:
        return author
    masked = author
    for name in names:
        literal = name.get("literal")
        if literal:
            shown = escaped_like_citeproc(html.unescape(literal))
            masked = masked.replace(shown, "\0" * len(shown))
    position = masked.rfind(AMPERSAND)
    if position < 0:
        return author
    return author[:position] + " and " + author[position + len(AMPERSAND):]


def joined(count: int, index: int) -> str:
    """What goes before the ``index``-th of ``count`` parts in running text."""
    if index == 0:
        return ""
    if index < count - 1:
        return ", "
    return ", and " if count > 2 else " and "


def narrative(groups: Sequence[Mapping], items: Mapping[str, Mapping]) -> Pieces:
    """Groups ``{first, author, years}`` (years as pieces) -> the narrative citation.

    A group of one work is one link; a group of several links each year to its work.
    """
    pieces: list[tuple[str | None, str]] = []
    for index, group in enumerate(groups):
        separator = joined(len(groups), index)
        if separator:
            pieces.append((None, separator))
        author = with_and(group["author"], items[group["first"]])
        years = tuple(group["years"])
        works = {key for key, _text in years if key is not None}
        if len(works) <= 1:
            pieces.append((group["first"], f"{author} {markup(years)}" if author
                           else markup(years)))
        else:
            pieces.append((None, f"{author} " if author else ""))
            pieces.extend(years)
    return tuple((key, text) for key, text in pieces if text)


def keyed(pieces: Iterable[Sequence], key_of: Mapping[str, str]) -> Pieces:
    """Pieces from the engine, its item ids turned back into bib keys."""
    return tuple((key_of[ident] if ident is not None else None, text)
                 for ident, text in pieces)

