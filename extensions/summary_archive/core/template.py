"""The summary page a contributor starts from, and the check for its leftovers.

The scaffold (``make new``) writes this template; ``make check`` and the build
both report any placeholder still in a page, so a half-finished summary is
never published by accident.
"""

from __future__ import annotations

import json
import re

from .model import Problem

PLACEHOLDER = "TODO"
PLACEHOLDER_LINE = re.compile(rf"\b{PLACEHOLDER}\b")


def _quoted(text: str) -> str:
    # A JSON string is a valid double-quoted YAML string: quotes, colons,
    # '#' and '<' in a title stay plain text.
    return json.dumps(text, ensure_ascii=False)


def summary_page(*, title: str, month: str, author: str, topics: list[str],
                 research_type: str, reviews: str) -> str:
    topic_lines = "".join(f"  - {topic}\n" for topic in topics)
    return f"""---
title: {_quoted(title)}
date: {month}
author: {_quoted(author)}
topics:
{topic_lines}research_type: {research_type}
reviews: {_quoted(reviews)}
teaser: "{PLACEHOLDER}: one sentence on what the study found, for the lists."
---

{PLACEHOLDER}: why the question matters to clinicians, and what {{cite:t}}`{reviews}` set out to learn.

{PLACEHOLDER}: who took part, what was done and measured, and what was found (numbers as the article gives them).

## Practice Implications

{PLACEHOLDER}: what a therapist can take from the study into their practice.
"""


def leftover_placeholders(text: str) -> list[Problem]:
    """One problem per line still holding a template placeholder."""
    return [Problem(f"this line still holds the template's placeholder {PLACEHOLDER!r}: "
                    f"{line.strip()[:60]!r}; replace it with your own text", number)
            for number, line in enumerate(text.splitlines(), 1)
            if PLACEHOLDER_LINE.search(line)]
