"""Atom feeds: the whole archive and one per topic, newest first.

``atom_feed`` is pure: plain records in, the feed's bytes out (feedgen writes
the XML). ``write_feeds`` runs when an HTML build finishes, reads the same
catalogue the pages were rendered from, and writes a feed only when what it
holds changed: each feed file carries a digest of its input in a comment, so
an unchanged feed is neither generated nor written again. Every date in a feed
comes from the summaries, never from the clock, for the same reason.

All URLs are absolute, made from one configured base URL
(``archive_base_url``, else ``html_baseurl``); without one there are no feeds.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable, Sequence
from html import escape
from pathlib import Path
from typing import NamedTuple
from urllib.parse import urljoin

from feedgen.feed import FeedGenerator
from sphinx.application import Sphinx
from sphinx.util import logging

from ..core.catalogue import Catalogue
from ..core.model import Summary

logger = logging.getLogger(__name__)

FEED_FOLDER = "feeds"
ARCHIVE_FEED = f"{FEED_FOLDER}/archive.xml"
EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)


def topic_feed(slug: str) -> str:
    return f"{FEED_FOLDER}/topics/{slug}.xml"


class FeedEntry(NamedTuple):
    url: str
    title: str
    published: dt.datetime
    author: str
    topics: tuple[tuple[str, str], ...]  # (slug, label)
    teaser: str


class FeedInfo(NamedTuple):
    url: str  # where the feed itself lives
    page_url: str  # the page it follows
    title: str
    subtitle: str
    topic_scheme: str  # the URL of the topic index, naming the categories' scheme


def published(summary: Summary) -> dt.datetime:
    """A summary's date; a month without a day counts from its first day."""
    return dt.datetime(summary.month.year, summary.month.month, summary.day or 1, tzinfo=dt.UTC)


def atom_feed(info: FeedInfo, entries: Sequence[FeedEntry]) -> bytes:
    """The Atom document for ``entries`` (given newest first)."""
    feed = FeedGenerator()
    feed.id(info.url)
    feed.title(info.title)
    feed.subtitle(info.subtitle)
    feed.language("en")
    feed.link(href=info.url, rel="self", type="application/atom+xml")
    feed.link(href=info.page_url, rel="alternate", type="text/html")
    feed.updated(max((e.published for e in entries), default=EPOCH))
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
    return feed.atom_str(pretty=True)


def base_url(config) -> str:
    """The archive's published address, ending in a slash; '' if none is set."""
    url = config.archive_base_url or config.html_baseurl or ""
    return url if not url or url.endswith("/") else url + "/"


FeedInput = tuple[FeedInfo, list[FeedEntry]]
DIGEST_PREFIX = b"<!-- summary_archive feed input "


def plan_feeds(catalogue: Catalogue, site_title: str, base: str,
               page_url) -> dict[str, FeedInput]:
    """Every feed: its path under the output folder and what it holds.

    ``page_url(docname)`` gives a page's absolute URL.
    """
    topics = catalogue.vocabulary.topics
    scheme = page_url("topics/index")

    def entries(summaries: Iterable[Summary]) -> list[FeedEntry]:
        return [FeedEntry(page_url(s.docname), s.title, published(s), s.author,
                          tuple((slug, topics.get(slug).label) for slug in s.topics), s.teaser)
                for s in summaries]

    newest_first = catalogue.chronological[::-1]
    feeds = {ARCHIVE_FEED: (
        FeedInfo(urljoin(base, ARCHIVE_FEED), page_url("index"), site_title,
                 f"Every summary in {site_title}, newest first.", scheme),
        entries(newest_first))}
    for term in topics.terms:
        path = topic_feed(term.slug)
        feeds[path] = (
            FeedInfo(urljoin(base, path), page_url(f"topics/{term.slug}"),
                     f"{site_title}: {term.label}",
                     term.description or f"Summaries on {term.label}, newest first.", scheme),
            entries(catalogue.by_topic.get(term.slug, ())))
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

    feeds = plan_feeds(catalogue, site_title(app), base, page_url)
    written, removed = sync_feeds(Path(app.outdir), feeds)
    if written or removed:
        logger.info("archive: wrote %d and removed %d feed(s)", len(written), len(removed))


def feed_links(app: Sphinx, pagename: str, templatename: str, context: dict,
               doctree) -> None:
    """html-page-context: autodiscovery links to the feeds in each page's head."""
    base = base_url(app.config)
    if not base or not is_html_build(app):
        return
    title = site_title(app)
    links = [(urljoin(base, ARCHIVE_FEED), f"{title} (all summaries)")]
    folder, _, slug = pagename.partition("/")
    topics = app.env.get_domain("archive").vocabulary.topics
    if folder == "topics" and slug in topics.slugs:
        links.insert(0, (urljoin(base, topic_feed(slug)), f"{title}: {topics.get(slug).label}"))
    tags = "".join(f'<link rel="alternate" type="application/atom+xml" '
                   f'title="{escape(text)}" href="{escape(href)}" />\n' for href, text in links)
    context["metatags"] = context.get("metatags", "") + tags
