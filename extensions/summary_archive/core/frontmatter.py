"""Split YAML front matter off a Markdown source and parse it, keeping line numbers.

Pure functions: the Sphinx build reads it from the source it is given, and
``make check`` from the file, so both see the same values and the same lines.

MyST finds the block twice, in two ways: its Markdown parser
(mdit-py-plugins' front-matter rule: the first line of dashes, indented up
to three spaces, or ``...``) for the page's fields, and a line reader
(the first line starting with ``---`` or ``...``) for per-page parser
settings. We find it with that same Markdown rule and refuse any block where
the readers could disagree: a line inside it that either reader would take
for the end, an opening line that is not exactly ``---``, or a character
that one of them counts as a line break and another does not. A page that
is accepted therefore means the same thing to all three.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import yaml
from markdown_it import MarkdownIt
from mdit_py_plugins.front_matter import front_matter_plugin

from .quoting import codepoint

# The loader MyST reads front matter with (yaml.safe_load). libyaml's is ten
# times faster but does not always agree with it (a tab-indented line, say).
_Loader = yaml.SafeLoader

FENCE = "---"
# MyST's own front-matter rule. It skips indented code lines when the "code"
# rule is on, as in MyST; the other rules do not change where it ends.
_BLOCK_FINDER = MarkdownIt("zero").enable("code").use(front_matter_plugin)
# Line breaks for Python's str.splitlines (MyST's line reader) or YAML, not
# for Markdown, which breaks lines at \n only (after turning \r\n and \r into \n).
OTHER_LINE_BREAKS = re.compile("[\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")
# What either reader takes for the end of the block, wherever it stands.
ENDS_FOR_A_READER = re.compile(r"(?:---|\.\.\.)|[ ]{0,3}-{3,}[ \t]*$")


@dataclass(frozen=True)
class FrontMatter:
    """What the top of a page declares, with the line of each field."""

    fields: dict[str, object]
    lines: dict[str, int] = field(default_factory=dict)
    start_line: int = 1  # the line of the opening fence
    error: str | None = None  # why the block could not be read
    error_line: int | None = None
    present: bool = True
    end_line: int = field(default=0, compare=False)  # the closing fence (0: none)

    def line_of(self, name: str) -> int:
        return self.lines.get(name, self.start_line)


def normalized(text: str) -> str:
    """The text as Markdown reads it: no byte-order mark, \\n line ends."""
    return text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def _ambiguity(lines: list[str], end: int) -> tuple[str, int] | None:
    """Why MyST's readers could disagree about this block, and the line."""
    if lines[0].rstrip(" \t") != FENCE:
        return (f"the first line must be exactly '{FENCE}' (it is {lines[0][:40]!r}); "
                "otherwise MyST reads the front matter differently from the archive", 1)
    for number, line in enumerate(lines[:end + 1], 1):
        odd = OTHER_LINE_BREAKS.search(line)
        if odd:
            return (f"the front matter holds the invisible line break {codepoint(odd[0])}; "
                    "delete it (MyST and YAML count it as a line end, Markdown does not)",
                    number)
    for number, line in enumerate(lines[1:end + 1], 2):
        if ENDS_FOR_A_READER.match(line) and (number <= end or line.rstrip(" \t") != FENCE):
            return (f"line {number} ({line.strip()[:20]!r}) would end the front matter for "
                    f"one of MyST's readers but not the other; inside the front matter, no "
                    f"line may start with '---' or '...' or be a line of dashes (indent a "
                    f"multi-line value's lines with text, or quote it on one line)", number)
    return None


def split(text: str) -> tuple[str, int] | None:
    """The YAML between the first two ``---`` fences and its first line number.

    None when the page has no front matter; ``("", -1)`` when the block never
    closes. Raises ``AmbiguousFrontMatter`` when MyST's readers could disagree.
    """
    block = _split(text)
    return None if block is None else block[:2]


def _split(text: str) -> tuple[str, int, int] | None:
    """``split``, and the line of the closing fence."""
    text = normalized(text)
    if not text.startswith(FENCE):
        return None
    lines = text.split("\n")
    tokens = _BLOCK_FINDER.parse(text)
    if not tokens or tokens[0].type != "front_matter":
        # MyST's Markdown reader sees no block (never closed); its line reader might.
        problem = _ambiguity(lines, len(lines) - 1)
        if problem and problem[1] == 1:
            raise AmbiguousFrontMatter(*problem)
        return "", -1, 0
    end = tokens[0].map[1] - 1  # the closing line, 0-based
    problem = _ambiguity(lines, end)
    if problem:
        raise AmbiguousFrontMatter(*problem)
    return "\n".join(lines[1:end]), 2, end + 1


class AmbiguousFrontMatter(ValueError):
    def __init__(self, message: str, line: int) -> None:
        super().__init__(message)
        self.message, self.line = message, line


def _shared_node(node: yaml.Node, seen: set[int]) -> yaml.Node | None:
    """A node reached twice (a YAML alias), walking each node once."""
    stack = [node]
    while stack:
        current = stack.pop()
        if id(current) in seen:
            return current
        seen.add(id(current))
        if isinstance(current, yaml.MappingNode):
            stack.extend(part for pair in current.value for part in pair)
        elif isinstance(current, yaml.SequenceNode):
            stack.extend(current.value)
    return None


def compose_plain(loader, text: str) -> tuple[yaml.Node | None, int | None]:
    """The YAML's node tree, and the (0-based) line of its first alias if it uses any.

    A summary never needs them, and nested aliases make a few hundred bytes
    stand for gigabytes of values."""
    node = loader.get_single_node()
    if node is None or _shared_node(node, set()) is None:
        return node, None
    first = next(event for event in yaml.parse(text, Loader=yaml.SafeLoader)
                 if isinstance(event, yaml.AliasEvent))
    return node, first.start_mark.line


def parse(text: str) -> FrontMatter:
    """Parse a page's front matter; never raises on bad YAML."""
    try:
        block = _split(text)
    except AmbiguousFrontMatter as problem:
        return FrontMatter({}, error=problem.message, error_line=problem.line)
    if block is None:
        return FrontMatter({}, present=False, error="the page has no front matter "
                           "(a block between two '---' lines at its top)", error_line=1)
    yaml_text, first, end_line = block
    if first < 0:
        return FrontMatter({}, error="the front matter opens with '---' but has no closing "
                           "'---' line", error_line=1)
    loader = _Loader(yaml_text)
    try:  # compose first: nodes know their lines, values are built per field
        node, alias_line = compose_plain(loader, yaml_text)
        if node is None:
            return FrontMatter({}, {}, end_line=end_line)
        if alias_line is not None:
            return FrontMatter({}, error="the front matter uses a YAML anchor or alias "
                               "('&name' or '*name'); write each value out in full",
                               error_line=first + alias_line)
        if not isinstance(node, yaml.MappingNode):
            return FrontMatter({}, error="the front matter must be 'field: value' lines",
                               error_line=first)
        fields: dict[str, object] = {}
        lines: dict[str, int] = {}
        for key_node, value_node in node.value:
            line = first + key_node.start_mark.line
            if not isinstance(key_node, yaml.ScalarNode):
                return FrontMatter({}, lines, error="a front-matter field name must be a "
                                   "word, not a list or mapping", error_line=line)
            name = str(key_node.value)
            if name in lines:  # YAML would silently keep the last one
                return FrontMatter({}, lines, error=f"field {name[:40]!r} is given twice "
                                   f"(lines {lines[name]} and {line})", error_line=line)
            lines[name] = line
            try:
                fields[name] = loader.construct_object(value_node, deep=True)
            except ValueError as error:  # e.g. an unquoted date such as 2021-02-30
                return FrontMatter({}, lines, error=f"field {name[:40]!r} holds an impossible "
                                   f"value ({str(error)[:80]})", error_line=line)
    except RecursionError:
        return FrontMatter({}, error="the front matter nests lists or mappings too deeply "
                           "to read", error_line=first)
    except yaml.YAMLError as error:
        # Where the broken construct began (an opening quote, say) beats where
        # the parser gave up, which is often the end of the block.
        mark = getattr(error, "context_mark", None) or getattr(error, "problem_mark", None)
        line = first + mark.line if mark is not None else first
        problem = getattr(error, "problem", None) or str(error)
        return FrontMatter({}, error=f"the front matter is not valid YAML ({problem[:120]}); "
                           "look for an unclosed quote, a missing space after ':' or a wrong "
                           "indent", error_line=line)
    finally:
        loader.dispose()
    return FrontMatter(fields, lines, end_line=end_line)
