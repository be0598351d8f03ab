"""Unit tests for summary_archive.core.model: front matter in, a Summary and problems out."""

from __future__ import annotations

import datetime as dt

import pytest

from summary_archive.core.frontmatter import FrontMatter, parse
from summary_archive.core.model import (
    Month,
    Problem,
    Summary,
    in_month_folder_shape,
    month_of_docname,
    parse_date,
    summary_from_front_matter,
)
from summary_archive.core.vocabulary import vocabulary_from_data

TODAY = dt.date(2026, 11, 26)
DOCNAME = "2021/08/therapist-burnout"
FIELDS_HELP = "Summary fields: title, date, author, topics, research_type, reviews, teaser, needs_review"
ALLOWED_TOPICS = ("Allowed topics: adherence, alliance-and-therapeutic-relationship, "
                  "empathy, attachment")
ALLOWED_TYPES = "Allowed research types: meta-analysis, randomized-controlled-trial, review"

VOCAB = vocabulary_from_data({
    "topics": [
        {"slug": "adherence", "label": "Adherence", "aliases": ["adherance"]},
        {"slug": "alliance-and-therapeutic-relationship",
         "label": "Alliance and Therapeutic Relationship"},
        {"slug": "empathy", "label": "Empathy"},
        {"slug": "attachment", "label": "Attachment"},
    ],
    "research_types": [
        {"slug": "meta-analysis", "label": "Meta-analysis"},
        {"slug": "randomized-controlled-trial", "label": "Randomized controlled trial",
         "aliases": ["rct"]},
        {"slug": "review", "label": "Review"},
    ],
})

GOOD_LINES = {
    "title": "title: Therapist burnout and patient outcomes",
    "date": "date: 2021-08",
    "author": "author: Jane Doe",
    "topics": "topics: [empathy, Adherance, adherence, Empathy]",
    "research_type": "research_type: Meta-analysis",
    "reviews": "reviews: doe2021burnout",
}


def page(**changes: str | None) -> FrontMatter:
    """Front matter from the good lines, with fields replaced (a line) or removed (None)."""
    lines = dict(GOOD_LINES)
    for name, line in changes.items():
        if line is None:
            del lines[name]
        else:
            lines[name] = line
    return parse("---\n" + "\n".join(lines.values()) + "\n---\n\nBody\n")


def check(front: FrontMatter, docname: str = DOCNAME):
    return summary_from_front_matter(docname, front, VOCAB, TODAY)


def messages(problems: list[Problem]) -> list[str]:
    return [problem.message for problem in problems]


# -- a good summary ---------------------------------------------------------------


def test_valid_summary_record():
    summary, problems = check(page())
    assert problems == []
    assert summary == Summary(
        docname=DOCNAME,
        title="Therapist burnout and patient outcomes",
        month=Month(2021, 8),
        day=None,
        author="Jane Doe",
        # labels and aliases resolve to slugs, duplicates go, first order is kept
        topics=("empathy", "adherence"),
        research_type="meta-analysis",
        reviews="doe2021burnout",
        teaser="",
    )


def test_teaser_and_day_and_whitespace():
    summary, problems = check(page(date="date: 2021-08-15",
                                   title="title: '  Padded title  '",
                                   research_type="research_type: RCT",
                                   teaser="teaser: One line."))
    assert problems == []
    assert summary.title == "Padded title"
    assert summary.day == 15
    assert summary.month == Month(2021, 8)
    assert summary.research_type == "randomized-controlled-trial"
    assert summary.teaser == "One line."
    assert summary.sort_key == (2021, 8, 15, DOCNAME)


def test_sort_key_without_day_sorts_first_in_month():
    summary, _ = check(page())
    assert summary.sort_key == (2021, 8, 0, DOCNAME)


def test_numbers_are_accepted_as_text():
    summary, problems = check(page(reviews="reviews: 2021"))
    assert problems == []
    assert summary.reviews == "2021"


# -- front matter that could not be read ------------------------------------------


def test_front_matter_error_is_passed_through():
    front = parse("---\ntitle: a\n  author: b\n---\n")
    assert front.error is not None
    assert check(front) == (None, [Problem(front.error, 3)])
    assert "mapping values are not allowed" in front.error


def test_no_front_matter():
    summary, problems = check(parse("# Title\n"))
    assert summary is None
    assert problems == [Problem("the page has no front matter "
                                "(a block between two '---' lines at its top)", 1)]


def test_empty_front_matter_lists_every_required_field():
    summary, problems = check(parse("---\n---\n"))
    assert summary is None
    assert problems == [Problem(
        "missing required field(s): title, date, author, topics, research_type, reviews "
        "(a summary needs title, date, author, topics, research_type, reviews)", 1)]


# -- missing and unknown fields ----------------------------------------------------


@pytest.mark.parametrize("name", ["title", "date", "author", "topics", "research_type",
                                  "reviews"])
def test_each_missing_required_field(name):
    summary, problems = check(page(**{name: None}))
    assert summary is None
    assert problems == [Problem(
        f"missing required field(s): {name} "
        "(a summary needs title, date, author, topics, research_type, reviews)", 1)]


@pytest.mark.parametrize("line", ["topics: []", "topics:", "topics: ''"])
def test_empty_topics_count_as_missing(line):
    summary, problems = check(page(topics=line))
    assert summary is None
    assert messages(problems) == [
        "missing required field(s): topics "
        "(a summary needs title, date, author, topics, research_type, reviews)"]


def test_several_missing_fields_in_one_problem():
    summary, problems = check(page(author=None, reviews="reviews:"))
    assert summary is None
    assert messages(problems) == [
        "missing required field(s): author, reviews "
        "(a summary needs title, date, author, topics, research_type, reviews)"]


def test_unknown_field_with_did_you_mean():
    summary, problems = check(page(topics="topic: [empathy]"))
    assert summary is None
    assert problems == [
        Problem(f"unknown field 'topic'; did you mean 'topics'? {FIELDS_HELP}", 5),
        Problem("missing required field(s): topics "
                "(a summary needs title, date, author, topics, research_type, reviews)", 1),
    ]


def test_unknown_field_without_suggestion_keeps_the_record():
    front = parse("---\n" + "\n".join(GOOD_LINES.values()) + "\nzzz: 1\n---\n")
    summary, problems = check(front)
    assert summary is not None
    assert problems == [Problem(f"unknown field 'zzz'. {FIELDS_HELP}", 8)]


# -- wrong types -------------------------------------------------------------------


def test_topics_as_a_string():
    summary, problems = check(page(topics="topics: empathy"))
    assert summary is None
    assert problems == [Problem("'topics' must be a list of topic slugs such as "
                                "[empathy, attachment], not str 'empathy'", 5)]


def test_topics_as_a_mapping():
    _, problems = check(page(topics="topics: {a: 1}"))
    assert messages(problems) == ["'topics' must be a list of topic slugs such as "
                                  "[empathy, attachment], not a mapping"]


def test_title_as_a_list():
    summary, problems = check(page(title="title: [a, b]"))
    assert summary is None
    assert problems == [Problem("'title' must be a single line of text, not a list", 2)]


def test_author_as_a_mapping_and_bool():
    _, problems = check(page(author="author: {name: Jane}", reviews="reviews: true"))
    assert problems == [
        Problem("'author' must be a single line of text, not a mapping", 4),
        Problem("'reviews' must be a single line of text, not bool True", 7),
    ]


def test_topic_value_that_is_not_text():
    summary, problems = check(page(topics="topics: [empathy, 3, [a]]"))
    assert summary.topics == ("empathy",)
    assert problems == [
        Problem("'topics' values must be topic slugs, not int 3", 5),
        Problem("'topics' values must be topic slugs, not a list", 5),
    ]


def test_research_type_as_a_list():
    summary, problems = check(page(research_type="research_type: [review]"))
    assert summary is None
    assert problems == [Problem(
        "'research_type' values must be research type slugs, not a list", 6)]


# -- unknown vocabulary values --------------------------------------------------------


def test_unknown_topic_with_suggestion():
    summary, problems = check(page(topics="topics: [aliance, empathy]"))
    # One known topic is left, so the record is still made.
    assert summary.topics == ("empathy",)
    assert problems == [Problem(
        "unknown topic 'aliance'; did you mean 'alliance-and-therapeutic-relationship'? "
        + ALLOWED_TOPICS, 5)]


def test_no_known_topic_means_no_record():
    summary, problems = check(page(topics="topics: [aliance]"))
    assert summary is None
    assert len(problems) == 1
    assert "'aliance'" in problems[0].message
    assert ALLOWED_TOPICS in problems[0].message


def test_unknown_topic_without_suggestion_names_value_and_allowed():
    _, problems = check(page(topics="topics: [neuroscience]"))
    [problem] = problems
    assert problem.line == 5
    assert problem.message.startswith("unknown topic 'neuroscience'")
    assert problem.message.endswith(ALLOWED_TOPICS)
    assert "did you mean" not in problem.message


def test_unknown_topic_without_suggestion_is_punctuated():
    _, problems = check(page(topics="topics: [neuroscience]"))
    assert problems[0].message == "unknown topic 'neuroscience'. " + ALLOWED_TOPICS


def test_unknown_research_type():
    summary, problems = check(page(research_type="research_type: meta-analisys"))
    assert summary is None
    assert problems == [Problem(
        "unknown research type 'meta-analisys'; did you mean 'meta-analysis'? "
        + ALLOWED_TYPES, 6)]


# -- dates -----------------------------------------------------------------------------


@pytest.mark.parametrize("value, expected", [
    ("2021-08", (Month(2021, 8), None)),
    ("2021-8", (Month(2021, 8), None)),
    (" 2021-08 ", (Month(2021, 8), None)),
    ("2021-08-15", (Month(2021, 8), 15)),
    (dt.date(2021, 8, 15), (Month(2021, 8), 15)),
    (dt.datetime(2021, 8, 15, 10, 30), (Month(2021, 8), 15)),
    ("2026-11", (Month(2026, 11), None)),  # this month
    ("2026-11-26", (Month(2026, 11), 26)),  # today
    ("2024-02-29", (Month(2024, 2), 29)),
])
def test_parse_date_accepts(value, expected):
    assert parse_date(value, TODAY) == expected


@pytest.mark.parametrize("value, reason", [
    ("2021-13", "date '2021-13' has month 13; months run from 01 to 12"),
    ("2021-00", "date '2021-00' has month 0; months run from 01 to 12"),
    ("August 2021", "date 'August 2021' is not a date; write the year and month as "
                    "YYYY-MM (e.g. 2021-08), or YYYY-MM-DD"),
    ("21-08", "date '21-08' is not a date; write the year and month as "
              "YYYY-MM (e.g. 2021-08), or YYYY-MM-DD"),
    (2021, "date '2021' is not a date; write the year and month as "
           "YYYY-MM (e.g. 2021-08), or YYYY-MM-DD"),
    ("2021-02-30", "date '2021-02-30' has no day 30 in February 2021"),
    ("2023-02-29", "date '2023-02-29' has no day 29 in February 2023"),
    ("2999-01", "date '2999-01' is in the future (today is 2026-11-26)"),
    ("2026-12", "date '2026-12' is in the future (today is 2026-11-26)"),
    ("2026-11-27", "date '2026-11-27' is in the future (today is 2026-11-26)"),
    (dt.date(2027, 1, 1), "date '2027-01-01' is in the future (today is 2026-11-26)"),
])
def test_parse_date_rejects(value, reason):
    assert parse_date(value, TODAY) == reason


@pytest.mark.parametrize("line, message", [
    ("date: 2021-13", "date '2021-13' has month 13; months run from 01 to 12"),
    ("date: August 2021", "date 'August 2021' is not a date; write the year and month as "
                          "YYYY-MM (e.g. 2021-08), or YYYY-MM-DD"),
    # quoted: unquoted, YAML itself builds the date and fails (see test_frontmatter)
    ("date: '2021-02-30'", "date '2021-02-30' has no day 30 in February 2021"),
    ("date: 2999-01", "date '2999-01' is in the future (today is 2026-11-26)"),
])
def test_bad_date_in_a_page(line, message):
    summary, problems = check(page(date=line), docname="2021/02/x")
    assert summary is None
    assert problems == [Problem(message, 3)]


def test_yaml_date_object_in_a_page():
    summary, problems = check(page(date="date: 2021-08-15"))
    assert problems == []
    assert (summary.month, summary.day) == (Month(2021, 8), 15)


def test_date_object_given_directly():
    fields = dict(parse("---\n" + "\n".join(GOOD_LINES.values()) + "\n---\n").fields)
    fields["date"] = dt.date(2021, 8, 3)
    summary, problems = check(FrontMatter(fields))
    assert problems == []
    assert (summary.month, summary.day) == (Month(2021, 8), 3)


def test_date_must_match_the_folder():
    summary, problems = check(page(), docname="2021/07/x")
    assert problems == [Problem("date 2021-08 does not match the page's folder 2021/07/; "
                                "move the page or correct the date", 3)]
    # The problem is reported, but the record is complete.
    assert summary is not None and summary.month == Month(2021, 8)


def test_date_outside_a_month_folder_is_not_compared():
    summary, problems = check(page(), docname="drafts/x")
    assert problems == []
    assert summary.month == Month(2021, 8)


def test_docname_slug_must_be_a_slug():
    summary, problems = check(page(), docname="2021/08/Bad_Name")
    assert problems == [Problem("file name 'Bad_Name' is not a slug: use lowercase letters, "
                                "digits and single hyphens, e.g. therapist-burnout.md", None)]
    assert summary is not None


@pytest.mark.parametrize("slug", ["double--hyphen", "-lead", "trail-", "caps", "a.b"])
def test_other_bad_slugs(slug):
    bad = slug if slug != "caps" else "Caps"
    _, problems = check(page(), docname=f"2021/08/{bad}")
    assert messages(problems) == [
        f"file name {bad!r} is not a slug: use lowercase letters, "
        "digits and single hyphens, e.g. therapist-burnout.md"]


def test_each_problem_carries_its_line():
    front = parse("\n".join([
        "---",
        "title: [a]",               # 2
        "date: 2021-13",            # 3
        "author: A",                # 4
        "topic: x",                 # 5
        "topics: [empathy, zzzz]",  # 6
        "research_type: revue",     # 7
        "reviews: k",               # 8
        "---",
    ]))
    summary, problems = check(front, docname="2021/08/Bad")
    assert summary is None
    assert [(p.line, p.message.split(" ")[0:2]) for p in problems] == [
        (5, ["unknown", "field"]),
        (2, ["'title'", "must"]),
        (3, ["date", "'2021-13'"]),
        (6, ["unknown", "topic"]),
        (7, ["unknown", "research"]),
        (None, ["file", "name"]),
    ]


# -- docnames and months ---------------------------------------------------------------


@pytest.mark.parametrize("docname, expected", [
    ("2021/08/therapist-burnout", True),
    ("2021/08/index", False),
    ("2021/index", False),
    ("2021/08", False),
    ("2021/08/sub/x", False),
    ("drafts/2021/08/x", False),
    ("21/08/x", False),
    ("2021/8/x", False),
    ("index", False),
    ("topics/empathy", False),
])
def test_only_pages_in_real_month_folders_are_summaries(docname, expected):
    assert (in_month_folder_shape(docname) and month_of_docname(docname) is not None) is expected


@pytest.mark.parametrize("docname, expected", [
    ("2021/08/therapist-burnout", Month(2021, 8)),
    ("2021/08/index", Month(2021, 8)),
    ("2021/12/x", Month(2021, 12)),
    ("2021/13/x", None),
    ("2021/00/x", None),
    ("2021/index", None),
    ("topics/empathy", None),
])
def test_month_of_docname(docname, expected):
    assert month_of_docname(docname) == expected


def test_summary_in_a_non_month_folder_is_reported():
    summary, problems = check(page(), docname="2021/13/x")
    assert [p.message for p in problems] == [
        "the folder 2021/13/ is not a month; summaries live in <yyyy>/<mm>/ with mm from 01 to 12"]


def test_month_properties():
    month = Month(2021, 8)
    assert month.key == "2021-08"
    assert month.label == "August 2021"
    assert month.docname == "2021/08/index"
    assert Month(2020, 1).label == "January 2020"
    assert Month(2020, 12).key == "2020-12"
    assert Month(999, 3).key == "0999-03"


def test_month_ordering():
    months = [Month(2021, 8), Month(2020, 12), Month(2021, 10), Month(2021, 1)]
    assert sorted(months) == [Month(2020, 12), Month(2021, 1), Month(2021, 8), Month(2021, 10)]
    assert Month(2021, 10) > Month(2021, 9)  # numeric, not "10" < "9"
    assert Month(2022, 1) > Month(2021, 12)
    assert max(months) == Month(2021, 10)
