"""Reading: validate each summary's front matter and record it in the store.

``source-read`` gives us the page's text, so front matter is parsed by the same
pure functions ``make check`` uses, with real YAML types and line numbers.
Problems become warnings located at the page and line (errors under ``-W``).
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util import logging

from ..core import frontmatter
from ..core.model import Problem, in_month_folder_shape, summary_from_front_matter
from ..core.policy import kept_toctrees, needs_quarantine, page_problems
from ..core.quoting import one_line
from ..core.sources import decode, size_problem
from ..core.template import leftover_placeholders
from .policy import placeholder
from .stop import stop_build

logger = logging.getLogger(__name__)
FIRST_SENTENCE = re.compile(r"^(.+?[.!?])(?:\s|$)")


def warn(docname: str, problem: Problem, subtype: str = "metadata") -> None:
    logger.warning(one_line(problem.message), location=(docname, problem.line),
                   type="archive", subtype=subtype)


def check_encodings(app: Sphinx, env, added: set[str], changed: set[str],
                    removed: set[str]) -> list[str]:
    """env-get-outdated: Sphinx would crash with a traceback on a page that is not
    UTF-8, so stop first, naming each such page and line (only pages about to be read)."""
    problems = []
    for docname in sorted(added | changed):
        path = Path(env.doc2path(docname))
        try:
            _, problem = decode(path.read_bytes())
        except OSError:
            continue  # Sphinx reports unreadable files itself
        if problem:
            problems.append(f"{path}:{problem.line}: {problem.message}")
    for message in problems[:-1]:
        logger.error(message, type="archive", subtype="input")
    if problems:
        stop_build(problems[-1])
    return []


def read_front_matter(app: Sphinx, docname: str, source: list[str]) -> None:
    too_big = size_problem(len(source[0].encode("utf-8")))
    if too_big:  # the same limit as `make check`; no point parsing megabytes
        warn(docname, too_big)
        source[0] = "# This page is too large to build\n"
        return
    front = frontmatter.parse(source[0])
    is_summary = in_month_folder_shape(docname)
    extensions = frozenset(app.config.myst_enable_extensions)
    refused = page_problems(source[0], front, docname, "summary" if is_summary else "page",
                            extensions)
    if not is_summary:
        if front.present and front.error:  # any page's broken front matter
            warn(docname, Problem(front.error, front.error_line))
    else:
        domain = app.env.get_domain("archive")
        summary, problems = summary_from_front_matter(docname, front, domain.vocabulary,
                                                      dt.date.today())
        # The same checks as `make check` (which also lists review items; they never fail).
        problems += leftover_placeholders(source[0])
        for problem in problems:
            warn(docname, problem)
        if summary is not None:
            domain.note_summary(summary, front.lines)
        # Re-validate this page whenever the vocabulary changes.
        app.env.note_dependency(Path(app.srcdir, app.config.archive_vocabulary))
    for problem in refused:
        warn(docname, problem, "policy")
    if needs_quarantine(front, refused):
        # MyST never sees what the page holds, only its title and toctrees.
        source[0] = placeholder(docname, front, kept_toctrees(source[0], extensions))
    elif not front.error:
        app.env.temp_data["archive_front_matter"] = front  # for the check in store.title


def note_teaser(app: Sphinx, doctree: nodes.document) -> None:
    """doctree-read: a summary without a teaser is listed with its first sentence."""
    docname = app.env.docname
    domain = app.env.get_domain("archive")
    summary = domain.summaries.get(docname)
    section = next(iter(doctree.findall(nodes.section)), None)
    if summary is not None and section is not None and not summary.teaser:
        domain.set_teaser(docname, first_sentence(section))


def first_sentence(section: nodes.section) -> str:
    para = next(iter(section.findall(nodes.paragraph)), None)
    if para is None:
        return ""
    text = " ".join(para.astext().split())
    match = FIRST_SENTENCE.match(text)
    return match.group(1) if match else text
