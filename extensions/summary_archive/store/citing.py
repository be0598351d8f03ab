"""Who cites what: the keys each page cites, the pages citing each work, and
the checks on both (a cited key missing from the bibliography, an entry that
nothing cites or reviews)."""

from __future__ import annotations

from pathlib import Path

from sphinx.environment import BuildEnvironment
from sphinx.util import logging

from ..citations.hygiene import entry_lines
from ..core.crosscheck import missing_cite_message, uncited_message
from .references import bib_entries

logger = logging.getLogger(__name__)


def cited_keys(env: BuildEnvironment, docname: str) -> list[str]:
    """The keys a page cites in its text, each once, in order of first citation."""
    seen: dict[str, None] = {}
    for keys, _textual, _line in env.get_domain("archive").citations.get(docname, ()):
        for key in keys:
            seen.setdefault(key, None)
    return list(seen)


def citing_pages(env: BuildEnvironment) -> dict[str, list[str]]:
    """Bib key -> the summaries that review or cite it, oldest first."""
    domain = env.get_domain("archive")
    citing: dict[str, list[str]] = {}
    summaries = sorted(domain.summaries.values(), key=lambda s: s.sort_key)
    for summary in summaries:
        for key in (summary.reviews, *cited_keys(env, summary.docname)):
            pages = citing.setdefault(key, [])
            if summary.docname not in pages:
                pages.append(summary.docname)
    return citing


def works_cited(env: BuildEnvironment, docnames: list[str]) -> list[str]:
    """The works a collection of summaries shows in its closing list: the
    reviewed article of each summary, then every other work it cites (from
    the store's record of the archive's own cite roles)."""
    summaries = env.get_domain("archive").summaries
    keys = [summaries[d].reviews for d in docnames if d in summaries]
    for docname in docnames:
        keys += cited_keys(env, docname)
    return list(dict.fromkeys(keys))


def check_citations(env: BuildEnvironment) -> None:
    """A cited key missing from the bibliography names the page and line;
    an entry nothing cites or reviews is reported too."""
    domain = env.get_domain("archive")
    entries = bib_entries(env)
    bibfiles = ", ".join(Path(f).name for f in env.config.bibtex_bibfiles)
    for docname, cited in sorted(domain.citations.items()):
        for keys, _textual, line in cited:
            for key in (key for key in keys if key not in entries):
                logger.warning(missing_cite_message(key, bibfiles), location=(docname, line),
                               type="archive", subtype="citation")
    if not domain.summaries:
        return
    used = citing_pages(env).keys() | {key for cited in domain.citations.values()
                                       for keys, _textual, _line in cited for key in keys}
    for key in entries:
        if key not in used:
            path, line = entry_location(env, key)
            logger.warning(uncited_message(key), location=f"{path}:{line}" if line else str(path),
                           type="archive", subtype="uncited")


def entry_location(env: BuildEnvironment, key: str) -> tuple[Path | str, int | None]:
    bibfiles = env.get_domain("cite").bibdata.bibfiles
    for path, bibfile in bibfiles.items():
        if key in bibfile.keys:
            text = Path(path).read_text(encoding="utf-8", errors="replace")
            return path, entry_lines(text).get(key.lower())
    return ", ".join(map(str, bibfiles)), None
