"""An imported summary as a MyST page: front matter, body, Practice Implications.

Pure functions that return text; writing files is the caller's business. The
blog author's paragraphs are kept as written: only characters Markdown would
read as markup are escaped, so the page shows exactly the published words.
"""

from __future__ import annotations

import json
import re

# Inline characters Markdown or MyST would treat as markup.
INLINE_MARKUP = re.compile(r"([\\`*_\[\]<>{}|~$])")
ENTITY = re.compile(r"&(?=#?\w+;)")
# A paragraph opening like a heading, list, quote, fence, comment or target.
BLOCK_START = re.compile(r"^(?:[#>+=%:-]|\d{1,9}(?=[.)]))")


def escape_markdown(paragraph: str) -> str:
    text = INLINE_MARKUP.sub(r"\\\1", paragraph)
    text = ENTITY.sub(r"\\&", text)
    match = BLOCK_START.match(text)
    if match:
        if match.group(0).isdigit():  # "1998. was..." must not become a list
            end = match.end()
            return text[:end] + "\\" + text[end:]
        return "\\" + text
    return text


def _yaml_string(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a YAML scalar


def render_page(*, title: str, date: str, author: str, topics: tuple[str, ...],
                research_type: str, reviews: str, needs_review: tuple[str, ...],
                body: tuple[str, ...], implications: tuple[str, ...]) -> str:
    lines = ["---", f"title: {_yaml_string(title)}", f"date: {date}",
             f"author: {_yaml_string(author)}", "topics:"]
    lines += [f"  - {topic}" for topic in topics]
    lines += [f"research_type: {research_type}", f"reviews: {reviews}"]
    if needs_review:
        lines.append(f"needs_review: [{', '.join(needs_review)}]")
    lines += ["---", ""]
    paragraphs = [escape_markdown(p) for p in body]
    lines += _paragraphs(paragraphs)
    if implications:
        lines += ["## Practice Implications", ""]
        lines += _paragraphs([escape_markdown(p) for p in implications])
    return "\n".join(lines)


def _paragraphs(paragraphs: list[str]) -> list[str]:
    out = []
    for paragraph in paragraphs:
        out += [paragraph, ""]
    return out
