"""Values an importer proposed and a person must still confirm (``needs_review``).

Review items are listed by ``make check`` apart from errors; they never fail a
build. A malformed ``needs_review`` is an error like any other.
"""

from __future__ import annotations

from typing import NamedTuple

from .frontmatter import FrontMatter
from .model import KNOWN_FIELDS, Problem

FIELD = "needs_review"


class ReviewItem(NamedTuple):
    field: str
    value: object
    line: int

    @property
    def message(self) -> str:
        return (f"to confirm: {self.field} = {self.value!r} was proposed by the importer; "
                f"check it against the article, then remove {self.field!r} from {FIELD}")


def review_items(front: FrontMatter) -> tuple[list[ReviewItem], list[Problem]]:
    value = front.fields.get(FIELD)
    if value in (None, []):
        return [], []
    fields = [name for name in KNOWN_FIELDS if name != FIELD]
    if not isinstance(value, list) or not all(isinstance(name, str) for name in value):
        return [], [Problem(f"{FIELD!r} must be a list of field names such as [topics, "
                            f"research_type], not {value!r}", front.line_of(FIELD))]
    unknown = [name for name in value if name not in fields]
    if unknown:
        return [], [Problem(f"{FIELD!r} names unknown field(s) {', '.join(map(repr, unknown))}; "
                            f"allowed: {', '.join(fields)}", front.line_of(FIELD))]
    return [ReviewItem(name, front.fields.get(name), front.line_of(name)) for name in value], []
