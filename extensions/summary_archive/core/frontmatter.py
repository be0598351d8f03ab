"""Split YAML front matter off a Markdown source and parse it, keeping line numbers.

Pure functions: the Sphinx build reads it from the source it is given, and
``make check`` from the file, so both see the same values and the same lines.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import yaml

try:  # libyaml is several times faster, and this runs once per page.
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - pure-Python PyYAML
    _Loader = yaml.SafeLoader

FENCE = "---"


@dataclass(frozen=True)
class FrontMatter:
    """What the top of a page declares, with the line of each field."""

    fields: dict[str, object]
    lines: dict[str, int] = field(default_factory=dict)
    start_line: int = 1  # the line of the opening fence
    error: str | None = None  # why the block could not be read
    error_line: int | None = None
    present: bool = True

    def line_of(self, name: str) -> int:
        return self.lines.get(name, self.start_line)


def split(text: str) -> tuple[str, int] | None:
    """The YAML between the first two ``---`` fences and its first line number."""
    lines = text.lstrip("\ufeff").splitlines()
    if not lines or lines[0].rstrip() != FENCE:
        return None
    for index, line in enumerate(lines[1:], 1):
        if line.rstrip() == FENCE:
            return "\n".join(lines[1:index]), 2
    return "", -1  # opened but never closed


def parse(text: str) -> FrontMatter:
    """Parse a page's front matter; never raises on bad YAML."""
    block = split(text)
    if block is None:
        return FrontMatter({}, present=False, error="the page has no front matter "
                           "(a block between two '---' lines at its top)", error_line=1)
    yaml_text, first = block
    if first < 0:
        return FrontMatter({}, error="the front matter opens with '---' but has no closing "
                           "'---' line", error_line=1)
    loader = _Loader(yaml_text)
    try:  # compose first: nodes know their lines, values are built per field
        node = loader.get_single_node()
        if node is None:
            return FrontMatter({}, {})
        if not isinstance(node, yaml.MappingNode):
            return FrontMatter({}, error="the front matter must be 'field: value' lines",
                               error_line=first)
        fields: dict[str, object] = {}
        lines: dict[str, int] = {}
        for key_node, value_node in node.value:
            name, line = str(key_node.value), first + key_node.start_mark.line
            if name in lines:  # YAML would silently keep the last one
                return FrontMatter({}, lines, error=f"field {name!r} is given twice "
                                   f"(lines {lines[name]} and {line})", error_line=line)
            lines[name] = line
            try:
                fields[name] = loader.construct_object(value_node, deep=True)
            except ValueError as error:  # e.g. an unquoted date such as 2021-02-30
                return FrontMatter({}, lines, error=f"field {name!r} holds an impossible "
                                   f"value ({error})", error_line=line)
    except yaml.YAMLError as error:
        # Where the broken construct began (an opening quote, say) beats where
        # the parser gave up, which is often the end of the block.
        mark = getattr(error, "context_mark", None) or getattr(error, "problem_mark", None)
        line = first + mark.line if mark is not None else first
        problem = getattr(error, "problem", None) or str(error)
        return FrontMatter({}, error=f"the front matter is not valid YAML ({problem}); look for "
                           "an unclosed quote, a missing space after ':' or a wrong indent",
                           error_line=line)
    finally:
        loader.dispose()
    return FrontMatter(fields, lines)
