"""Build the real archive (docs/) strictly, as `make html` does, and check it.

Counts are checked against the summaries' own front matter, read with the
extension's pure functions, so the test does not restate the data.
"""

from __future__ import annotations

from collections import Counter

import pytest
from pybtex.database import parse_file

from helpers import REPO, article, links, real_summaries, real_vocabulary, text
from summary_archive.core.model import Month


@pytest.fixture(scope="module")
def outdir(real_archive):
    return real_archive


def summaries() -> dict[str, dict]:
    fields = real_summaries()
    assert fields  # the archive has summaries to check
    return fields


def test_topic_index_lists_every_topic_with_counts_from_front_matter(outdir):
    vocabulary = real_vocabulary()
    counts = Counter(topic for fields in summaries().values() for topic in fields["topics"])
    items = article(outdir, "topics/index.html").select("ul.archive-term-index > li")
    assert len(items) == len(vocabulary.topics.terms)
    for item, term in zip(items, vocabulary.topics.terms, strict=True):
        count = counts.get(term.slug, 0)
        noun = "summary" if count == 1 else "summaries"
        assert text(item).startswith(f"{term.label} ({count} {noun})")


def test_each_month_lists_its_summaries(outdir):
    months = sorted({docname.rsplit("/", 1)[0] for docname in summaries()})
    for month in months:
        page = article(outdir, f"{month}/index.html")
        expected = {fields["title"] for doc, fields in summaries().items() if doc.startswith(month)}
        shown = {text(e.select_one(".archive-summary-title"))
                 for e in page.select("li.archive-summary")}
        assert shown == expected
        assert page.select_one(".archive-month-intro") is not None


def test_every_summary_links_topics_month_type_and_doi(outdir):
    vocabulary = real_vocabulary()
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
    latest = max(tuple(map(int, docname.split("/")[:2])) for docname in summaries())
    month = Month(*latest)
    in_latest = [doc for doc in summaries() if doc.startswith(f"{latest[0]:04d}/{latest[1]:02d}/")]
    landing = article(outdir, "index.html")
    assert links(landing)[month.label] == f"{month.docname}.html"
    assert len(landing.select("li.archive-summary")) == len(in_latest)
