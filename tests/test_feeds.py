"""Atom feeds and the facets' JSON index, built from the small test archive.

The feeds are read back with feedparser, as a feed reader would; each must
parse without complaint (bozo == 0) and hold exactly the right summaries.
"""

from __future__ import annotations

import json

import feedparser
import pytest

from helpers import soup

BASE = "https://archive.example.org/"  # archive_base_url of tests/roots/test-archive
TITLE = "Test archive"  # its html_title
NEWEST_FIRST = ["2021/08/gamma", "2021/07/beta", "2021/07/alpha", "2020/12/delta"]
TOPICS = ["adherence", "alliance-and-therapeutic-relationship", "empathy", "therapist-factors"]


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


def test_one_feed_per_topic_and_no_other(built):
    feeds = sorted(p.relative_to(built.outdir).as_posix() for p in built.outdir.rglob("*.xml"))
    assert feeds == ["feeds/archive.xml"] + [f"feeds/topics/{t}.xml" for t in TOPICS]


def test_pages_link_their_feeds_in_the_head(built):
    def alternates(page):
        return [(link["title"], link["href"]) for link in
                soup(built.outdir, page).head.find_all("link", rel="alternate",
                                                      type="application/atom+xml")]

    archive_feed = (f"{TITLE} (all summaries)", BASE + "feeds/archive.xml")
    assert alternates("index.html") == [archive_feed]
    assert alternates("2021/07/alpha.html") == [archive_feed]
    assert alternates("topics/empathy.html") == [
        (f"{TITLE}: Empathy", BASE + "feeds/topics/empathy.xml"), archive_feed]
    assert alternates("research-types/meta-analysis.html") == [archive_feed]


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
    assert soup(built.outdir, "research-types/meta-analysis.html").find(
        "div", class_="archive-facets") is None
