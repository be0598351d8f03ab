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
from collections.abc import Callable, Iterable, Mapping
from html.parser import HTMLParser
from typing import NamedTuple

from . import intext
from .citeproc_js import run_batch
from .csl_json import NEUTRAL
from .intext import Pieces

Runner = Callable[[dict], dict]


class Cite(NamedTuple):
    """One in-text citation as written: its keys, and narrative or not."""

    keys: tuple[str, ...]
    textual: bool


class Rendering(NamedTuple):
    order: list[str]
    references: dict[str, str]
    cites: dict[Cite, Pieces]
    standalone: list[str]


def render(items: Mapping[str, dict], cites: Iterable[Cite], standalone: Iterable[dict],
           runner: Runner = run_batch) -> Rendering:
    """One batch: every item registered at once, the cites asked for, and each
    ``standalone`` item as a reference of its own. Unknown keys are left out."""
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
        return Rendering([], {}, {cite: () for cite in cites}, [])
    answer = json.loads(json.dumps(runner(batch), ensure_ascii=False).replace(NEUTRAL, ""))
    rendered = iter(answer["cites"])
    found: dict[Cite, Pieces] = {}
    for cite, known in zip(cites, asked, strict=True):
        if not known.keys:
            found[cite] = ()
        elif known.textual:
            groups = [{**group, "first": key_of[group["first"]],
                       "years": intext.keyed(group["years"], key_of)} for group in next(rendered)]
            found[cite] = intext.narrative(groups, items)
        else:
            found[cite] = intext.keyed(next(rendered), key_of)
    order = [key_of[i] for i in answer["order"]]
    references = {key_of[i]: markup for i, markup in answer["references"].items()}
    return Rendering(order, references, found, answer["standalone"])


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
               runner: Runner = run_batch) -> ApaBibliography:
        """Render what changed since ``previous``, in one batch, and keep the rest.

        ``items`` is kept as given (not copied): the store checks by identity
        that the bibliography was rendered from its current mapping."""
        cites = list(dict.fromkeys(cites))
        alone = {standalone_key(item): item for item in standalone}
        same = previous is not None and previous.items == items
        old_cites = previous.cites if same else {}
        old_alone = previous.standalone if previous else {}
        new_cites = [cite for cite in cites if cite not in old_cites]
        new_alone = [key for key in alone if key not in old_alone]
        whole = not same or bool(new_cites)  # the bibliography must be registered
        fresh = Rendering([], {}, {}, [])
        if whole or new_alone:
            fresh = render(items if whole else {}, new_cites, [alone[k] for k in new_alone],
                           runner)
        order, references = ((fresh.order, fresh.references) if whole
                             else (previous.keys, previous.references))
        kept = {cite: old_cites[cite] if cite in old_cites else fresh.cites[cite]
                for cite in cites}
        texts = {key: old_alone[key] for key in alone if key in old_alone}
        texts.update(zip(new_alone, fresh.standalone, strict=True))
        return cls(items, Rendering(order, references, kept, []), texts)

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
