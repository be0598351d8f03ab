"""Unit tests for the imported page's text: escaping, front matter read back."""

from __future__ import annotations

import datetime as dt

import pytest

from summary_archive.core import frontmatter
from summary_archive.importer.writer import escape_markdown, render_page
from summary_archive.core.model import review_items, summary_from_front_matter
from summary_archive.core.vocabulary import vocabulary_from_data

VOCAB = vocabulary_from_data({
    "topics": [{"slug": "empathy", "label": "Empathy"}],
    "research_types": [{"slug": "meta-analysis", "label": "Meta-analysis"}],
})


@pytest.mark.parametrize(("paragraph", "escaped"), [
    ("Scores fell (p < .05) [see note].", r"Scores fell (p \< .05) \[see note\]."),
    ("A *starred* word_with_underscores and `code`.",
     r"A \*starred\* word\_with\_underscores and \`code\`."),
    ("# not a heading", r"\# not a heading"),
    ("- not a list", r"\- not a list"),
    ("% not a comment", r"\% not a comment"),
    ("1998. A year, not a list item.", r"1998\. A year, not a list item."),
    ("Tom &amp; Jerry", r"Tom \&amp; Jerry"),
    ("Plain words stay plain, r = -.30.", "Plain words stay plain, r = -.30."),
])
def test_markdown_characters_are_escaped_so_the_words_show_as_written(paragraph, escaped):
    assert escape_markdown(paragraph) == escaped


def test_rendered_page_reads_back_as_a_complete_summary_with_review_items():
    text = render_page(
        title='Warmth "Heard" on the Telephone: Ørsted’s Study', date="2020-03",
        author="Test Author", topics=("empathy",), research_type="meta-analysis",
        reviews="okafor2020therapist", needs_review=("topics", "research_type"),
        body=("First paragraph.", "Second paragraph."), implications=("Do this.",))
    front = frontmatter.parse(text)
    assert front.error is None
    assert front.fields == {
        "title": 'Warmth "Heard" on the Telephone: Ørsted’s Study', "date": "2020-03",
        "author": "Test Author", "topics": ["empathy"], "research_type": "meta-analysis",
        "reviews": "okafor2020therapist", "needs_review": ["topics", "research_type"]}
    summary, problems = summary_from_front_matter("2020/03/warmth", front, VOCAB,
                                                  dt.date(2026, 11, 26))
    assert problems == [] and summary is not None
    assert review_items(front.fields) == ["topics", "research_type"]
    body = text.split("---\n", 2)[2]
    assert body == ("\nFirst paragraph.\n\nSecond paragraph."
                    "\n\n## Practice Implications\n\nDo this.\n")
