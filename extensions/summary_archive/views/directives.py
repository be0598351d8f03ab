"""Directives that place a derived view (a list or an index) on a page.

Each leaves an ``archive_view`` placeholder and tells the domain that this page
shows that view; ``render`` fills it after reading, for whichever builder runs.
"""

from __future__ import annotations

from typing import ClassVar

from docutils import nodes
from sphinx.util.docutils import SphinxDirective

from .nodes import archive_view

SELECTOR_KINDS = ("all", "topic", "type", "month", "year")


class ViewDirective(SphinxDirective):
    kind: ClassVar[str]
    has_content = False
    optional_arguments = 0

    def argument(self) -> str:
        return ""

    def run(self) -> list[nodes.Node]:
        argument = self.argument()
        placeholder = archive_view(kind=self.kind, argument=argument, docname=self.env.docname)
        self.set_source_info(placeholder)
        self.env.get_domain("archive").note_view(self.env.docname, (self.kind, argument))
        return [placeholder]


class SummaryList(ViewDirective):
    """``{summary-list} topic:empathy``: the matching summaries, newest first."""

    kind = "summaries"
    optional_arguments = 1

    def argument(self) -> str:
        selector = self.arguments[0] if self.arguments else "all"
        if selector.partition(":")[0] not in SELECTOR_KINDS:
            raise self.error(f"summary-list: unknown selector {selector!r}; use all, "
                             "topic:<slug>, type:<slug>, month:<yyyy-mm> or year:<yyyy>")
        return selector


class MonthSummaries(ViewDirective):
    """``{month-summaries} 2021-08``: a month's intro and its summaries."""

    kind = "month"
    required_arguments = 1

    def argument(self) -> str:
        return self.arguments[0]


class LatestMonth(ViewDirective):
    """The newest month's intro and summaries, for the landing page."""

    kind = "latest"


class TopicIndex(ViewDirective):
    """Every topic with its number of summaries."""

    kind = "topics"


class ResearchTypeIndex(ViewDirective):
    """Every research type with its number of summaries."""

    kind = "research-types"


class MonthIndex(ViewDirective):
    """Years and months with their numbers of summaries (one year, or all)."""

    kind = "months"
    optional_arguments = 1

    def argument(self) -> str:
        return self.arguments[0] if self.arguments else ""


class TermDescription(ViewDirective):
    """The vocabulary's one-line description of ``topic:<slug>`` or ``type:<slug>``."""

    kind = "description"
    required_arguments = 1

    def argument(self) -> str:
        return self.arguments[0]


class ReferenceList(ViewDirective):
    """Every work in the bibliography, in APA order, with the summaries citing it."""

    kind = "references"


DIRECTIVES = {
    "summary-list": SummaryList,
    "month-summaries": MonthSummaries,
    "latest-month": LatestMonth,
    "topic-index": TopicIndex,
    "research-type-index": ResearchTypeIndex,
    "month-index": MonthIndex,
    "term-description": TermDescription,
    "reference-list": ReferenceList,
}
