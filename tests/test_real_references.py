"""The real archive's references: every reviewed article in APA 7 on its
summary and on the References page (with back-links), and each summary's
cite-this block and citation meta tags. Built strictly, as `make html` does."""

from __future__ import annotations

import pytest
from pybtex.database import parse_file

from helpers import REPO, article, links, real_summaries, soup
from summary_archive.citations.csl_json import csl_item
from summary_archive.citations.engine import ApaBibliography, plain_text
from summary_archive.core.text import MONTH_NAMES


@pytest.fixture(scope="module")
def outdir(real_archive):
    return real_archive


@pytest.fixture(scope="module")
def base_url(real_site) -> str:
    return real_site[0]  # conf.py takes it from ARCHIVE_BASE_URL


def summaries() -> dict[str, dict]:
    return real_summaries()


def plain(node) -> str:
    return " ".join(node.get_text().split())


@pytest.fixture(scope="module")
def apa() -> ApaBibliography:
    """The real bibliography as the engine renders it (checked against
    citeproc-js itself in tests/unit/test_csl.py)."""
    entries = parse_file(str(REPO / "references.bib")).entries
    return ApaBibliography.update(None, {key: csl_item(key, entry)
                                         for key, entry in entries.items()}, [])


def test_each_summary_opens_with_its_articles_apa_reference(outdir, apa):
    APA = apa
    for docname, fields in summaries().items():
        reference = article(outdir, f"{docname}.html").select_one("p.reviewed-reference")
        assert plain(reference) == plain_text(APA.reference(fields["reviews"])), docname


def test_references_page_lists_every_article_with_back_links(outdir, apa):
    APA = apa
    entries = article(outdir, "references.html").select("div.apa-entry")
    assert len(entries) == len(APA.keys) == len(parse_file(str(REPO / "references.bib")).entries)
    shown = [plain(entry.select_one("p.apa-reference")) for entry in entries]
    assert shown == [plain_text(APA.reference(key)) for key in APA.keys]
    reviewers = {fields["reviews"]: (docname, fields["title"])
                 for docname, fields in summaries().items()}
    for key, entry in zip(APA.keys, entries, strict=True):
        docname, title = reviewers[key]
        assert links(entry.select_one("p.apa-cited-by")) == {title: f"{docname}.html"}


def test_each_summary_has_cite_this_and_meta_tags(outdir, base_url):
    for docname, fields in summaries().items():
        url = f"{base_url}{docname}.html"
        block = article(outdir, f"{docname}.html").select_one("div.cite-this")
        # APA 7, blog post: Author, A. A. (Year, Month). Title. Blog Name. URL
        assert fields["author"] == "Giorgio A. Tasca"
        year, month = map(int, str(fields["date"]).split("-"))
        # citeproc-js, like Zotero, sets apostrophes as typographic ones.
        title = fields["title"].replace("'", "\u2019")
        title += "" if title.endswith("?") else "."
        assert plain(block.select_one("p.cite-this-apa")) == (
            f"Tasca, G. A. ({year}, {MONTH_NAMES[month - 1]}). {title} "
            f"PPRNet Research Summaries. {url}")
        assert block.select_one("a.cite-this-download")["href"].endswith(".bib")
        head = soup(outdir, f"{docname}.html").head
        meta = {m["name"]: m["content"] for m in head.find_all("meta", attrs={"name": True})}
        assert meta["citation_title"] == fields["title"]
        assert meta["citation_author"] == "Tasca, Giorgio A."
        assert meta["citation_date"] == str(fields["date"]).replace("-", "/")
        assert meta["citation_public_url"] == url
