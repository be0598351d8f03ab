"""Split one month of a blog page into its summaries.

Pure functions over ``Block``s. A summary is a headline, its citation line,
the text, a "Practice Implications" line and the implications. The real
pages vary that shape, and each variation is read:

- a headline printed twice in a row, or ending with a full stop;
- a series note between the headline and the citation (a sub-heading with a
  handbook's name, a paragraph about reviewing one chapter a month): kept as
  the opening of the text;
- a post that opens with its text and gives the citation later (kept in
  order) or not at all (not imported: there is nothing to cite, and the report
  says so).

In HTML an ``h3`` marks a headline. In text a headline is a short line without
a closing full stop that either follows a summary's implications or is
followed, within a series note, by a citation line.
"""

from __future__ import annotations

import re
from typing import NamedTuple

IMPLICATIONS = re.compile(r"practice implications\s*:?", re.IGNORECASE)
IMPLICATIONS_INLINE = re.compile(r"practice implications\s*[:.–—-]\s*(?P<rest>\S.*)",
                                 re.IGNORECASE)
CITATION_START = re.compile(r"[^\W\d_][^,()]{0,80},\s*[^\W\d_]")
CITATION_YEAR = re.compile(r"\(\s*(?:19|20)\d{2}")
REFERENCE_LABEL = re.compile(r"(?:references?|citation|source|article)\s*:\s*", re.IGNORECASE)
MONTH_LIKE = re.compile(r"(?:PPRNet\s+Blog\s*[:\-–—]?\s*)?[A-Z][a-z]+\s+\d{4}\s*:?")
HEADLINE_MAX = 200
CITATION_MAX = 700  # a citation line is a few hundred characters; a paragraph is more
SERIES_NOTE_MAX = 2  # blocks between a headline and its citation: sub-heading, paragraph


class Block(NamedTuple):
    text: str
    line: int | None
    # "month", "headline" (an HTML h3), "glued" (a headline the site's "blog" link ran
    # into), "heading" (h4-h6), "end" (a heading that closes the months) or ""
    role: str = ""


class Finding(NamedTuple):
    """Something on the page that could not be used, worded for a person."""

    line: int | None
    message: str


class BlogSummary(NamedTuple):
    headline: str
    line: int | None
    citation: str
    citation_line: int | None
    body: tuple[str, ...]
    implications: tuple[str, ...]
    notes: tuple[Finding, ...] = ()  # shown only if the summary is imported


def citation_text(text: str) -> str:
    """A citation line without a "Reference:" label before it."""
    match = REFERENCE_LABEL.match(text)
    return text[match.end():] if match else text


def looks_like_citation(text: str) -> bool:
    text = citation_text(text)
    return (len(text) <= CITATION_MAX and bool(CITATION_START.match(text))
            and bool(CITATION_YEAR.search(text[:600])))


def headline_shape(text: str, allow_period: bool = False) -> bool:
    if (len(text) > HEADLINE_MAX or looks_like_citation(text) or IMPLICATIONS.fullmatch(text)
            or MONTH_LIKE.fullmatch(text) or text[-1] in ",;:"):
        return False
    return allow_period or not text.endswith(".")


def _same(one: str, other: str) -> bool:
    return re.sub(r"\W+", "", one).casefold() == re.sub(r"\W+", "", other).casefold()


def starts_a_summary(blocks: list[Block], index: int, after_text: bool = False) -> bool:
    """Is ``blocks[index]`` a headline? A short line followed by its citation (maybe
    after a series note), or, ``after_text``, any short line without a full stop."""
    block = blocks[index]
    if block.role in ("headline", "glued"):
        return True
    if block.role or not headline_shape(block.text, allow_period=True):
        return False
    if after_text and headline_shape(block.text):
        return True
    following = index + 1
    if following < len(blocks) and _same(blocks[following].text, block.text):
        following += 1  # printed twice
    for distance, later in enumerate(blocks[following:following + SERIES_NOTE_MAX + 1]):
        if looks_like_citation(later.text):
            return distance == 0 or headline_shape(block.text)
        if IMPLICATIONS.fullmatch(later.text) or later.role in ("month", "headline"):
            return False
    return False


def _starts(blocks: list[Block]) -> list[int]:
    if any(block.role == "headline" for block in blocks):
        return [i for i, block in enumerate(blocks) if block.role == "headline"]
    starts = [0] if blocks else []
    cited = implications = text = False  # what the current summary has shown so far
    for index in range(1, len(blocks)):
        block = blocks[index]
        if IMPLICATIONS.fullmatch(block.text) or IMPLICATIONS_INLINE.fullmatch(block.text):
            implications = True
        elif looks_like_citation(block.text):
            cited = True
        elif (implications and starts_a_summary(blocks, index, after_text=True)) or (
                (cited or text) and starts_a_summary(blocks, index)):
            starts.append(index)
            cited = implications = text = False
        elif not headline_shape(block.text):
            text = True
    return starts


def split_month(blocks: list[Block]) -> tuple[list[BlogSummary], list[Finding]]:
    summaries, findings = [], []
    starts = _starts(blocks)
    for number, start in enumerate(starts):
        end = starts[number + 1] if number + 1 < len(starts) else len(blocks)
        summary = _summary(blocks[start], blocks[start + 1:end])
        if isinstance(summary, Finding):
            findings.append(summary)
        else:
            summaries.append(summary)
    return summaries, findings


def _summary(head: Block, rest: list[Block]) -> BlogSummary | Finding:
    headline = head.text[:-1].rstrip() if head.text.endswith(".") else head.text
    if rest and _same(rest[0].text, head.text):
        rest = rest[1:]  # the headline printed twice
    if not rest:
        return Finding(head.line, f"the headline '{headline}' has no citation line or text "
                                  "under it; not imported")
    before, after, marked = _split_at_implications(rest)
    cited = next((block for block in before if looks_like_citation(block.text)), None)
    if cited is None:
        return Finding(head.line, f"the summary '{headline}' gives no citation line (such as "
                                  "'Family, A. (2020). Title. Journal, 1(2), 3–4.'), so there "
                                  "is no article to review; not imported")
    body = tuple(block.text for block in before if block is not cited)
    if not body:
        return Finding(cited.line, f"the summary '{headline}' has no text after its citation "
                                   "line; not imported")
    notes = () if marked else (Finding(head.line, f"the summary '{headline}' has no "
                                                  "'Practice Implications' line; imported "
                                                  "without that section"),)
    return BlogSummary(headline, head.line, citation_text(cited.text), cited.line, body,
                       after, notes)


def _split_at_implications(rest: list[Block]) -> tuple[list[Block], tuple[str, ...], bool]:
    for index, block in enumerate(rest):
        if IMPLICATIONS.fullmatch(block.text):
            return rest[:index], tuple(b.text for b in rest[index + 1:]), True
        inline = IMPLICATIONS_INLINE.fullmatch(block.text)
        if inline and index > 0:
            return rest[:index], (inline["rest"], *(b.text for b in rest[index + 1:])), True
    return rest, (), False
