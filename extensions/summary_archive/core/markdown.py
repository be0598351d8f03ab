"""Markdown as MyST reads it, without Sphinx: the same markdown-it parser and
plugins, set up as ``myst_parser.parsers.mdit.create_md_parser`` sets them up
for this archive (CommonMark with raw HTML, tables, front matter, MyST's
directives and roles, footnotes, and colon fences when enabled).

``blocks`` walks a page as MyST would render it: every token with its line,
directives with their name, first line and body, whose bodies are walked in
turn (MyST parses them as Markdown too), and every inline token (roles, links,
images, inline HTML) at the line of the block holding it. The content policy
(``policy``) judges what it yields; ``make check`` and the build share both.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator
from typing import NamedTuple

from markdown_it import MarkdownIt
from markdown_it.rules_block import make_fence_rule
from markdown_it.token import Token
from mdit_py_plugins.footnote import footnote_plugin
from mdit_py_plugins.front_matter import front_matter_plugin
from mdit_py_plugins.myst_blocks import myst_block_plugin
from mdit_py_plugins.myst_role import myst_role_plugin

# Directives whose body MyST does not read as Markdown (code, maths, raw text).
LITERAL_BODIES = frozenset({"code", "code-block", "sourcecode", "code-cell", "math",
                            "raw", "eval-rst", "literalinclude", "include", "csv-table",
                            "highlight", "productionlist", "graphviz", "mermaid"})
MAX_DEPTH = 20  # directives nested deeper than this are refused, not walked


class Item(NamedTuple):
    """One thing on a page: ``kind`` is a token type, or 'directive'."""

    kind: str
    line: int  # 1-based line on the page
    name: str = ""  # directive or role name (lower case, as docutils looks it up)
    argument: str = ""  # a directive's first line, a role's text, a link's target
    body: str = ""  # a directive's content (options included)
    depth: int = 0  # how many directives hold it


@functools.lru_cache(maxsize=8)
def parser(extensions: frozenset[str] = frozenset({"colon_fence"})) -> MarkdownIt:
    """MyST's markdown-it parser for the given ``myst_enable_extensions``."""
    md = (MarkdownIt("commonmark")
          .enable("table")
          .use(front_matter_plugin)
          .use(myst_block_plugin)
          .use(myst_role_plugin)
          .use(footnote_plugin, inline=False, move_to_end=False, always_match_refs=True))
    if "colon_fence" in extensions:
        md.block.ruler.before(
            "fence", "colon_fence", make_fence_rule(markers=(":",), token_type="colon_fence"),
            {"alt": ["paragraph", "reference", "blockquote", "list", "footnote_def"]})
    return md


def fence_directive(info: str) -> tuple[str, str] | None:
    """(name, first line) when a fence's info string makes it a directive."""
    parts = info.strip().split(maxsplit=1)
    name = parts[0] if parts else ""
    if len(name) > 2 and name.startswith("{") and name.endswith("}"):
        return name[1:-1].strip().lower(), parts[1] if len(parts) > 1 else ""
    return None


def blocks(text: str, extensions: frozenset[str] = frozenset({"colon_fence"}),
           first_line: int = 1, depth: int = 0) -> Iterator[Item]:
    """Everything on a page (or a directive's body starting at ``first_line``)."""
    md = parser(extensions)
    yield from _walk(md.parse(text), md, extensions, first_line, depth)


def _walk(tokens: Iterable[Token], md: MarkdownIt, extensions: frozenset[str],
          first_line: int, depth: int) -> Iterator[Item]:
    for token in tokens:
        line = first_line + (token.map[0] if token.map else 0)
        if token.type == "front_matter":
            continue
        if token.type in ("fence", "colon_fence"):
            found = fence_directive(token.info)
            if found is None:
                continue  # a code block (or a plain colon div, whose body is text)
            name, argument = found
            yield Item("directive", line, name, argument, token.content, depth)
            if name not in LITERAL_BODIES and depth < MAX_DEPTH:
                # A directive without arguments takes its first line as body text.
                yield from blocks(argument, extensions, line, depth + 1)
                yield from blocks(token.content, extensions, line + 1, depth + 1)
            continue
        if token.type == "html_block":
            yield Item("html_block", line, argument=token.content, depth=depth)
            continue
        if token.type == "inline":
            yield from _inline(token.children or (), line, depth)


def _inline(children: Iterable[Token], line: int, depth: int) -> Iterator[Item]:
    for child in children:
        if child.type == "myst_role":
            yield Item("role", line, str(child.meta.get("name", "")).lower(), child.content,
                       depth=depth)
        elif child.type == "html_inline":
            yield Item("html_inline", line, argument=child.content, depth=depth)
        elif child.type == "image":
            yield Item("image", line, argument=str(child.attrGet("src") or ""), depth=depth)
            yield from _inline(child.children or (), line, depth)
        elif child.type == "link_open":
            yield Item("link", line, argument=str(child.attrGet("href") or ""), depth=depth)
        if child.type == "softbreak" or child.type == "hardbreak":
            line += 1


def inline_items(text: str) -> list[Item]:
    """The inline things in a one-line value (a front-matter field MyST renders)."""
    md = parser()
    return list(_inline(md.parseInline(text)[0].children or (), 1, 0)) if text else []


OPTION_LINE = re.compile(r"^\s*:(?P<name>[\w-]+):\s*(?P<value>.*)$")
YAML_OPTION_LINE = re.compile(r"^\s*(?P<name>[\w-]+)\s*:\s*(?P<value>.*)$")


def options(body: str) -> list[tuple[str, str, int]]:
    """A directive's options, as ``(name, value, line offset in the body)``.

    Read loosely, so that nothing MyST could take for an option is missed:
    every ``:name: value`` line of the body, and every ``name: value`` line of
    a ``---`` YAML block at its top."""
    lines = body.split("\n")
    found = []
    in_yaml = bool(lines) and lines[0].strip() == "---"
    for offset, line in enumerate(lines):
        if in_yaml and offset and line.strip() == "---":
            in_yaml = False
            continue
        match = (YAML_OPTION_LINE if in_yaml else OPTION_LINE).match(line)
        if match:
            found.append((match["name"].lower(), match["value"].strip().strip("'\""), offset))
    return found


def content_lines(body: str) -> list[tuple[int, str]]:
    """A directive's content without its options, as ``(line offset, line)``:
    what follows a ``---`` YAML block at its top, or its ``:name: value`` lines."""
    lines = body.split("\n")
    start = 0
    if lines and lines[0].strip() == "---":
        start = next((i + 1 for i in range(1, len(lines)) if lines[i].strip() == "---"),
                     len(lines))
    return [(offset, line) for offset, line in enumerate(lines) if offset >= start
            and line.strip() and not OPTION_LINE.match(line)]
