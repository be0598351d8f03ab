"""The real archive's references: every reviewed article in APA 7 on its
summary and on the References page (with back-links), and each summary's
cite-this block and citation meta tags. Built strictly, as `make html` does."""

from __future__ import annotations

from pathlib import Path

import pytest
from pybtex.database import parse_file

from helpers import article, build_real_archive, links, soup
from summary_archive import frontmatter
from summary_archive.csl import ApaReferences, plain_text
from summary_archive.model import MONTH_NAMES

REPO = Path(__file__).resolve().parent.parent
DOCS = REPO / "docs"
BASE_URL = "https://summaries.test.invalid/archive/"  # conf.py takes it from ARCHIVE_BASE_URL


@pytest.fixture(scope="module")
def outdir(tmp_path_factory) -> Path:
    return build_real_archive(tmp_path_factory.mktemp("real-references") / "html", BASE_URL)


def summaries() -> dict[str, dict]:
    pages = sorted(DOCS.glob("[0-9][0-9][0-9][0-9]/[0-9][0-9]/*.md"))
    return {p.relative_to(DOCS).with_suffix("").as_posix(): frontmatter.parse(p.read_text()).fields
            for p in pages if p.stem != "index"}


def plain(node) -> str:
    return " ".join(node.get_text().split())


APA = ApaReferences.from_pybtex(parse_file(str(REPO / "references.bib")).entries)


def test_each_summary_opens_with_its_articles_apa_reference(outdir):
    for docname, fields in summaries().items():
        reference = article(outdir, f"{docname}.html").select_one("p.reviewed-reference")
        assert plain(reference) == plain_text(APA.reference(fields["reviews"])), docname


def test_references_page_lists_all_six_articles_with_back_links(outdir):
    entries = article(outdir, "references.html").select("div.apa-entry")
    assert len(entries) == 6
    shown = [plain(entry.select_one("p.apa-reference")) for entry in entries]
    assert shown == [plain_text(APA.reference(key)) for key in APA.keys]
    assert shown[0].startswith("Constantino, M. J.") and shown[-1].startswith("Moritz, S.")
    reviewers = {fields["reviews"]: (docname, fields["title"])
                 for docname, fields in summaries().items()}
    for key, entry in zip(APA.keys, entries, strict=True):
        docname, title = reviewers[key]
        assert links(entry.select_one("p.apa-cited-by")) == {title: f"{docname}.html"}


def test_each_summary_has_cite_this_and_meta_tags(outdir):
    for docname, fields in summaries().items():
        url = f"{BASE_URL}{docname}.html"
        block = article(outdir, f"{docname}.html").select_one("div.cite-this")
        # APA 7, blog post: Author, A. A. (Year, Month). Title. Blog Name. URL
        assert fields["author"] == "Giorgio A. Tasca"
        year, month = map(int, str(fields["date"]).split("-"))
        title = fields["title"] + ("" if fields["title"].endswith("?") else ".")
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
