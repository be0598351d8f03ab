"""Build the real archive (docs/) strictly, as `make html` does, and check it.

Counts are checked against the summaries' own front matter, read with the
extension's pure functions, so the test does not restate the data.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from pybtex.database import parse_file

from helpers import article, build_real_archive, links, text
from summary_archive import frontmatter
from summary_archive.model import Month
from summary_archive.vocabulary import load_vocabulary

REPO = Path(__file__).resolve().parent.parent
DOCS = REPO / "docs"


@pytest.fixture(scope="module")
def outdir(tmp_path_factory) -> Path:
    return build_real_archive(tmp_path_factory.mktemp("real") / "html")


def summaries() -> dict[str, dict]:
    pages = sorted(DOCS.glob("[0-9][0-9][0-9][0-9]/[0-9][0-9]/*.md"))
    fields = {p.relative_to(DOCS).with_suffix("").as_posix(): frontmatter.parse(p.read_text()).fields
              for p in pages if p.stem != "index"}
    assert len(fields) == 6
    return fields


def test_topic_index_lists_36_topics_with_counts_from_front_matter(outdir):
    vocabulary = load_vocabulary(DOCS / "_data/vocabulary.yml")
    counts = Counter(topic for fields in summaries().values() for topic in fields["topics"])
    items = article(outdir, "topics/index.html").select("ul.archive-term-index > li")
    assert len(items) == 36
    for item, term in zip(items, vocabulary.topics.terms, strict=True):
        count = counts.get(term.slug, 0)
        noun = "summary" if count == 1 else "summaries"
        assert text(item).startswith(f"{term.label} ({count} {noun})")
    assert "Adherence" in text(items[0])


def test_each_month_lists_its_three_summaries(outdir):
    by_month = Counter(str(fields["date"]) for fields in summaries().values())
    assert by_month == {"2021-07": 3, "2021-08": 3}
    for month in ("2021/07", "2021/08"):
        page = article(outdir, f"{month}/index.html")
        expected = {fields["title"] for doc, fields in summaries().items() if doc.startswith(month)}
        shown = {text(e.select_one(".archive-summary-title"))
                 for e in page.select("li.archive-summary")}
        assert shown == expected
        assert page.select_one(".archive-month-intro") is not None


def test_every_summary_links_topics_month_type_and_doi(outdir):
    vocabulary = load_vocabulary(DOCS / "_data/vocabulary.yml")
    bib = parse_file(REPO / "references.bib").entries
    for docname, fields in summaries().items():
        page = article(outdir, f"{docname}.html")
        meta = links(page.select_one("dl.summary-meta"))
        year, month = map(int, docname.split("/")[:2])
        assert meta[Month(year, month).label] == "index.html"
        for slug in fields["topics"]:
            assert meta[vocabulary.topics.get(slug).label] == f"../../topics/{slug}.html"
        research_type = vocabulary.research_types.get(fields["research_type"]).label
        assert meta[research_type] == f"../../research-types/{fields['research_type']}.html"
        doi = bib[fields["reviews"]].fields.get("doi")
        if doi:
            assert f"https://doi.org/{doi}" in meta.values(), docname
        assert page.find("h2", string=lambda s: s and "Practice Implications" in s) or \
            "Practice Implications" in text(page)


def test_landing_page_shows_the_latest_month(outdir):
    landing = article(outdir, "index.html")
    assert links(landing)["August 2021"] == "2021/08/index.html"
    assert len(landing.select("li.archive-summary")) == 3
