"""Workarounds for citeproc-py 0.11, each with its reason, in one place.

Nothing here changes citeproc for anyone else: ``fixed(engine)`` applies the
two method fixes only while our own engine renders, and restores citeproc's
methods afterwards; the other fixes act on our input or output.

- Labels are not cased: citeproc-py passes no language when it cases a label,
  so apa.csl's ``text-case="title"`` on "(eds.)" is skipped and APA's "(Eds.)"
  comes out lowercase. We give labels the style's language.
- Macros are looked up by XPath on every use, which is most of citeproc's time
  for a short reference; the style tree never changes while an engine lives, so
  the engine remembers each answer (``engine.macros``, dropped with the engine).
- Field values are copied into the HTML output unescaped (only the style's own
  text is escaped), so a title holding ``<script>`` or ``&`` would be read back
  as markup: ``escaped_item`` escapes them first.
- A period after a title's own "?" or "!" is kept ("Does it work?."), where
  CSL's punctuation rules, APA and citeproc-js drop it: ``tidy_punctuation``.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from citeproc.model import CitationStylesElement, Label, TextCased

DOUBLED_PUNCTUATION = re.compile(r"([?!])((?:</[a-z]+>)*)\.")


def tidy_punctuation(markup: str) -> str:
    return DOUBLED_PUNCTUATION.sub(r"\1\2", markup)


def escaped_item(value: Any, field: str = "") -> Any:
    """A CSL item with its text escaped for citeproc's HTML formatter."""
    if isinstance(value, dict):
        return {key: escaped_item(inner, key) for key, inner in value.items()}
    if isinstance(value, list):
        return [escaped_item(inner, field) for inner in value]
    if isinstance(value, str) and field not in ("id", "type"):
        return html.escape(value, quote=False)
    return value


def _label_case(self, text, language=None):
    language = language or self.get_root().get("default-locale", "en")[:2]
    return TextCased.case(self, text, language)


@contextmanager
def fixed(macros: dict) -> Iterator[None]:
    """citeproc with the label and macro fixes, while the block runs.

    ``macros`` is the engine's own memo of macro look-ups, keyed by the style
    root and the macro's name.
    """
    find_macro = CitationStylesElement.get_macro
    label_case = Label.case

    def cached_macro(element, name):
        root = element.get_root()
        hit = macros.get((id(root), name))
        if hit is None or hit[0] is not root:  # checked by identity: a new style starts afresh
            hit = macros[(id(root), name)] = (root, find_macro(element, name))
        return hit[1]

    CitationStylesElement.get_macro = cached_macro
    Label.case = _label_case
    try:
        yield
    finally:
        CitationStylesElement.get_macro = find_macro
        Label.case = label_case
