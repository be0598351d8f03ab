"""The real archive on the web: sitemap, canonical URLs, OpenGraph and
description tags, the 404 page, and the feeds, all under one base URL; and
the same archive built with no address, which names no host of its own."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urlsplit

import feedparser

from helpers import REPO, real_vocabulary, soup, strip_ansi
from helpers import real_summaries as summaries
from summary_archive.web.feeds import FEED_LIMIT

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
    # Links from the site's root path: right at any depth, on any host.
    root = urlsplit(base).path
    hrefs = [a["href"] for a in page.find("article").find_all("a")]
    assert f"{root}index.html" in hrefs and f"{root}topics/index.html" in hrefs
    # Its styles load from the site root, so the page works at any missing path.
    assert all(link["href"].startswith("/") for link in page.head.find_all("link", rel="stylesheet"))


ATOM = "{http://www.w3.org/2005/Atom}"


def assert_valid_atom(data: bytes) -> None:
    """What RFC 4287 requires of a feed and its entries, beyond parsing."""
    feed = ET.fromstring(data)
    assert feed.tag == f"{ATOM}feed"

    def one(element, name: str) -> ET.Element:
        found = element.findall(f"{ATOM}{name}")
        assert len(found) == 1, name
        return found[0]

    for name in ("id", "title", "updated"):
        assert one(feed, name).text
    assert [link.get("href") for link in feed.findall(f"{ATOM}link")
            if link.get("rel") == "self"] == [one(feed, "id").text]
    ids = []
    for entry in feed.findall(f"{ATOM}entry"):
        ids.append(one(entry, "id").text)
        for name in ("title", "updated", "published"):
            assert one(entry, name).text, name
        assert one(one(entry, "author"), "name").text  # the feed has no author of its own
        assert one(entry, "content").get("type") == "html"
    assert ids and len(set(ids)) == len(ids)


def test_real_feeds_parse_and_hold_the_right_summaries(site):
    base, outdir = site
    vocabulary = real_vocabulary()
    fields = summaries()
    archive = feedparser.parse((outdir / "feeds/archive.xml").read_bytes())
    assert archive.bozo == 0
    assert_valid_atom((outdir / "feeds/archive.xml").read_bytes())
    def date(docname: str) -> tuple:  # the archive's order: month, day (none first), name
        day = str(fields[docname]["date"]).split("-")[2:]
        return (*docname.split("/")[:2], int(day[0]) if day else 0, docname)

    newest = sorted(fields, key=date, reverse=True)[:FEED_LIMIT]
    assert sorted(e.link for e in archive.entries) == sorted(f"{base}{d}.html" for d in newest)
    published = [e.published_parsed for e in archive.entries]
    assert published == sorted(published, reverse=True)
    assert len(set(published)) == len(published)  # distinct, so readers keep every entry
    for entry in archive.entries:  # each in full: the text, and its Practice Implications
        assert "Practice Implications" in entry.content[0].value, entry.link
    for facet, groups, folder in ((vocabulary.topics, "topics", "topics"),
                                  (vocabulary.research_types, "research_type", "types")):
        for term in facet.terms:
            path = outdir / f"feeds/{folder}/{term.slug}.xml"
            expected = {f"{base}{d}.html" for d, f in fields.items()
                        if term.slug in (f[groups] if groups == "topics" else [f[groups]])}
            if not expected:  # nothing to date it by: no feed
                assert not path.exists(), term.slug
                continue
            feed = feedparser.parse(path.read_bytes())
            assert feed.bozo == 0, term.slug
            assert_valid_atom(path.read_bytes())
            assert {e.link for e in feed.entries} == expected, term.slug
    landing = soup(outdir, "index.html").head
    assert landing.find("link", type="application/atom+xml")["href"] == f"{base}feeds/archive.xml"


def hosts(outdir: Path) -> set[str]:
    """Every host an absolute URL in the built pages, feeds, index or BibTeX names."""
    found: set[str] = set()
    for path in outdir.rglob("*"):
        if path.suffix in (".html", ".xml", ".json", ".bib") and "_static" not in path.parts:
            found |= set(re.findall(r"https?://([^/\"'<>\s]+)", path.read_text(encoding="utf-8")))
    return found


def test_without_an_address_the_site_names_no_host_and_says_so_once(site, tmp_path):
    """The same archive built with no address (no ARCHIVE_BASE_URL, no
    READTHEDOCS_CANONICAL_URL): strict, and no host that the build with an
    address does not name besides its own (no placeholder)."""
    base, outdir = site
    bare = tmp_path / "html"
    env = {k: v for k, v in os.environ.items()
           if k not in ("ARCHIVE_BASE_URL", "READTHEDOCS_CANONICAL_URL", "READTHEDOCS")}
    result = subprocess.run(
        [sys.executable, "-m", "sphinx", "-b", "html", "-c", str(REPO), "-W", "--keep-going",
         "-n", "-d", str(tmp_path / "doctrees"), str(REPO / "docs"), str(bare)],
        capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stderr
    assert strip_ansi(result.stdout).count("no published address is set") == 1
    own_host = urlsplit(base).netloc
    assert hosts(bare) <= hosts(outdir) - {own_host}
    assert not (bare / "feeds").exists() and not (bare / "sitemap.xml").exists()
    page = soup(bare, "2021/08/patients-crying-in-psychotherapy.html")
    assert page.head.find("link", rel="canonical") is None
    assert page.head.find("meta", attrs={"name": "citation_public_url"}) is None
    assert page.find("p", class_="archive-subscribe") is None


def test_each_page_loads_what_it_needs_once(site):
    """One viewport tag, a favicon, the search index on the search page only,
    and no script the pages do not use (the theme's fontawesome.js)."""
    _, outdir = site
    for page in pages(outdir):
        head = soup(outdir, page).head
        assert len(head.find_all("meta", attrs={"name": "viewport"})) == 1, page
        assert head.find("link", rel="icon")["href"].endswith("favicon.svg"), page
        scripts = [tag.get("src", "") for tag in soup(outdir, page).find_all("script")]
        assert not any("fontawesome" in src for src in scripts), page
        assert any("searchindex.js" in src for src in scripts) == (page == "search.html"), page


def test_practice_implications_are_set_apart_on_every_summary(site):
    _, outdir = site
    for docname in summaries():
        sections = soup(outdir, f"{docname}.html").select("section.practice-implications")
        assert [s.find(["h2", "h3"]).get_text(strip=True).rstrip("#") for s in sections] == [
            "Practice Implications"], docname
