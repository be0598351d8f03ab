"""A month's page in full, and the feeds' full entries, across incremental
builds: an edit to a summary's text reaches its month's page and its feed
entries, and nothing else is written again."""

from __future__ import annotations

import shutil

import feedparser

from helpers import article, html_mtimes, text
from summary_archive.web.feed_content import STORE


def entry_content(outdir, link: str) -> str:
    feed = feedparser.parse((outdir / "feeds/archive.xml").read_bytes())
    return next(e.content[0].value for e in feed.entries if e.link == link)


def test_a_text_edit_reaches_its_month_page_and_feed_entry(make_app, copy_root):
    srcdir = copy_root("archive")
    first = make_app("html", srcdir=srcdir)
    first.build()
    first.cleanup()
    assert first.warning.getvalue() == ""
    outdir = first.outdir
    before = html_mtimes(outdir)
    feeds_before = {p: p.read_bytes() for p in (outdir / "feeds").rglob("*.xml")}
    page = srcdir / "2021/07/beta.md"
    page.write_text(page.read_text().replace("## Practice Implications",
                                             "A sentence added later.\n\n## Practice Implications"))
    again = make_app("html", srcdir=srcdir)
    again.build()
    again.cleanup()
    assert again.warning.getvalue() == ""
    rewritten = {p for p, mtime in html_mtimes(outdir).items() if before.get(p) != mtime}
    # The summary, its month's page (which shows it in full) and, by Sphinx
    # itself, the year page whose toctree lists that month.
    assert rewritten == {"2021/07/beta.html", "2021/07/index.html", "2021/index.html"}
    month = article(outdir, "2021/07/index.html")
    beta = month.select_one("section#beta")
    assert "A sentence added later." in text(beta)
    assert beta.select_one("section.practice-implications") is not None
    assert "A sentence added later." not in text(month.select_one("section#alpha"))
    base = again.config.archive_base_url
    assert "A sentence added later." in entry_content(outdir, f"{base}2021/07/beta.html")
    # Only the feeds that hold beta were written again.
    changed = {p.relative_to(outdir).as_posix() for p, data in feeds_before.items()
               if p.read_bytes() != data}
    assert changed == {"feeds/archive.xml",
                       "feeds/topics/alliance-and-therapeutic-relationship.xml",
                       "feeds/types/qualitative-study.xml"}


def test_feeds_keep_their_content_when_the_kept_copies_are_gone(make_app, copy_root):
    """A build whose pages were written before (no kept copy of each summary's
    text) reads the text back from the built pages: the feeds stay the same."""
    srcdir = copy_root("archive")
    first = make_app("html", srcdir=srcdir)
    first.build()
    first.cleanup()
    feeds = {p: p.read_bytes() for p in (first.outdir / "feeds").rglob("*.xml")}
    shutil.rmtree(first.doctreedir / STORE)
    again = make_app("html", srcdir=srcdir)
    again.build()
    again.cleanup()
    assert again.warning.getvalue() == ""
    assert {p: p.read_bytes() for p in feeds} == feeds
    assert (first.doctreedir / STORE / "2021/07/beta.fragment").is_file()


def test_a_month_page_has_unique_anchors_and_lists_its_summaries_on_the_side(built):
    from helpers import soup

    page = soup(built.outdir, "2021/07/index.html")
    ids = [tag["id"] for tag in page.find_all(id=True)]
    assert len(ids) == len(set(ids))
    assert {"alpha", "beta"} <= set(ids)
    # Cited works link to the References page from the month's page too.
    links = {a["href"] for a in page.select("section.archive-month-summary a.reference")}
    assert any(href.startswith("../../references.html#ref-") for href in links)
