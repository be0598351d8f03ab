"""The optional ``needs_review`` field: validated, and listed by ``review_items``."""

from __future__ import annotations

import datetime as dt

import pytest

from summary_archive.core.frontmatter import parse
from summary_archive.core.model import Problem, review_items, summary_from_front_matter
from summary_archive.core.vocabulary import vocabulary_from_data

VOCAB = vocabulary_from_data({
    "topics": [{"slug": "empathy", "label": "Empathy"}],
    "research_types": [{"slug": "meta-analysis", "label": "Meta-analysis"}],
})
ALLOWED = "allowed: title, date, author, topics, research_type, reviews, teaser"


def check(needs_review_line: str):
    front = parse("---\ntitle: T\ndate: 2021-08\nauthor: A\ntopics: [empathy]\n"
                  "research_type: meta-analysis\nreviews: doe2021x\n"
                  f"{needs_review_line}\n---\n\nBody\n")
    return front, summary_from_front_matter("2021/08/t", front, VOCAB, dt.date(2026, 11, 26))


def test_a_page_marked_for_review_is_a_complete_summary_without_problems():
    front, (summary, problems) = check("needs_review: [topics, research_type]")
    assert problems == [] and summary is not None and summary.topics == ("empathy",)
    assert review_items(front.fields) == ["topics", "research_type"]


@pytest.mark.parametrize("line", ["needs_review: []", "needs_review:", "teaser: Fine."])
def test_empty_or_absent_means_nothing_to_review(line):
    front, (summary, problems) = check(line)
    assert problems == [] and summary is not None
    assert review_items(front.fields) == []


def test_unknown_names_are_reported_with_the_allowed_ones_and_left_out_of_the_items():
    front, (summary, problems) = check("needs_review: [topics, topcis, needs_review]")
    assert summary is not None  # the record itself is fine
    assert problems == [
        Problem(f"'needs_review' lists 'topcis', which is not a summary field; {ALLOWED}", 8),
        Problem(f"'needs_review' lists 'needs_review', which is not a summary field; "
                f"{ALLOWED}", 8)]
    assert review_items(front.fields) == ["topics"]


def test_a_single_value_instead_of_a_list_is_reported():
    front, (_, problems) = check("needs_review: topics")
    assert problems == [Problem("'needs_review' must be a list of field names such as "
                                "[topics, research_type], not str 'topics'", 8)]
    assert review_items(front.fields) == []
