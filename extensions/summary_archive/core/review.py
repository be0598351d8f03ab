"""Values an importer proposed and a person must still confirm (``needs_review``).

The model decides which fields are listed (``model.review_items``) and reports
a malformed ``needs_review`` like any other field; this module words each item
with its line for ``make check``, which lists them apart from errors. Review
items never fail a build.
"""

from __future__ import annotations

from typing import NamedTuple

from .frontmatter import FrontMatter
from .model import review_items as fields_to_review
from .quoting import quoted

FIELD = "needs_review"


class ReviewItem(NamedTuple):
    field: str
    value: object
    line: int

    @property
    def message(self) -> str:
        return (f"to confirm: {self.field} = {quoted(self.value)} was proposed by the importer; "
                f"check it against the article, then remove {self.field!r} from {FIELD}")


def review_items(front: FrontMatter) -> list[ReviewItem]:
    return [ReviewItem(name, front.fields.get(name), front.line_of(name))
            for name in fields_to_review(front.fields)]
