"""The archive's store: one record per summary page, purged and merged per page.

Lasting state lives only here, in ``env.domaindata['archive']``: the summaries,
which views each page shows, and a digest of what each page last showed.
Everything derived (the ``Catalogue``) is rebuilt after reading, never merged.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Set
from typing import Any

from docutils import nodes
from sphinx.domains import Domain
from sphinx.util.nodes import make_refnode

from ..core.catalogue import Catalogue
from ..core.model import Summary
from ..core.vocabulary import Vocabulary

View = tuple[str, str]  # (kind, argument) of one placeholder
REFERENCES_VIEW = ("references", "")  # the References page's list of every work


def reference_id(key: str) -> str:
    """The anchor of a work on the References page."""
    return nodes.make_id(f"ref-{key}")


def digest_of(value: object) -> str:
    """A short digest of plain data (its repr: tuples, strings, numbers)."""
    return hashlib.blake2b(repr(value).encode(), digest_size=16).hexdigest()


class ArchiveDomain(Domain):
    name = "archive"
    label = "Research-summary archive"
    # 2: citations and the stored bibliography; 3: related summaries;
    # 4: citations keep their form, the bibliography is rendered by citeproc-js;
    # 5: catalogue views' digests kept apart
    data_version = 5
    initial_data: dict[str, Any] = {
        "summaries": {},  # docname -> Summary
        "views": {},  # docname -> tuple[View, ...]
        "field_lines": {},  # docname -> {front-matter field: line}
        "digests": {},  # docname -> digest of its views as last written
        "catalogue_digests": {},  # docname -> (its catalogue views, digest of what they showed)
        "catalogue_fingerprint": None,  # of the catalogue's inputs when those were taken
        "citations": {},  # docname -> tuple[(bib keys, narrative?, line), ...] in its text
        "csl": None,  # (bibliography fingerprint, {key: CSL-JSON item}): kept between builds
        "apa": None,  # citations.engine.ApaBibliography, rendered from "csl": kept too
        "summary_items": {},  # docname -> (its inputs, its CSL item): kept too
    }

    # Per-page records: whatever is stored per docname is purged and merged here.
    PER_PAGE = ("summaries", "views", "field_lines", "citations")

    # Set once per build at builder-inited (configuration, not per-page state),
    # never pickled with the environment: they go with the build.
    vocabulary: Vocabulary
    intros: dict[str, str] = {}
    catalogue: Catalogue | None = None
    catalogue_fingerprint: str | None = None  # of this build's catalogue's inputs
    cite_this: dict | None = None  # each summary's cite-this, by its inputs
    prefetched = None  # the bibliography rendering since builder-inited (store.references)
    downloads_manifest = None  # an HTML build's PDF manifest path (web.downloads)
    removed_pages: set[str] = set()  # documents deleted since the last build (web.site_pages)
    _showing: dict | None = None  # pages_showing's answers, until the views change

    @property
    def summaries(self) -> dict[str, Summary]:
        return self.data["summaries"]

    @property
    def views(self) -> dict[str, tuple[View, ...]]:
        return self.data["views"]

    @property
    def field_lines(self) -> dict[str, dict[str, int]]:
        return self.data["field_lines"]

    def clear_doc(self, docname: str) -> None:
        for per_page in self.PER_PAGE:
            self.data[per_page].pop(docname, None)
        self._showing = None

    def merge_domaindata(self, docnames: Set[str], otherdata: dict[str, Any]) -> None:
        # Copy only the pages this worker read: that is what makes -j safe.
        for per_page in self.PER_PAGE:
            for docname in docnames & otherdata[per_page].keys():
                self.data[per_page][docname] = otherdata[per_page][docname]
        self._showing = None

    def note_summary(self, summary: Summary, field_lines: dict[str, int]) -> None:
        self.summaries[summary.docname] = summary
        self.field_lines[summary.docname] = field_lines

    def note_view(self, docname: str, view: View) -> None:
        self.views[docname] = (*self.views.get(docname, ()), view)
        self._showing = None

    @property
    def citations(self) -> dict[str, tuple[tuple[tuple[str, ...], bool, int | None], ...]]:
        return self.data["citations"]

    def note_citation(self, docname: str, keys: Iterable[str], textual: bool,
                      line: int | None) -> None:
        """One in-text citation: its keys as written, narrative or not, its line."""
        self.citations[docname] = (*self.citations.get(docname, ()),
                                   (tuple(keys), textual, line))

    def pages_showing(self, view: View) -> list[str]:
        """The pages showing ``view``, sorted. Asked for by every citation of
        every page while pages are written, so the answers are kept until the
        views change (each page's own record, or a merge)."""
        if self._showing is None:
            showing: dict[View, list[str]] = {}
            for docname in sorted(self.views):
                for shown in dict.fromkeys(self.views[docname]):
                    showing.setdefault(shown, []).append(docname)
            self._showing = showing
        return list(self._showing.get(view, ()))

    def set_teaser(self, docname: str, teaser: str) -> None:
        self.summaries[docname] = self.summaries[docname]._replace(teaser=teaser)

    def rebuild_catalogue(self) -> Catalogue:
        self.catalogue = Catalogue(self.summaries.values(), self.vocabulary, self.intros)
        inputs = (sorted(self.summaries.items()), self.vocabulary, sorted(self.intros.items()))
        self.catalogue_fingerprint = digest_of(inputs)
        return self.catalogue

    def changed_pages(self, describe_view, from_catalogue) -> list[str]:
        """Pages whose views now show something else than when last written.

        ``describe_view(docname, view)`` returns the plain data a view shows.
        Views for which ``from_catalogue(view)`` holds show only the
        catalogue: while its inputs are the last build's, what they showed then
        stands (a one-page edit no longer asks every list of every page again).
        Digests of pages that no longer exist are dropped.
        """
        digests: dict[str, str] = self.data["digests"]
        catalogue_digests: dict[str, tuple] = self.data["catalogue_digests"]
        same_catalogue = self.data["catalogue_fingerprint"] == self.catalogue_fingerprint
        # A renamed label changes every list that shows it.
        vocabulary_fingerprint = digest_of(self.vocabulary)
        changed = []
        for docname, views in self.views.items():
            of_catalogue = tuple(view for view in views if from_catalogue(view))
            kept = catalogue_digests.get(docname)
            if not (same_catalogue and kept and kept[0] == of_catalogue):
                kept = catalogue_digests[docname] = (of_catalogue, digest_of(
                    [describe_view(docname, view) for view in of_catalogue]))
            others = [describe_view(docname, view) for view in views
                      if not from_catalogue(view)]
            digest = digest_of((vocabulary_fingerprint, views, kept[1], others))
            if digests.get(docname) != digest:
                digests[docname] = digest
                changed.append(docname)
        for stored in (digests, catalogue_digests):
            for docname in stored.keys() - self.views.keys():
                del stored[docname]
        self.data["catalogue_fingerprint"] = self.catalogue_fingerprint
        return changed

    def resolve_xref(self, env: Any, fromdocname: str, builder: Any, typ: str, target: str,
                     node: Any, contnode: Any) -> Any:
        """An in-text citation (``citations``) links to its work on the References page."""
        if typ != "citation":
            return None
        pages = self.pages_showing(REFERENCES_VIEW)
        if not pages:
            return contnode  # no References page: the citation stays plain text
        return make_refnode(builder, fromdocname, pages[0], reference_id(target), contnode)

    def resolve_any_xref(self, *args: Any, **kwargs: Any) -> list:
        return []  # the archive defines no cross-reference targets of its own

    def get_objects(self) -> Iterable[tuple[str, str, str, str, str, int]]:
        return ()
