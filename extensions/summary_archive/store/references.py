"""The bibliography as this build renders it, kept in the store between builds.

The shared ``references.bib`` is parsed by sphinxcontrib-bibtex; its entries
go through the CSL engine (``citations.engine``) when the bibliography changes,
and the result is kept in the store, so an unchanged bibliography costs
nothing. The engine itself (parsed style, memos) lives with the build only.
"""

from __future__ import annotations

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from ..citations.citethis import CiteThis, archive_name, cite_this, page_url
from ..citations.csl_json import csl_item
from ..citations.engine import ApaBibliography, CslEngine
from ..core.model import Summary


def bib_entries(env: BuildEnvironment) -> dict:
    return env.get_domain("cite").bibdata.data.entries


def engine(env: BuildEnvironment) -> CslEngine:
    """This build's CSL engine, made on first use (the style takes a while to parse)."""
    domain = env.get_domain("archive")
    if domain.engine is None:
        domain.engine = CslEngine()
    return domain.engine


def bib_fingerprint(env: BuildEnvironment) -> tuple:
    """Changes whenever sphinxcontrib-bibtex parses the bibliography again."""
    bibdata = env.get_domain("cite").bibdata
    return tuple(sorted((str(path), bibfile.mtime) for path, bibfile in bibdata.bibfiles.items()))


def apa_references(env: BuildEnvironment) -> ApaBibliography:
    """The bibliography in APA, kept in the store and re-rendered only where the
    bibliography changed (citeproc takes about 12 ms an entry)."""
    data = env.get_domain("archive").data
    fingerprint = bib_fingerprint(env)
    stored = data.get("apa")
    if stored is None or stored[0] != fingerprint:
        items = (csl_item(key, entry) for key, entry in bib_entries(env).items())
        stored = (fingerprint, ApaBibliography.update(stored and stored[1], items, engine(env)))
        data["apa"] = stored
    return stored[1].bind(engine(env))


def entry_fingerprint(env: BuildEnvironment, key: str) -> str:
    """What a reference shows: its APA text (which also depends on its neighbours)."""
    return apa_references(env).reference(key) or ""


def cite_this_of(env: BuildEnvironment, summary: Summary) -> CiteThis:
    """A summary's cite-this text, rendered once per build (its block on the
    page and its meta tags ask alike)."""
    domain = env.get_domain("archive")
    name = archive_name(env.config)
    url = page_url(env.config.archive_base_url, summary.docname)
    if domain.cite_this is None:
        domain.cite_this = {}
    found = domain.cite_this.get((summary, name, url))
    if found is None:
        found = domain.cite_this[(summary, name, url)] = cite_this(summary, name, url,
                                                                   engine(env))
    return found


def refresh_bibliography(app: Sphinx) -> None:
    """builder-inited, once sphinxcontrib-bibtex has parsed: render what changed
    in the main process, before any parallel reader or writer starts."""
    domain = app.env.get_domain("archive")
    domain.engine, domain.cite_this = None, None  # per-build memos start afresh
    apa_references(app.env)
