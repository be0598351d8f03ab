"""The bibliography as this build renders it, kept in the store between builds.

The shared ``references.bib`` is parsed by sphinxcontrib-bibtex and mapped to
CSL-JSON (``citations.csl_json``) when the file changes. At ``env-updated``,
in the main process, after every page has been read (and merged, with ``-j``)
and before any page is written, one citeproc-js batch renders what changed:
every reference against the whole bibliography, every in-text citation the
pages hold, and each summary's cite-this reference (``citations.engine``).
The result is kept in the store (``env.domaindata['archive']['apa']``), so an
unchanged archive costs no rendering at all, and parallel writers only read it.

When the bibliography is new to the store (a first build, or the file
changed), its rendering starts at ``builder-inited`` instead, with every work
cited alone in both forms (``engine.prefetch``): Node.js works on the other
core while the pages are read, and ``env-updated`` is left with the
multi-work citations, if any, and the cite-this references. The answers are
the same either way: one engine, the whole bibliography registered.
"""

from __future__ import annotations

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from ..citations.citeproc_js import CiteprocUnavailable
from ..citations.citethis import (CiteThis, archive_name, bib_filename, page_url,
                                  summary_bibtex,
                                  summary_csl)
from ..citations.csl_json import csl_item
from ..citations.engine import ApaBibliography, Cite, Prefetch, prefetch
from ..core.model import Summary
from .stop import stop_build


def bib_entries(env: BuildEnvironment) -> dict:
    return env.get_domain("cite").bibdata.data.entries


def bib_fingerprint(env: BuildEnvironment) -> tuple:
    """Changes whenever sphinxcontrib-bibtex parses the bibliography again."""
    bibdata = env.get_domain("cite").bibdata
    return tuple(sorted((str(path), bibfile.mtime) for path, bibfile in bibdata.bibfiles.items()))


def csl_items(env: BuildEnvironment) -> dict[str, dict]:
    """Every bibliography entry as CSL-JSON, mapped again only when the file changed."""
    data = env.get_domain("archive").data
    fingerprint = bib_fingerprint(env)
    stored = data.get("csl")
    if stored is None or stored[0] != fingerprint:
        stored = data["csl"] = (fingerprint, {key: csl_item(key, entry)
                                              for key, entry in bib_entries(env).items()})
    return stored[1]


def cites_in_pages(env: BuildEnvironment) -> list[Cite]:
    """Every in-text citation of the archive, each once."""
    found: dict[Cite, None] = {}
    for records in env.get_domain("archive").citations.values():
        for keys, textual, _line in records:
            found.setdefault(Cite(keys, textual), None)
    return list(found)


def summary_item(env: BuildEnvironment, summary: Summary) -> dict:
    """A summary as the blog post its cite-this block cites."""
    return summary_csl(summary, archive_name(env.config),
                       page_url(env.config.archive_base_url, summary.docname))


def prefetch_references(app: Sphinx) -> None:
    """builder-inited (after the bibliography is parsed and checked): a
    bibliography the store has not rendered starts rendering now."""
    domain = app.env.get_domain("archive")
    stored, items = domain.data.get("apa"), csl_items(app.env)
    if items and (stored is None or stored.items != items):
        try:
            domain.prefetched = prefetch(items)
        except CiteprocUnavailable:
            domain.prefetched = None  # said at env-updated, where the rendering is needed


def take_prefetched(env: BuildEnvironment) -> Prefetch | None:
    domain = env.get_domain("archive")
    found, domain.prefetched = domain.prefetched, None
    return found


def kept_summary_item(env: BuildEnvironment, summary: Summary) -> tuple[tuple, dict]:
    """The summary's CSL item with what it was made from, made again only when
    its record, the archive's name or its address changed since it was kept."""
    inputs = (summary, archive_name(env.config), env.config.archive_base_url)
    found = env.get_domain("archive").data["summary_items"].get(summary.docname)
    return found if found and found[0] == inputs else (inputs, summary_item(env, summary))


def summary_items(env: BuildEnvironment) -> list[dict]:
    """Every summary as a CSL item, kept with the environment for the next build."""
    data = env.get_domain("archive").data
    data["summary_items"] = {docname: kept_summary_item(env, summary)
                             for docname, summary in env.get_domain("archive").summaries.items()}
    return [item for _inputs, item in data["summary_items"].values()]


def refresh_references(app: Sphinx, env: BuildEnvironment) -> None:
    """env-updated: render what changed, at once, before any page is written."""
    data = env.get_domain("archive").data
    try:
        data["apa"] = ApaBibliography.update(
            data.get("apa"), csl_items(env), cites_in_pages(env), summary_items(env),
            prefetched=take_prefetched(env))
    except CiteprocUnavailable as error:
        stop_build(str(error))


def drop_prefetched(app: Sphinx, _exception: Exception | None) -> None:
    """build-finished: a rendering nobody waited for (the build stopped) is ended."""
    left = take_prefetched(app.env) if app.env is not None else None
    if left is not None:
        left.cancel()


def apa_references(env: BuildEnvironment) -> ApaBibliography:
    """The rendered bibliography (rendered now if the build has not yet done so)."""
    stored = env.get_domain("archive").data.get("apa")
    if stored is None or stored.items is not csl_items(env):
        refresh_references(None, env)
    return env.get_domain("archive").data["apa"]


def entry_fingerprint(env: BuildEnvironment, key: str) -> str:
    """What a reference shows: its APA text (which also depends on its neighbours)."""
    return apa_references(env).reference(key) or ""


def cite_this_of(env: BuildEnvironment, summary: Summary) -> CiteThis:
    """A summary's cite-this block: its APA reference (rendered with the build)
    and its BibTeX entry, made once per build (its block and its meta tags ask alike)."""
    domain = env.get_domain("archive")
    name = archive_name(env.config)
    url = page_url(env.config.archive_base_url, summary.docname)
    if domain.cite_this is None:
        domain.cite_this = {}
    found = domain.cite_this.get((summary, name, url))
    if found is None:
        item = kept_summary_item(env, summary)[1]  # made at env-updated
        found = domain.cite_this[(summary, name, url)] = CiteThis(
            apa_references(env).standalone_reference(item), summary_bibtex(summary, name, url),
            bib_filename(summary.docname), url)
    return found


def forget_build_memos(app: Sphinx) -> None:
    """builder-inited: per-build memos start afresh."""
    domain = app.env.get_domain("archive")
    domain.cite_this = None
    domain.prefetched = None
