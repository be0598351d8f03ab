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
    page = article(outdir, "topics/index.html")
    items = page.select("ul.archive-term-index > li")
    with_summaries = [term for term in vocabulary.topics.terms if counts.get(term.slug)]
    for item, term in zip(items, with_summaries, strict=True):
        count = counts[term.slug]
        noun = "summary" if count == 1 else "summaries"
        assert text(item).startswith(f"{term.label} ({count} {noun})")
    # Topics without summaries: named once, in one line, each linking to its page.
    empty = [term for term in vocabulary.topics.terms if not counts.get(term.slug)]
    line = page.select_one(".archive-empty-terms")
    if not empty:
        assert line is None
        return
    noun = "topic" if len(empty) == 1 else "topics"
    assert text(line).startswith(f"{len(empty)} {noun} with no summaries yet:")
    assert links(line) == {term.label: f"{term.slug}.html" for term in empty}


def test_each_month_lists_its_summaries(outdir):
    months = sorted({docname.rsplit("/", 1)[0] for docname in summaries()})
    for month in months:
        page = article(outdir, f"{month}/index.html")
        expected = {fields["title"] for doc, fields in summaries().items() if doc.startswith(month)}
        # In full, each with its reference and Practice Implications.
        shown = page.select("section.archive-month-summary")
        assert {text(s.select_one("h2 > a.reference")) for s in shown} == expected
        for summary in shown:
            assert summary.select_one(".reviewed-reference") is not None
            assert summary.select_one("section.practice-implications") is not None
            assert summary.select_one(".summary-references .apa-reference") is not None
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
