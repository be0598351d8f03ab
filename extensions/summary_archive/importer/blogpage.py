"""Split a saved blog page into months and summaries.

Two forms of the same page are read: saved text (one block per line, as the
seed page) and saved HTML (``h2`` month headings, ``h3`` headlines, ``p`` for
the citation, the body and the implications). Both become a list of
``Block``s with their source lines, and one pure function splits those.

In text, a headline is only known by what follows it: a short line without a
closing full stop, followed by a line that starts like a citation
("Family, A." ... "(2021"). In HTML the ``h3`` says so.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from bs4 import BeautifulSoup, NavigableString

from ..core.model import Month
from ..core.text import MONTH_NAMES

MONTH_HEADING = re.compile(r"(?P<name>" + "|".join(MONTH_NAMES) + r")\s+(?P<year>\d{4})\s*:?",
                           re.IGNORECASE)
IMPLICATIONS = re.compile(r"practice implications\s*:?", re.IGNORECASE)
CITATION_START = re.compile(r"[^\W\d_][^,()]{0,80},\s*[^\W\d_]")
CITATION_YEAR = re.compile(r"\(\s*(?:19|20)\d{2}")
HEADLINE_MAX = 200
BLOCK_TAGS = ("h1", "h2", "h3", "h4", "h5", "h6", "p", "li")


class Block(NamedTuple):
    text: str
    line: int | None
    role: str = ""  # "month", "headline", "end" (a heading that closes the months) or ""


class BlogSummary(NamedTuple):
    headline: str
    line: int | None
    citation: str
    citation_line: int | None
    body: tuple[str, ...]
    implications: tuple[str, ...]


class BlogMonth(NamedTuple):
    month: Month
    heading: str
    line: int | None
    summaries: tuple[BlogSummary, ...]


class Finding(NamedTuple):
    """Something on the page that could not be used, worded for a person."""

    line: int | None
    message: str


class BlogPage(NamedTuple):
    months: tuple[BlogMonth, ...]
    findings: tuple[Finding, ...]

    @property
    def summaries(self) -> tuple[BlogSummary, ...]:
        return tuple(summary for month in self.months for summary in month.summaries)


def month_of_heading(text: str) -> Month | None:
    match = MONTH_HEADING.fullmatch(text.strip())
    if not match:
        return None
    number = next(i for i, name in enumerate(MONTH_NAMES, 1)
                  if name.lower() == match["name"].lower())
    return Month(int(match["year"]), number)


def looks_like_citation(text: str) -> bool:
    return bool(CITATION_START.match(text)) and bool(CITATION_YEAR.search(text[:600]))


def looks_like_headline(text: str) -> bool:
    return (len(text) <= HEADLINE_MAX and not text.endswith(".")
            and not IMPLICATIONS.fullmatch(text) and month_of_heading(text) is None)


def blocks_from_text(text: str) -> list[Block]:
    blocks = []
    for number, line in enumerate(text.splitlines(), 1):
        line = " ".join(line.split())
        if line:
            blocks.append(Block(line, number, "month" if month_of_heading(line) else ""))
    return blocks


def blocks_from_html(text: str) -> list[Block]:
    soup = BeautifulSoup(text, "html.parser")
    for unwanted in soup(["script", "style", "nav", "footer"]):
        unwanted.decompose()
    for br in soup.find_all("br"):
        br.replace_with(NavigableString(" "))
    blocks = []
    for element in soup.find_all(BLOCK_TAGS):
        if element.find_parent(BLOCK_TAGS):
            continue  # a <p> inside an <li> is read with its <li>
        content = " ".join(element.get_text("").split())
        if not content:
            continue
        role = ""
        if element.name in ("h1", "h2"):
            role = "month" if month_of_heading(content) else "end"
        elif element.name == "h3":
            role = "headline"
        blocks.append(Block(content, element.sourceline, role))
    return blocks


def read_page(text: str, html: bool) -> BlogPage:
    if not text.strip():
        return BlogPage((), (Finding(None, "the file is empty"),))
    return split_page(blocks_from_html(text) if html else blocks_from_text(text))


def split_page(blocks: list[Block]) -> BlogPage:
    months, findings = [], []
    starts = [i for i, block in enumerate(blocks) if block.role == "month"]
    if not starts:
        return BlogPage((), (Finding(None, "this is not a blog page: no month heading such "
                                           "as 'August 2021' was found"),))
    for number, start in enumerate(starts):
        end = starts[number + 1] if number + 1 < len(starts) else len(blocks)
        heading = blocks[start]
        content = []
        for block in blocks[start + 1:end]:
            if block.role == "end":
                break  # e.g. an "Archives" heading after the last month
            content.append(block)
        summaries, problems = _split_month(content)
        findings.extend(problems)
        if not summaries:
            if not problems:
                findings.append(Finding(heading.line, f"the month heading '{heading.text}' "
                                                      "has no summaries under it"))
            continue
        months.append(BlogMonth(month_of_heading(heading.text), heading.text, heading.line,
                                tuple(summaries)))
    return BlogPage(tuple(months), tuple(findings))


def _headline_starts(blocks: list[Block]) -> list[int]:
    if any(block.role == "headline" for block in blocks):
        return [i for i, block in enumerate(blocks) if block.role == "headline"]
    starts = [0] if blocks else []
    for i in range(1, len(blocks) - 1):
        if (looks_like_headline(blocks[i].text) and looks_like_citation(blocks[i + 1].text)
                and not looks_like_citation(blocks[i].text)):
            starts.append(i)
    return starts


def _split_month(blocks: list[Block]) -> tuple[list[BlogSummary], list[Finding]]:
    summaries, findings = [], []
    starts = _headline_starts(blocks)
    if starts and starts[0] > 0:
        findings.append(Finding(blocks[0].line, "text before the month's first headline "
                                                "was not imported"))
    for number, start in enumerate(starts):
        end = starts[number + 1] if number + 1 < len(starts) else len(blocks)
        headline, rest = blocks[start], blocks[start + 1:end]
        if not rest:
            findings.append(Finding(headline.line, f"the headline '{headline.text}' has no "
                                                   "citation line or text under it"))
            continue
        citation, text = rest[0], rest[1:]
        split = next((i for i, block in enumerate(text) if IMPLICATIONS.fullmatch(block.text)),
                     None)
        body = text if split is None else text[:split]
        implications = () if split is None else text[split + 1:]
        if not body:
            findings.append(Finding(citation.line, f"the summary '{headline.text}' has no "
                                                   "text after its citation line; not "
                                                   "imported"))
            continue
        if split is None:
            findings.append(Finding(headline.line, f"the summary '{headline.text}' has no "
                                                   "'Practice Implications' line; imported "
                                                   "without that section"))
        summaries.append(BlogSummary(
            headline.text, headline.line, citation.text, citation.line,
            tuple(block.text for block in body), tuple(block.text for block in implications)))
    return summaries, findings
