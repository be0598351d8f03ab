"""Atom feeds and the facets' JSON index, built from the small test archive.

The feeds are read back with feedparser, as a feed reader would; each must
parse without complaint (bozo == 0) and hold exactly the right summaries.
"""

from __future__ import annotations

import json

import feedparser
import pytest
from bs4 import BeautifulSoup

from helpers import soup

BASE = "https://archive.example.org/"  # archive_base_url of tests/roots/test-archive
TITLE = "Test archive"  # its html_title
NEWEST_FIRST = ["2021/08/gamma", "2021/07/beta", "2021/07/alpha", "2020/12/delta"]
TOPICS = ["adherence", "alliance-and-therapeutic-relationship", "empathy", "therapist-factors"]
TYPES = ["meta-analysis", "qualitative-study", "randomized-controlled-trial"]


@pytest.fixture
def own_build(make_app, copy_root):
    """A build of its own, for the tests that build again or edit a page."""
    app = make_app("html", srcdir=copy_root("archive"))
    app.build()
    app.cleanup()  # a second app in one process needs docutils' registry reset
    assert app.warning.getvalue() == ""
    return app


def parse(app, relative: str):
    feed = feedparser.parse((app.outdir / relative).read_bytes())
    assert feed.bozo == 0, feed.get("bozo_exception")
    assert feed.version == "atom10"
    return feed


def urls(feed) -> list[str]:
    return [entry.link for entry in feed.entries]


def test_archive_feed_holds_every_summary_newest_first(built):
    feed = parse(built, "feeds/archive.xml")
    assert feed.feed.title == TITLE
    assert feed.feed.id == BASE + "feeds/archive.xml"
    assert {(link.rel, link.href) for link in feed.feed.links} == {
        ("self", BASE + "feeds/archive.xml"), ("alternate", BASE + "index.html")}
    assert urls(feed) == [f"{BASE}{docname}.html" for docname in NEWEST_FIRST]
    gamma = feed.entries[0]
    assert gamma.title == "Gamma <script>alert(1)</script> & Co"
    assert gamma.id == BASE + "2021/08/gamma.html"
    assert gamma.published.startswith("2021-08-01")
    assert gamma.summary == "Gamma <b>bold</b> teaser."
    assert gamma.author == "Test Author"
    assert [(tag.term, tag.label) for tag in gamma.tags] == [
        ("empathy", "Empathy"), ("adherence", "Adherence")]
    assert {tag.scheme for tag in gamma.tags} == {BASE + "topics/index.html"}
    beta = feed.entries[1]
    assert beta.published.startswith("2021-07-15")  # the day, where front matter gives one
    assert feed.feed.updated.startswith("2021-08-01")  # the newest summary, not the clock


@pytest.mark.parametrize("topic, expected", [
    ("empathy", ["2021/08/gamma", "2021/07/alpha"]),
    ("alliance-and-therapeutic-relationship", ["2021/07/beta", "2020/12/delta"]),
    ("adherence", ["2021/08/gamma"]),
    ("therapist-factors", ["2021/07/alpha"]),
])
def test_each_topic_feed_holds_exactly_its_summaries(built, topic, expected):
    feed = parse(built, f"feeds/topics/{topic}.xml")
    assert urls(feed) == [f"{BASE}{docname}.html" for docname in expected]
    assert feed.feed.links[1].href == f"{BASE}topics/{topic}.html"
    assert all(topic in [tag.term for tag in entry.tags] for entry in feed.entries)


def test_one_feed_per_topic_and_research_type_with_summaries_and_no_other(built):
    feeds = sorted(p.relative_to(built.outdir).as_posix() for p in built.outdir.rglob("*.xml"))
    assert feeds == (["feeds/archive.xml"] + [f"feeds/topics/{t}.xml" for t in TOPICS]
                     + [f"feeds/types/{t}.xml" for t in TYPES])


def test_type_feeds_hold_their_summaries(built):
    feed = parse(built, "feeds/types/meta-analysis.xml")
    assert urls(feed) == [f"{BASE}2021/07/alpha.html", f"{BASE}2020/12/delta.html"]
    assert feed.feed.links[1].href == f"{BASE}research-types/meta-analysis.html"


def test_each_entry_carries_the_summary_in_full_with_absolute_links(built):
    gamma = parse(built, "feeds/archive.xml").entries[0]
    content = gamma.content[0]
    assert content.type == "text/html"
    body = BeautifulSoup(content.value, "html.parser")
    words = " ".join(body.get_text(" ").split())
    assert "Practice Implications" in words and "Reviewed article" in words
    # Its references, but neither the cite-this block nor related or neighbour links.
    assert body.select_one(".summary-references") is not None
    for left_out in (".cite-this", ".summary-related", ".summary-neighbours", "h1", "script"):
        assert body.select_one(left_out) is None, left_out
    hrefs = [a["href"] for a in body.find_all("a", href=True)]
    # Absolute: the archive's own pages under its address, the DOI as it is.
    assert hrefs and all(href.startswith((BASE, "https://doi.org/")) for href in hrefs)
    assert f"{BASE}topics/empathy.html" in hrefs
    assert f"{BASE}references.html#ref-smith2020warmth" in hrefs


def test_distinct_timestamps_and_no_feed_for_an_empty_research_type(make_app, copy_root):
    """Two summaries of one month without a day: the month's first day, then a
    minute later for the second in the month's order. Without beta, the
    qualitative studies have no summary: no feed, and no link to one."""
    srcdir = copy_root("archive")
    twin = (srcdir / "2021/08/gamma.md").read_text().replace(
        'title: "Gamma <script>alert(1)</script> & Co"', 'title: "Gamma twin"')
    (srcdir / "2021/08/gamma-twin.md").write_text(twin)
    (srcdir / "2021/07/beta.md").unlink()
    app = make_app("html", srcdir=srcdir)
    app.build()
    app.cleanup()
    assert app.warning.getvalue() == ""
    entries = {e.link: e.published for e in parse(app, "feeds/archive.xml").entries}
    assert entries[f"{BASE}2021/08/gamma.html"].startswith("2021-08-01T00:00:00")
    assert entries[f"{BASE}2021/08/gamma-twin.html"].startswith("2021-08-01T00:01:00")
    assert entries[f"{BASE}2021/07/alpha.html"].startswith("2021-07-01T00:00:00")
    assert len(set(entries.values())) == len(entries)
    assert not (app.outdir / "feeds/types/qualitative-study.xml").exists()
    empty_type = soup(app.outdir, "research-types/qualitative-study.html")
    assert [link["href"] for link in empty_type.head.find_all(
        "link", type="application/atom+xml")] == [BASE + "feeds/archive.xml"]
    assert [a["href"] for a in empty_type.find("p", class_="archive-subscribe").find_all("a")] \
        == ["../feeds/archive.xml"]


def test_pages_link_their_feeds_in_the_head(built):
    def alternates(page):
        return [(link["title"], link["href"]) for link in
                soup(built.outdir, page).head.find_all("link", rel="alternate",
                                                      type="application/atom+xml")]

    archive_feed = (f"{TITLE}: every summary", BASE + "feeds/archive.xml")
    assert alternates("index.html") == [archive_feed]
    assert alternates("2021/07/alpha.html") == [archive_feed]
    assert alternates("topics/empathy.html") == [
        (f"{TITLE}: Empathy", BASE + "feeds/topics/empathy.xml"), archive_feed]
    assert alternates("research-types/meta-analysis.html") == [
        (f"{TITLE}: Meta-analysis", BASE + "feeds/types/meta-analysis.xml"), archive_feed]


def test_landing_archive_topic_and_type_pages_show_subscribe_links(built):
    def subscribe(page):
        line = soup(built.outdir, page).find("p", class_="archive-subscribe")
        return line and [(a.get_text(), a["href"]) for a in line.find_all("a")]

    assert subscribe("index.html") == [("every new summary", "feeds/archive.xml")]
    assert subscribe("archive.html") == [("every new summary", "feeds/archive.xml")]
    assert subscribe("topics/empathy.html") == [
        ("Empathy", "../feeds/topics/empathy.xml"), ("every new summary", "../feeds/archive.xml")]
    assert subscribe("research-types/meta-analysis.html") == [
        ("Meta-analysis", "../feeds/types/meta-analysis.xml"),
        ("every new summary", "../feeds/archive.xml")]
    assert subscribe("2021/07/alpha.html") is None  # a summary's page has its own ending


def test_an_unchanged_archive_leaves_the_feeds_untouched(own_build, make_app):
    feeds = list(own_build.outdir.rglob("*.xml")) + [own_build.outdir / "archive-index.json"]
    before = {path: path.stat().st_mtime_ns for path in feeds}
    again = make_app("html", srcdir=own_build.srcdir)
    again.build()
    again.cleanup()
    assert {path: path.stat().st_mtime_ns for path in feeds} == before


def test_a_changed_summary_rewrites_the_feeds_that_show_it(own_build, make_app):
    page = own_build.srcdir / "2020/12/delta.md"
    page.write_text(page.read_text().replace('title: "Delta trial"', 'title: "Delta, renamed"'))
    empathy = own_build.outdir / "feeds/topics/empathy.xml"
    before = empathy.stat().st_mtime_ns
    again = make_app("html", srcdir=own_build.srcdir)
    again.build()
    again.cleanup()
    assert parse(again, "feeds/archive.xml").entries[3].title == "Delta, renamed"
    assert parse(again, "feeds/topics/alliance-and-therapeutic-relationship.xml") \
        .entries[1].title == "Delta, renamed"
    assert empathy.stat().st_mtime_ns == before  # delta is not about empathy


def test_without_a_base_url_there_are_no_feeds(make_app, copy_root):
    app = make_app("html", srcdir=copy_root("archive"), confoverrides={"archive_base_url": ""})
    app.build()
    assert app.warning.getvalue() == ""
    assert not (app.outdir / "feeds").exists()
    assert soup(app.outdir, "index.html").head.find("link", rel="alternate") is None


def test_html_baseurl_is_enough(make_app, copy_root):
    app = make_app("html", srcdir=copy_root("archive"),
                   confoverrides={"archive_base_url": "",
                                  "html_baseurl": "https://example.net/site"})
    app.build()
    assert urls(parse(app, "feeds/topics/adherence.xml")) == [
        "https://example.net/site/2021/08/gamma.html"]


def test_the_latex_build_writes_no_feeds_and_no_index(make_app, copy_root):
    app = make_app("latex", srcdir=copy_root("archive"),
                   )
    app.build()
    assert app.warning.getvalue() == ""
    assert not (app.outdir / "feeds").exists()
    assert not (app.outdir / "archive-index.json").exists()


def test_json_index_lists_every_summary_for_the_facets(built):
    index = json.loads((built.outdir / "archive-index.json").read_text(encoding="utf-8"))
    summaries = index["summaries"]
    assert [s["url"] for s in summaries] == [f"{docname}.html" for docname in NEWEST_FIRST]
    gamma = summaries[0]
    assert gamma == {
        "url": "2021/08/gamma.html", "title": "Gamma <script>alert(1)</script> & Co",
        "month": "2021-08", "month_label": "August 2021", "month_url": "2021/08/index.html",
        "year": 2021, "research_type": "randomized-controlled-trial",
        "topics": ["empathy", "adherence"], "teaser": "Gamma <b>bold</b> teaser."}
    assert [t["slug"] for t in index["research_types"]] == [
        "meta-analysis", "qualitative-study", "randomized-controlled-trial"]
    assert index["research_types"][0]["url"] == "research-types/meta-analysis.html"


def test_archive_and_topic_pages_mark_where_the_facets_go(built):
    # The script builds the form there (see tests/web); the page holds no words
    # of it, so search results do not quote them.
    archive_facets = soup(built.outdir, "archive.html").find("div", class_="archive-facets")
    assert archive_facets["data-scope"] == "all" and archive_facets.has_attr("hidden")
    topic = soup(built.outdir, "topics/empathy.html").find("div", class_="archive-facets")
    assert topic["data-scope"] == "topic:empathy" and topic["id"] == "facets-topic-empathy"
    assert topic.get_text(strip=True) == ""
    kind = soup(built.outdir, "research-types/meta-analysis.html").find(
        "div", class_="archive-facets")
    assert kind["data-scope"] == "type:meta-analysis"
