"""The archive's data model: one ``Summary`` record per summary page.

Pure functions, no Sphinx: front matter in, a record and a list of problems out.
Validation never raises; every problem names the field, its line, the bad value
and what is allowed, so the build and ``make check`` report the same sentences.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from typing import NamedTuple

from .frontmatter import FrontMatter
from .problem import Problem
from .quoting import codepoint, first_control, quoted
from .text import MONTH_NAMES, SLUG
from .vocabulary import Facet, Vocabulary

SUMMARY_DOCNAME = re.compile(r"(?P<year>\d{4})/(?P<month>\d{2})/(?P<slug>[^/]+)")
DATE = re.compile(r"(?P<year>\d{4})-(?P<month>\d{1,2})(?:-(?P<day>\d{1,2}))?")

FIRST_YEAR = 1900  # earlier years are typing slips, not psychotherapy research
REQUIRED_FIELDS = ("title", "date", "author", "topics", "research_type", "reviews")
OPTIONAL_FIELDS = ("teaser", "needs_review")
KNOWN_FIELDS = REQUIRED_FIELDS + OPTIONAL_FIELDS
REVIEWABLE_FIELDS = tuple(name for name in KNOWN_FIELDS if name != "needs_review")


class Month(NamedTuple):
    """A month of the archive: the summaries published together."""

    year: int
    month: int

    @property
    def key(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    @property
    def label(self) -> str:
        return f"{MONTH_NAMES[self.month - 1]} {self.year}"

    @property
    def docname(self) -> str:
        return f"{self.year:04d}/{self.month:02d}/index"


class Summary(NamedTuple):
    """One summary page: the metadata its front matter declares."""

    docname: str
    title: str
    month: Month
    day: int | None
    author: str
    topics: tuple[str, ...]
    research_type: str
    reviews: str  # the bib key of the reviewed article
    teaser: str

    @property
    def sort_key(self) -> tuple[int, int, int, str]:
        return (self.month.year, self.month.month, self.day or 0, self.docname)


def in_month_folder_shape(docname: str) -> bool:
    """``<4 digits>/<2 digits>/<name>``: meant as a summary, valid month or not."""
    match = SUMMARY_DOCNAME.fullmatch(docname)
    return bool(match) and match["slug"] != "index"


def month_of_docname(docname: str) -> Month | None:
    match = SUMMARY_DOCNAME.fullmatch(docname)
    if not match or not 1 <= int(match["month"]) <= 12:
        return None
    return Month(int(match["year"]), int(match["month"]))


def parse_date(value: object, today: dt.date) -> tuple[Month, int | None] | str:
    """A publication date as (month, day), or the reason it is not one."""
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        year, month, day = value.year, value.month, value.day
    else:
        match = DATE.fullmatch(str(value).strip())
        if not match:
            return (f"date {quoted(str(value))} is not a date; write the year and month as "
                    "YYYY-MM (e.g. 2021-08), or YYYY-MM-DD")
        year, month = int(match["year"]), int(match["month"])
        day = int(match["day"]) if match["day"] else None
        if not 1 <= month <= 12:
            return f"date {quoted(str(value))} has month {month}; months run from 01 to 12"
        if day is not None:
            try:
                dt.date(year, month, day)
            except ValueError:
                return f"date {quoted(str(value))} has no day {day} in {MONTH_NAMES[month - 1]} {year}"
    if year < FIRST_YEAR:
        return f"date {quoted(str(value))} is before {FIRST_YEAR}; check the year"
    if (year, month, day or 1) > (today.year, today.month, today.day):
        return f"date {quoted(str(value))} is in the future (today is {today.isoformat()})"
    return Month(year, month), day


def _text(fields: dict, name: str, problems: list[Problem], front: FrontMatter) -> str:
    value = fields.get(name)
    if value is None or value == "":
        return ""
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        text = str(value).strip()
        control = first_control(text)
        if control is None:
            return text
        kind = "a line break" if control in "\n\r" else "an invisible control character"
        problems.append(Problem(f"'{name}' holds {kind} ({codepoint(control)}); it must be "
                                "one line of plain text: remove it", front.line_of(name)))
        return ""
    problems.append(Problem(f"'{name}' must be a single line of text, not {_kind(value)}",
                            front.line_of(name)))
    return ""


def _kind(value: object) -> str:
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return f"{type(value).__name__} {quoted(value)}"


def _term(value: object, facet: Facet, name: str, line: int,
          problems: list[Problem]) -> str | None:
    if not isinstance(value, str) or not value.strip():
        problems.append(Problem(f"'{name}' values must be {facet.name} slugs, "
                                f"not {_kind(value)}", line))
        return None
    slug = facet.resolve(value)
    if slug is None:
        guess = facet.suggest(value)
        hint = f"; did you mean '{guess}'?" if guess else "."
        problems.append(Problem(f"unknown {facet.name} {quoted(value)}{hint} "
                                f"Allowed {facet.name}s: {', '.join(facet.slugs)}", line))
    return slug


def summary_from_front_matter(
    docname: str, front: FrontMatter, vocabulary: Vocabulary, today: dt.date
) -> tuple[Summary | None, list[Problem]]:
    """Validate one summary page's front matter and build its record.

    The record is None when a required field is missing or unusable, so that a
    broken page is reported but never listed with made-up values.
    """
    if front.error:
        return None, [Problem(front.error, front.error_line)]
    fields, problems = front.fields, []

    for name in fields:
        if name not in KNOWN_FIELDS:
            problems.append(Problem(f"unknown field {quoted(name)}"
                                    + _did_you_mean(name, KNOWN_FIELDS)
                                    + f" Summary fields: {', '.join(KNOWN_FIELDS)}",
                                    front.line_of(name)))
    missing = [name for name in REQUIRED_FIELDS if fields.get(name) in (None, "", [])]
    if missing:
        problems.append(Problem(f"missing required field(s): {', '.join(missing)} "
                                f"(a summary needs {', '.join(REQUIRED_FIELDS)})",
                                front.start_line))

    title = _text(fields, "title", problems, front)
    author = _text(fields, "author", problems, front)
    reviews = _text(fields, "reviews", problems, front)
    teaser = _text(fields, "teaser", problems, front)
    problems.extend(_needs_review_problems(fields, front))

    month = day = None
    if fields.get("date") not in (None, ""):
        parsed = parse_date(fields["date"], today)
        if isinstance(parsed, str):
            problems.append(Problem(parsed, front.line_of("date")))
        else:
            month, day = parsed
            folder = month_of_docname(docname)
            if folder is None and in_month_folder_shape(docname):
                problems.append(Problem(
                    f"the folder {docname.rsplit('/', 1)[0]}/ is not a month; summaries live "
                    "in <yyyy>/<mm>/ with mm from 01 to 12", front.line_of("date")))
            elif folder is not None and folder != month:
                problems.append(Problem(
                    f"date {month.key} does not match the page's folder "
                    f"{folder.key.replace('-', '/')}/; move the page or correct the date",
                    front.line_of("date")))

    topics: list[str] = []
    raw_topics = fields.get("topics")
    if raw_topics not in (None, "", []):
        if isinstance(raw_topics, list):
            for value in raw_topics:
                slug = _term(value, vocabulary.topics, "topics", front.line_of("topics"), problems)
                if slug and slug not in topics:
                    topics.append(slug)
        else:
            problems.append(Problem(f"'topics' must be a list of topic slugs such as "
                                    f"[empathy, attachment], not {_kind(raw_topics)}",
                                    front.line_of("topics")))

    research_type = None
    if fields.get("research_type") not in (None, ""):
        research_type = _term(fields["research_type"], vocabulary.research_types,
                              "research_type", front.line_of("research_type"), problems)

    slug = docname.rsplit("/", 1)[-1]
    if not SLUG.fullmatch(slug):
        problems.append(Problem(f"file name {quoted(slug)} is not a slug: use lowercase letters, "
                                "digits and single hyphens, e.g. therapist-burnout.md", None))

    complete = all((title, author, reviews, month, topics, research_type))
    if not complete:
        return None, problems
    return Summary(docname=docname, title=title, month=month, day=day, author=author,
                   topics=tuple(topics), research_type=research_type, reviews=reviews,
                   teaser=teaser), problems


def review_items(fields: dict) -> list[str]:
    """The fields a person must still confirm (``needs_review``), valid names only.

    An importer proposes values it cannot know (topics, research type) and lists
    them here; ``make check`` shows them until a person removes the field.
    """
    listed = fields.get("needs_review")
    if not isinstance(listed, list):
        return []
    items: list[str] = []
    for name in listed:
        if isinstance(name, str) and name in REVIEWABLE_FIELDS and name not in items:
            items.append(name)
    return items


def _needs_review_problems(fields: dict, front: FrontMatter) -> list[Problem]:
    if "needs_review" not in fields or fields["needs_review"] in (None, []):
        return []
    listed, line = fields["needs_review"], front.line_of("needs_review")
    allowed = ", ".join(REVIEWABLE_FIELDS)
    if not isinstance(listed, list):
        return [Problem(f"'needs_review' must be a list of field names such as "
                        f"[topics, research_type], not {_kind(listed)}", line)]
    return [Problem(f"'needs_review' lists {quoted(name)}, which is not a summary field; "
                    f"allowed: {allowed}", line)
            for name in listed if not isinstance(name, str) or name not in REVIEWABLE_FIELDS]


def _did_you_mean(name: str, choices: tuple[str, ...]) -> str:
    match = difflib.get_close_matches(name, choices, n=1)
    return f"; did you mean {match[0]!r}?" if match else "."
