"""Unit tests for summary_archive.frontmatter."""

from __future__ import annotations

import datetime as dt

import pytest

from summary_archive.core.frontmatter import FrontMatter, parse, split

NO_FRONT_MATTER = ("the page has no front matter "
                   "(a block between two '---' lines at its top)")

VALID = """\
---
title: "Therapist burnout: does it matter?"
date: 2021-07
author: Jane Doe

topics: [adherence, empathy]
research_type: meta-analysis
reviews: doe2021burnout
---

# Therapist burnout

Body text.
"""


def test_valid_block_fields_and_lines():
    front = parse(VALID)
    assert front.error is None
    assert front.error_line is None
    assert front.present is True
    assert front.start_line == 1
    assert front.fields == {
        "title": "Therapist burnout: does it matter?",
        "date": "2021-07",
        "author": "Jane Doe",
        "topics": ["adherence", "empathy"],
        "research_type": "meta-analysis",
        "reviews": "doe2021burnout",
    }
    # Lines are those of the page, counting the opening fence as line 1.
    assert front.lines == {"title": 2, "date": 3, "author": 4, "topics": 6,
                           "research_type": 7, "reviews": 8}


def test_line_of_falls_back_to_the_opening_fence():
    front = parse(VALID)
    assert front.line_of("reviews") == 8
    assert front.line_of("teaser") == 1


def test_yaml_types_are_kept():
    front = parse("---\ndate: 2021-08-15\nn: 3\nflag: true\n---\n")
    assert front.fields == {"date": dt.date(2021, 8, 15), "n": 3, "flag": True}


def test_block_list_lines_are_those_of_the_key():
    front = parse("---\ntitle: T\ntopics:\n  - a\n  - b\nauthor: A\n---\n")
    assert front.fields["topics"] == ["a", "b"]
    assert front.lines == {"title": 2, "topics": 3, "author": 6}


def test_no_front_matter():
    front = parse("# Just a heading\n\ntitle: x\n")
    assert front.present is False
    assert front.fields == {}
    assert front.error == NO_FRONT_MATTER
    assert front.error_line == 1


@pytest.mark.parametrize("text", ["", "\n---\ntitle: a\n---\n", " ---\ntitle: a\n---\n"])
def test_fence_must_be_the_very_first_line(text):
    assert parse(text).present is False


def test_unclosed_fence_says_so():
    front = parse("---\ntitle: a\nauthor: b\n\n# Heading\n")
    assert front.present is True
    assert front.error == "the front matter opens with '---' but has no closing '---' line"
    assert front.error_line == 1


def test_unbalanced_quote_reports_yaml_error_and_line():
    front = parse("---\nauthor: A\ntitle: \"Burnout\n---\nBody\n")
    assert front.present is True
    assert front.fields == {}
    assert front.error.startswith("the front matter is not valid YAML")
    assert "found unexpected end of stream" in front.error
    assert front.error_line == 3  # the line of the opening quote


def test_unbalanced_quote_points_at_the_quote():
    front = parse("---\ntitle: \"Burnout\nauthor: A\nreviews: k\n---\n")
    assert front.error_line == 2  # where the quote opens, not the closing fence


def test_bad_indentation_reports_yaml_error_and_line():
    front = parse("---\ntitle: a\n  author: b\nreviews: c\n---\n")
    assert front.fields == {}
    assert front.error.startswith("the front matter is not valid YAML")
    assert "mapping values are not allowed here" in front.error
    assert front.error_line == 3


def test_non_mapping_yaml():
    front = parse("---\n- title\n- author\n---\n")
    assert front.present is True
    assert front.fields == {}
    assert front.error == "the front matter must be 'field: value' lines"
    assert front.error_line == 2


def test_scalar_yaml_is_not_a_mapping():
    front = parse("---\njust some words\n---\n")
    assert front.error == "the front matter must be 'field: value' lines"


def test_byte_order_mark_is_ignored():
    front = parse("\ufeff---\ntitle: T\nauthor: A\n---\nBody\n")
    assert front.error is None
    assert front.fields == {"title": "T", "author": "A"}
    assert front.lines == {"title": 2, "author": 3}


@pytest.mark.parametrize("text", ["---\n---\nBody\n", "---\n\n\n---\n", "---\n# only a comment\n---\n"])
def test_empty_block(text):
    front = parse(text)
    assert front == FrontMatter({}, {})
    assert front.present is True
    assert front.error is None


def test_windows_line_endings_and_trailing_spaces_on_fences():
    front = parse("---  \r\ntitle: T\r\nauthor: A\r\n--- \r\nBody")
    assert front.error is None
    assert front.fields == {"title": "T", "author": "A"}
    assert front.lines == {"title": 2, "author": 3}


def test_only_the_first_closing_fence_counts():
    front = parse("---\ntitle: T\n---\nBody\n\n---\n\nMore\n")
    assert front.fields == {"title": "T"}


def test_split_returns_yaml_and_first_line():
    assert split("---\na: 1\nb: 2\n---\nbody") == ("a: 1\nb: 2", 2)
    assert split("no fence") is None
    assert split("---\na: 1\n") == ("", -1)  # opened, never closed


def test_non_string_keys_become_strings():
    front = parse("---\n2021: x\n---\n")
    assert front.fields == {"2021": "x"}
    assert front.lines == {"2021": 2}


@pytest.mark.parametrize("line", ["date: 2021-02-30", "date: 2021-13-01", "n: !!int abc"])
def test_impossible_yaml_values_are_reported_not_raised(line):
    front = parse(f"---\ntitle: T\n{line}\n---\n")
    assert front.error is not None
    assert front.error_line == 3
