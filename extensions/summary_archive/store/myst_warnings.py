"""MyST warnings this extension replaces with its own, better ones.

- "Document headings start at H2": a page with a front-matter title gets its
  H1 from ``title.py``, so its Markdown headings rightly start at H2.
- "Malformed YAML": ``collect.py`` reports broken front matter itself, with
  the line and the parser's reason, so the page would otherwise get two warnings.
"""

from __future__ import annotations

import logging

REPLACED = ("Document headings start at H2, not H1", "Malformed YAML")


class ReplacedMystWarnings(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        return not any(message.startswith(replaced) for replaced in REPLACED)


def quiet_replaced_warnings() -> None:
    # MyST's warnings come from this logger; a logger filter runs before any
    # handler, so the warning is neither printed nor counted under -W.
    target = logging.getLogger("sphinx.myst_parser.warnings_")
    if not any(isinstance(f, ReplacedMystWarnings) for f in target.filters):
        target.addFilter(ReplacedMystWarnings())
