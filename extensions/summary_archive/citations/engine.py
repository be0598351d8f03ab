"""APA 7 references and in-text citations, rendered by citeproc-js with apa.csl.

The one formatter of the archive: every reference (the summary header, a
page's reference list, the References page, the cite-this-summary text) and
every in-text citation comes from one batch per build (``render``), run by
citeproc-js (``citeproc_js``) against the whole bibliography, so that
disambiguation (2021a/b, initials, more names) is the same on every page.
Input is CSL-JSON (``csl_json``); output is citeproc-js's HTML markup (``<i>``,
``<b>``, small caps and escaped text only); ``plain_text`` strips it.

``ApaBibliography`` is what the store keeps between builds: it renders again
only when an entry changed (then everything, since one entry can change
another's suffix) or when a citation or a cite-this reference is new.
Pure: no Sphinx here.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable, Mapping
from html.parser import HTMLParser
from typing import NamedTuple

from . import intext
from .citeproc_js import run_batch, start_batch
from .csl_json import NEUTRAL
from .intext import Pieces

Runner = Callable[[dict], dict]  # renders a batch
Starter = Callable[[dict], Callable[[], dict]]  # starts one; returns the wait for it
PARTS = min(2, os.cpu_count() or 1)  # concurrent batches for the standalone references
SPLIT_ABOVE = 200


class Cite(NamedTuple):
    """One in-text citation as written: its keys, and narrative or not."""

    keys: tuple[str, ...]
    textual: bool


class Rendering(NamedTuple):
    order: list[str]
    references: dict[str, str]
    cites: dict[Cite, Pieces]
    standalone: list[str]


def sync_starter(runner: Runner) -> Starter:
    """A runner that answers at once, as a starter (the tests' fakes)."""
    return lambda batch: (lambda answer=runner(batch): answer)


def start_render(items: Mapping[str, dict], cites: Iterable[Cite], standalone: Iterable[dict],
                 start: Starter = start_batch) -> Callable[[], Rendering]:
    """Start one batch: every item registered at once, the cites asked for, and
    each ``standalone`` item as a reference of its own. Returns the function
    that waits for it; unknown keys are left out."""
    cites = list(dict.fromkeys(cites))
    standalone = list(standalone)
    ident = {key: str(index) for index, key in enumerate(items)}
    key_of = {value: key for key, value in ident.items()}
    asked = [Cite(tuple(dict.fromkeys(k for k in cite.keys if k in ident)), cite.textual)
             for cite in cites]
    batch = {
        "items": [{**item, "id": ident[key]} for key, item in items.items()] if ident else [],
        "cites": [{"ids": [ident[key] for key in cite.keys], "textual": cite.textual}
                  for cite in asked if cite.keys],
        "standalone": [{**item, "id": f"s{index}"} for index, item in enumerate(standalone)],
    }
    if not ident and not standalone:
        return lambda: Rendering([], {}, {cite: () for cite in cites}, [])
    wait = start(batch)

    def finish() -> Rendering:
        answer = json.loads(json.dumps(wait(), ensure_ascii=False).replace(NEUTRAL, ""))
        rendered = iter(answer["cites"])
        found: dict[Cite, Pieces] = {}
        for cite, known in zip(cites, asked, strict=True):
            if not known.keys:
                found[cite] = ()
            elif known.textual:
                groups = [{**group, "first": key_of[group["first"]],
                           "years": intext.keyed(group["years"], key_of)}
                          for group in next(rendered)]
                found[cite] = intext.narrative(groups, items)
            else:
                found[cite] = intext.keyed(next(rendered), key_of)
        order = [key_of[i] for i in answer["order"]]
        references = {key_of[i]: markup for i, markup in answer["references"].items()}
        return Rendering(order, references, found, answer["standalone"])

    finish.cancel = getattr(wait, "cancel", lambda: None)
    return finish


def render(items: Mapping[str, dict], cites: Iterable[Cite], standalone: Iterable[dict],
           runner: Runner = run_batch) -> Rendering:
    """One batch (see ``start_render``), waited for."""
    return start_render(items, cites, standalone, sync_starter(runner))()


def single_cites(items: Mapping[str, dict]) -> list[Cite]:
    """Each work cited alone, in both forms: nearly every citation a page makes."""
    return [Cite((key,), textual) for key in items for textual in (False, True)]


class Prefetch(NamedTuple):
    """The bibliography and every single-work citation, rendering since the
    build began (``prefetch``): pages are read meanwhile, on the other core."""

    items: Mapping[str, dict]
    finish: Callable[[], Rendering]

    def cancel(self) -> None:
        self.finish.cancel()


def prefetch(items: Mapping[str, dict], start: Starter = start_batch) -> Prefetch:
    return Prefetch(items, start_render(items, single_cites(items), (), start))


def start_standalone(standalone: list[dict], start: Starter) -> Callable[[], list[str]]:
    """The standalone references in up to PARTS batches run at once.

    Each is rendered as it would be alone (see ``citeproc_batch.js``), so
    splitting the list changes nothing but the time: below SPLIT_ABOVE items
    one more Node.js process would cost more than it saves."""
    parts = max(1, min(PARTS, len(standalone) // SPLIT_ABOVE))
    size = -(-len(standalone) // parts) if standalone else 0
    started = [start_render({}, (), standalone[i:i + size], start)
               for i in range(0, len(standalone), size or 1)]
    return lambda: [text for finish in started for text in finish().standalone]


def standalone_key(item: Mapping) -> str:
    return json.dumps({k: v for k, v in item.items() if k != "id"}, sort_keys=True,
                      ensure_ascii=False)


class ApaBibliography:
    """The whole bibliography as rendered, its citations and cite-this texts."""

    def __init__(self, items: dict[str, dict], rendering: Rendering,
                 standalone: dict[str, str]) -> None:
        self.items = items
        self.keys = rendering.order
        self.references = rendering.references
        self.cites = rendering.cites
        self.standalone = standalone

    @classmethod
    def update(cls, previous: ApaBibliography | None, items: dict[str, dict],
               cites: Iterable[Cite], standalone: Iterable[dict] = (),
               runner: Runner | None = None,
               prefetched: Prefetch | None = None) -> ApaBibliography:
        """Render what changed since ``previous`` and keep the rest.

        What must be rendered runs at once: the bibliography with the new
        citations (one batch: it must see every entry), and the new standalone
        references (batches of their own). A ``prefetched`` rendering of the
        same entries stands for the bibliography and the citations it holds.
        ``items`` is kept as given (not copied): the store checks by identity
        that the bibliography was rendered from its current mapping."""
        start = sync_starter(runner) if runner is not None else start_batch
        cites = list(dict.fromkeys(cites))
        alone = {standalone_key(item): item for item in standalone}
        same = previous is not None and previous.items == items
        known = dict(previous.cites) if same else {}
        old_alone = previous.standalone if previous else {}
        new_alone = [key for key in alone if key not in old_alone]
        order, references = (previous.keys, previous.references) if same else ([], {})
        ahead = prefetched is not None and not same and prefetched.items == items
        if prefetched is not None and not ahead:
            prefetched.cancel()  # rendered for another bibliography, or not needed
        texts_wait = start_standalone([alone[k] for k in new_alone], start)
        if ahead:
            early = prefetched.finish()
            order, references = early.order, early.references
            known.update(early.cites)
        new_cites = [cite for cite in cites if cite not in known]
        if new_cites or not (same or ahead):  # the bibliography must be registered
            fresh = start_render(items, new_cites, (), start)()
            order, references = fresh.order, fresh.references
            known.update(fresh.cites)
        texts = {key: old_alone[key] for key in alone if key in old_alone}
        texts.update(zip(new_alone, texts_wait(), strict=True))
        return cls(items, Rendering(order, references, known, []), texts)

    def __contains__(self, key: str) -> bool:
        return key in self.references

    def reference(self, key: str) -> str | None:
        """The full reference, as citeproc-js's HTML markup."""
        return self.references.get(key)

    def in_apa_order(self, keys: Iterable[str]) -> list[str]:
        wanted = set(keys)
        return [key for key in self.keys if key in wanted]

    def citation(self, keys: Iterable[str], textual: bool) -> Pieces:
        """An in-text citation as pieces; one not rendered with the build is
        rendered now (against the whole bibliography) and remembered."""
        cite = Cite(tuple(keys), textual)
        if cite not in self.cites:
            self.cites[cite] = render(self.items, [cite], ()).cites[cite]
        return self.cites[cite]

    def parenthetical(self, *keys: str) -> str:
        """``(Love &#38; Morgan, 2021; Moritz et al., 2019)``, as markup."""
        return intext.markup(self.citation(keys, False))

    def narrative(self, *keys: str) -> str:
        """``Love and Morgan (2021)``, as markup."""
        return intext.markup(self.citation(keys, True))

    def standalone_reference(self, item: Mapping) -> str:
        """The reference of an item outside the bibliography (a summary as a blog post)."""
        key = standalone_key(item)
        if key not in self.standalone:
            self.standalone[key] = render({}, (), [item]).standalone[0]
        return self.standalone[key]


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
