"""Split a saved blog page into months and summaries.

Two forms of the same page are read: saved text (one block per line) and saved
HTML (headings, paragraphs, list items). Both become a list of ``Block``s with
their source lines; pure functions split those into months here and into
summaries in ``posts``.

The blog had two sites. The new one (2016 on) heads each month "August 2021".
The old one (2013 to early 2016) heads it "PPRNet Blog: March 2013", or
"June 2014", or not at all: the month is then only in the page's file name
(``pprnet_blog_oct2014.html``). Old pages open each month with a fixed
welcome text (the author's name glued to its first word), which is skipped
without a word, and the site's "blog" link runs into the first headline
("blogEfficacy and ..."), which is taken off.
"""

from __future__ import annotations

import re
from pathlib import PurePath
from typing import NamedTuple

from bs4 import BeautifulSoup, Comment, NavigableString, Tag

from ..core.model import Month
from ..core.text import MONTH_NAMES
from .posts import (Block, BlogSummary, Finding, looks_like_citation, split_month,
                    starts_a_summary)

MONTH_WORDS = "|".join(MONTH_NAMES)
MONTH_HEADING = re.compile(r"(?:PPRNet\s+Blog\s*[:\-–—]?\s*)?(?P<name>" + MONTH_WORDS
                           + r")\s+(?P<year>\d{4})\s*:?", re.IGNORECASE)
FILE_MONTH = re.compile(r"(?<![a-z])(?P<name>jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)"
                        r"[a-z]*[_\-\s.]*(?P<year>(?:19|20)\d{2})(?!\d)", re.IGNORECASE)
# "Giorgio TascaWelcome to ...": the old site's welcome, with the caption glued on
WELCOME = re.compile(r"(?:[^\W\d_][\w.'’-]*?[\s,]*){0,6}?Welcome\b")
GLUED_LINK = re.compile(r"(?:PPRNet\s+)?blog(?=[A-Z])")
SKIPPED = {"script", "style", "nav", "footer", "head", "noscript", "template"}
BLOCK_LEVEL = {"h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "ul", "ol", "div", "section",
               "article", "main", "header", "aside", "body", "html", "table", "tr", "td",
               "th", "blockquote", "dl", "dt", "dd", "figure", "figcaption", "form"}


class BlogMonth(NamedTuple):
    month: Month
    heading: str
    line: int | None
    summaries: tuple[BlogSummary, ...]


class BlogPage(NamedTuple):
    months: tuple[BlogMonth, ...]
    findings: tuple[Finding, ...]

    @property
    def summaries(self) -> tuple[BlogSummary, ...]:
        return tuple(summary for month in self.months for summary in month.summaries)


def month_of_heading(text: str) -> Month | None:
    match = MONTH_HEADING.fullmatch(text.strip())
    return _month(match["name"], match["year"]) if match else None


def month_of_file_name(name: str) -> Month | None:
    """The month in a page's file name, as the old site named its pages."""
    match = FILE_MONTH.search(PurePath(name).stem) if name else None
    return _month(match["name"], match["year"]) if match else None


def _month(name: str, year: str) -> Month:
    number = next(i for i, month in enumerate(MONTH_NAMES, 1)
                  if month.lower().startswith(name.lower()[:3]))
    return Month(int(year), number)


def _unglue(text: str) -> tuple[str, str]:
    """(text, role): the "blog" link taken off a headline it ran into."""
    match = GLUED_LINK.match(text)
    return (text[match.end():], "glued") if match else (text, "")


def blocks_from_text(text: str) -> list[Block]:
    blocks = []
    for number, line in enumerate(text.splitlines(), 1):
        line = " ".join(line.split())
        if line:
            line, role = _unglue(line)
            blocks.append(Block(line, number, "month" if month_of_heading(line) else role))
    return blocks


def blocks_from_html(text: str) -> list[Block]:
    """Blocks in document order: each paragraph, heading or list item, and each run
    of text straight inside a container (the old site's ``div``s), ``br`` a space."""
    soup = BeautifulSoup(text, "html.parser")
    blocks: list[Block] = []

    def flush(run: list[str], line: int | None, tag: str) -> None:
        content, role = _unglue(" ".join("".join(run).split()))
        run.clear()
        if not content:
            return
        if month_of_heading(content):
            role = "month"
        elif tag in ("h1", "h2"):
            role = "end"
        elif tag == "h3":
            role = "headline"
        elif tag in ("h4", "h5", "h6") and not role:
            role = "heading"
        blocks.append(Block(content, line, role))

    def walk(node: Tag, tag: str, line: int | None) -> None:
        run: list[str] = []
        for child in node.children:
            if isinstance(child, Comment):
                continue
            if isinstance(child, NavigableString):
                run.append(str(child))
            elif child.name in SKIPPED:
                continue
            elif child.name == "br":
                run.append(" ")
            elif child.name in BLOCK_LEVEL:
                flush(run, line, tag)
                walk(child, child.name, child.sourceline)
            else:
                run.append(child.get_text(""))  # inline: a link, emphasis, a span
        flush(run, line, tag)

    walk(soup, "", None)
    return blocks


def read_page(text: str, html: bool, name: str = "") -> BlogPage:
    """``name``: the file's name, where the old site kept a month it did not print."""
    if not text.strip():
        return BlogPage((), (Finding(None, "the file is empty"),))
    return split_page(blocks_from_html(text) if html else blocks_from_text(text), name)


def split_page(blocks: list[Block], name: str = "") -> BlogPage:
    starts = [i for i, block in enumerate(blocks) if block.role == "month"]
    sections: list[tuple[Month, str, int | None, list[Block], bool]] = []
    for number, start in enumerate(starts):
        end = starts[number + 1] if number + 1 < len(starts) else len(blocks)
        heading = blocks[start]
        sections.append((month_of_heading(heading.text), heading.text, heading.line,
                         blocks[start + 1:end], True))
    if not starts:
        month = month_of_file_name(name)
        if month is None:
            return BlogPage((), (Finding(None, "this is not a blog page: no month heading "
                                               "such as 'August 2021' or 'PPRNet Blog: March "
                                               "2013' was found, nor a month in the file name "
                                               "(such as pprnet_blog_oct2014.html)"),))
        sections.append((month, f"{MONTH_NAMES[month.month - 1]} {month.year} (from the file "
                                "name)", None, blocks, False))
    months, findings = [], []
    for month, heading, line, content, headed in sections:
        content = _until_end(content)
        content, skipped = _opening(content, headed)
        if skipped:
            findings.append(Finding(skipped, "text before the month's first headline was not "
                                             "imported"))
        summaries, problems = split_month(content)
        findings.extend(problems)
        if not summaries:
            if not problems:
                findings.append(Finding(line, f"the month heading '{heading}' has no "
                                              "summaries under it"))
            continue
        months.append(BlogMonth(month, heading, line, tuple(summaries)))
    return BlogPage(tuple(months), tuple(findings))


def _until_end(blocks: list[Block]) -> list[Block]:
    """Up to a heading that closes the months (an "Archives" heading after the last
    summary); such headings before any summary are site furniture."""
    kept: list[Block] = []
    for block in blocks:
        if block.role == "end":
            if any(looks_like_citation(b.text) for b in kept):
                break
            continue
        kept.append(block)
    return kept


def _opening(blocks: list[Block], headed: bool) -> tuple[list[Block], int | None]:
    """The month's blocks from its first headline, and the line of any text skipped
    before it that is worth a word (the welcome text and site furniture are not)."""
    def first_start(begin: int, weak: bool) -> int | None:
        return next((i for i in range(begin, len(blocks))
                     if starts_a_summary(blocks, i, after_text=weak)), None)

    if not blocks:
        return blocks, None
    welcome = next((i for i, block in enumerate(blocks[:12]) if WELCOME.match(block.text)), None)
    if welcome is not None:  # skipped quietly: it is the same on every old page
        after = first_start(welcome + 1, False)
        after = after if after is not None else first_start(welcome + 1, True)
        return (blocks[after:], None) if after is not None else (blocks, None)
    if headed and starts_a_summary(blocks, 0, after_text=True):
        return blocks, None  # the usual page: a headline right under the month
    first = first_start(0, False)
    if first is None:
        return blocks, None
    return blocks[first:], (blocks[0].line if headed else None)
