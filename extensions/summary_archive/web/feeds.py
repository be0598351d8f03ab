"""Atom feeds: the whole archive, each topic and each research type, newest first.

``atom_feed`` is pure: plain records in, the feed's bytes out (feedgen writes
the XML). ``write_feeds`` runs when an HTML build finishes, reads the same
catalogue the pages were rendered from, and writes a feed only when what it
holds changed: each feed file carries a digest of its input in a comment, so
an unchanged feed is neither generated nor written again.

Each entry carries the summary in full (``feed_content``). Every date comes
from the summaries, never from the clock: a summary's own date (the first of
its month when it gives no day), then a minute for each summary before it on
the same date in the month's order, so that no two entries share a timestamp
and none moves while nothing is added. A topic or research type without
summaries has no feed (a feed must say when it was last updated). Each feed
holds the newest ``FEED_LIMIT`` summaries, so its size does not grow with
the archive.

All URLs are absolute, made from the archive's address (``web.address``);
without one there are no feeds.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import NamedTuple
from urllib.parse import urljoin

from feedgen.feed import FeedGenerator
from sphinx.application import Sphinx
from sphinx.util import logging

from ..core.catalogue import Catalogue
from ..core.model import Summary
from .address import base_url
from .feed_content import stored_content

logger = logging.getLogger(__name__)

FEED_FOLDER = "feeds"
ARCHIVE_FEED = f"{FEED_FOLDER}/archive.xml"
FEED_LIMIT = 50  # the newest summaries a feed holds


def topic_feed(slug: str) -> str:
    return f"{FEED_FOLDER}/topics/{slug}.xml"


def type_feed(slug: str) -> str:
    return f"{FEED_FOLDER}/types/{slug}.xml"


class FeedEntry(NamedTuple):
    url: str
    title: str
    published: dt.datetime
    author: str
    topics: tuple[tuple[str, str], ...]  # (slug, label)
    teaser: str
    content: str = ""  # the summary in full, as HTML with absolute links


class FeedInfo(NamedTuple):
    url: str  # where the feed itself lives
    page_url: str  # the page it follows
    title: str
    subtitle: str
    topic_scheme: str  # the URL of the topic index, naming the categories' scheme


def publication_times(chronological: Sequence[Summary]) -> dict[str, dt.datetime]:
    """Each summary's timestamp: its date, then a minute per summary before it
    on that date (``chronological`` is the month's order, oldest first)."""
    times: dict[str, dt.datetime] = {}
    previous, order = None, 0
    for summary in chronological:
        day = (summary.month.year, summary.month.month, summary.day or 1)
        order = order + 1 if day == previous else 0
        previous = day
        times[summary.docname] = (dt.datetime(*day, tzinfo=dt.UTC)
                                  + dt.timedelta(minutes=order))
    return times


def atom_feed(info: FeedInfo, entries: Sequence[FeedEntry]) -> bytes:
    """The Atom document for ``entries`` (given newest first, at least one)."""
    feed = FeedGenerator()
    feed.id(info.url)
    feed.title(info.title)
    feed.subtitle(info.subtitle)
    feed.language("en")
    feed.link(href=info.url, rel="self", type="application/atom+xml")
    feed.link(href=info.page_url, rel="alternate", type="text/html")
    feed.updated(max(e.published for e in entries))
    for item in entries:
        entry = feed.add_entry(order="append")
        entry.id(item.url)
        entry.title(item.title)
        entry.link(href=item.url, rel="alternate", type="text/html")
        entry.published(item.published)
        entry.updated(item.published)
        entry.author(name=item.author)
        for slug, label in item.topics:
            entry.category(term=slug, label=label, scheme=info.topic_scheme)
        if item.teaser:
            entry.summary(item.teaser)
        if item.content:
            entry.content(item.content, type="html")
    return feed.atom_str(pretty=True)


FeedInput = tuple[FeedInfo, list[FeedEntry]]
DIGEST_PREFIX = b"<!-- summary_archive feed input "


def plan_feeds(catalogue: Catalogue, site_title: str, base: str, page_url,
               content: Callable[[str], str] = lambda _docname: "") -> dict[str, FeedInput]:
    """Every feed: its path under the output folder and what it holds.

    ``page_url(docname)`` gives a page's absolute URL, ``content(docname)``
    a summary's full text as HTML.
    """
    vocabulary = catalogue.vocabulary
    scheme = page_url("topics/index")
    times = publication_times(catalogue.chronological)

    def entries(summaries: Iterable[Summary]) -> list[FeedEntry]:
        newest = sorted(summaries, key=lambda s: times[s.docname], reverse=True)[:FEED_LIMIT]
        return [FeedEntry(page_url(s.docname), s.title, times[s.docname], s.author,
                          tuple((slug, vocabulary.topics.get(slug).label) for slug in s.topics),
                          s.teaser, content(s.docname))
                for s in newest]

    feeds: dict[str, FeedInput] = {}
    if catalogue.chronological:
        feeds[ARCHIVE_FEED] = (
            FeedInfo(urljoin(base, ARCHIVE_FEED), page_url("index"), site_title,
                     f"Every summary in {site_title}, newest first.", scheme),
            entries(catalogue.chronological))
    for facet, groups, folder, path_of in (
            (vocabulary.topics, catalogue.by_topic, "topics", topic_feed),
            (vocabulary.research_types, catalogue.by_type, "research-types", type_feed)):
        for term in facet.terms:
            if groups.get(term.slug):
                feeds[path_of(term.slug)] = (
                    FeedInfo(urljoin(base, path_of(term.slug)), page_url(f"{folder}/{term.slug}"),
                             f"{site_title}: {term.label}",
                             term.description or f"Summaries: {term.label}, newest first.",
                             scheme),
                    entries(groups[term.slug]))
    return feeds


def digest_line(feed: FeedInput) -> bytes:
    digest = hashlib.blake2b(repr(feed).encode(), digest_size=16).hexdigest()
    return DIGEST_PREFIX + digest.encode() + b" -->\n"


def feed_document(feed: FeedInput) -> bytes:
    """The feed's bytes, with a comment naming the digest of what it holds:
    the next build compares digests and skips generating unchanged feeds."""
    data = atom_feed(*feed)
    declaration_end = data.index(b"?>") + 3
    return data[:declaration_end] + digest_line(feed) + data[declaration_end:]


def is_current(path: Path, feed: FeedInput) -> bool:
    if not path.exists():
        return False
    with path.open("rb") as existing:
        head = existing.read(200)
    return digest_line(feed) in head


def sync_feeds(outdir: Path, feeds: dict[str, FeedInput]) -> tuple[list[str], list[str]]:
    """Write feeds whose contents changed; remove feeds no longer planned."""
    written, removed = [], []
    for relative, feed in feeds.items():
        path = outdir / relative
        if is_current(path, feed):
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(feed_document(feed))
        written.append(relative)
    for path in (outdir / FEED_FOLDER).rglob("*.xml"):
        relative = path.relative_to(outdir).as_posix()
        if relative not in feeds:
            path.unlink()
            removed.append(relative)
    return written, removed


def is_html_build(app: Sphinx) -> bool:
    return app.builder.format == "html" and app.builder.name not in ("singlehtml",)


def site_title(app: Sphinx) -> str:
    return app.config.html_title or app.config.project


def write_feeds(app: Sphinx, exception: Exception | None) -> None:
    """build-finished: write the feeds of an HTML build that succeeded."""
    if exception is not None or not is_html_build(app):
        return
    base = base_url(app.config)
    catalogue = app.env.get_domain("archive").catalogue
    if not base or catalogue is None:
        return

    def page_url(docname: str) -> str:
        return urljoin(base, app.builder.get_target_uri(docname))

    contents: dict[str, str] = {}  # a summary is in several feeds: read it once

    def content(docname: str) -> str:
        if docname not in contents:
            contents[docname] = stored_content(app, docname)
        return contents[docname]

    feeds = plan_feeds(catalogue, site_title(app), base, page_url, content)
    written, removed = sync_feeds(Path(app.outdir), feeds)
    if written or removed:
        logger.info("archive: wrote %d and removed %d feed(s)", len(written), len(removed))


EVERY_SUMMARY = "every summary"  # the label of the archive's own feed


def page_feeds(catalogue: Catalogue | None, pagename: str) -> list[tuple[str, str]]:
    """The feeds a page offers, (path, label), its own first: every page the
    archive's, a topic's or research type's page also its own (if it has one)."""
    if catalogue is None or not catalogue.chronological:
        return []
    vocabulary = catalogue.vocabulary
    offered = [(ARCHIVE_FEED, EVERY_SUMMARY)]
    folder, _, slug = pagename.partition("/")
    for name, facet, groups, path_of in (
            ("topics", vocabulary.topics, catalogue.by_topic, topic_feed),
            ("research-types", vocabulary.research_types, catalogue.by_type, type_feed)):
        if folder == name and slug in facet.slugs and groups.get(slug):
            offered.insert(0, (path_of(slug), facet.get(slug).label))
    return offered
