"""The real archive on the web: sitemap, canonical URLs, OpenGraph and
description tags, the 404 page, and the feeds, all under one base URL."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import feedparser

from helpers import real_summaries as summaries
from helpers import real_vocabulary, soup

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def pages(outdir: Path) -> list[str]:
    return sorted(p.relative_to(outdir).as_posix() for p in outdir.rglob("*.html")
                  if not p.relative_to(outdir).as_posix().startswith("_static/"))


def test_sitemap_lists_every_page_under_the_base_url(site):
    base, outdir = site
    root = ET.parse(outdir / "sitemap.xml").getroot()
    listed = sorted(loc.text.removeprefix(base) for loc in root.iter(f"{SITEMAP}loc"))
    assert all(loc.text.startswith(base) for loc in root.iter(f"{SITEMAP}loc"))
    assert {f"{docname}.html" for docname in summaries()} <= set(listed)
    assert {"index.html", "archive.html", "topics/index.html", "references.html"} <= set(listed)
    assert set(listed) == set(pages(outdir)) - {"search.html", "genindex.html", "404.html"}


def test_every_page_has_a_canonical_url_and_opengraph_tags(site):
    base, outdir = site
    for page in pages(outdir):
        if page in ("404.html", "search.html", "genindex.html"):
            continue
        head = soup(outdir, page).head
        assert head.find("link", rel="canonical")["href"] == base + page, page
        og = {tag["property"]: tag["content"] for tag in head.find_all("meta", property=True)}
        assert og["og:url"] == base + page, page
        assert og["og:title"] and og["og:site_name"] == "PPRNet Research Summaries", page
        assert og.get("og:description"), page
        assert head.find("meta", attrs={"name": "description"})["content"], page


def test_summary_pages_describe_themselves_with_their_teaser(site):
    _, outdir = site
    for docname, fields in summaries().items():
        head = soup(outdir, f"{docname}.html").head
        assert head.find("meta", attrs={"name": "description"})["content"] == fields["teaser"]
        og = {tag["property"]: tag["content"] for tag in head.find_all("meta", property=True)}
        assert og["og:description"] == fields["teaser"] and og["og:type"] == "article"


def test_the_404_page_links_back_from_any_depth(site):
    base, outdir = site
    page = soup(outdir, "404.html")
    assert page.h1.get_text(strip=True).startswith("Page not found")
    hrefs = [a["href"] for a in page.find("article").find_all("a")]
    assert base in hrefs and f"{base}topics/index.html" in hrefs
    # Its styles load from the site root, so the page works at any missing path.
    assert all(link["href"].startswith("/") for link in page.head.find_all("link", rel="stylesheet"))


def test_real_feeds_parse_and_hold_the_right_summaries(site):
    base, outdir = site
    vocabulary = real_vocabulary()
    fields = summaries()
    archive = feedparser.parse((outdir / "feeds/archive.xml").read_bytes())
    assert archive.bozo == 0
    assert sorted(e.link for e in archive.entries) == sorted(f"{base}{d}.html" for d in fields)
    published = [e.published_parsed for e in archive.entries]
    assert published == sorted(published, reverse=True)
    for term in vocabulary.topics.terms:
        feed = feedparser.parse((outdir / f"feeds/topics/{term.slug}.xml").read_bytes())
        assert feed.bozo == 0, term.slug
        expected = {f"{base}{d}.html" for d, f in fields.items() if term.slug in f["topics"]}
        assert {e.link for e in feed.entries} == expected, term.slug
    landing = soup(outdir, "index.html").head
    assert landing.find("link", type="application/atom+xml")["href"] == f"{base}feeds/archive.xml"
