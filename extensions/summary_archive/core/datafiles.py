"""Reading the archive's YAML data files (vocabulary, month intros, collections).

Pure functions shared by the build and ``make check``: a file that is not
YAML, not UTF-8, too large, a symbolic link, or uses anchors and aliases (a
few hundred bytes of nested aliases stand for gigabytes) gives one problem
with its line; nothing raises. The node tree is kept, so that each entry's
problems can name its line.
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

import yaml

from .frontmatter import compose_plain
from .problem import Problem
from .sources import decode

MAX_DATA_BYTES = 1_000_000  # the vocabulary is about 10 kB


class YamlFile(NamedTuple):
    data: object  # None when the file is missing, empty or unusable
    node: yaml.Node | None
    problem: Problem | None


def read_yaml(path: Path) -> YamlFile:
    """The file's data and node tree, or the one problem that keeps it unread."""
    if path.is_symlink():
        return YamlFile(None, None, Problem("the file is a symbolic link; data files must be "
                                            "ordinary files inside the repository", None))
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return YamlFile(None, None, None)
    except OSError as error:
        return YamlFile(None, None, Problem(f"the file cannot be read ({error.strerror})"))
    if len(raw) > MAX_DATA_BYTES:
        return YamlFile(None, None, Problem(f"the file is {len(raw) / 1e6:.1f} MB; a data file "
                                            f"is at most {MAX_DATA_BYTES / 1e6:.0f} MB", 1))
    text, problem = decode(raw)
    if problem:
        return YamlFile(None, None, problem)
    loader = yaml.SafeLoader(text)
    try:
        node, alias_line = compose_plain(loader, text)
        if alias_line is not None:
            return YamlFile(None, None, Problem("the file uses a YAML anchor or alias "
                                                "('&name' or '*name'); write each value out "
                                                "in full", alias_line + 1))
        data = loader.construct_document(node) if node is not None else None
    except RecursionError:
        return YamlFile(None, None, Problem("the file nests lists or mappings too deeply", 1))
    except yaml.YAMLError as error:
        mark = getattr(error, "context_mark", None) or getattr(error, "problem_mark", None)
        reason = getattr(error, "problem", None) or str(error)
        return YamlFile(None, None, Problem(
            f"the file is not valid YAML ({reason[:120]}); look for an unclosed quote, a "
            "missing space after ':' or a wrong indent", mark.line + 1 if mark else None))
    except ValueError as error:  # e.g. an impossible date
        return YamlFile(None, None, Problem(f"the file holds an impossible value "
                                            f"({str(error)[:80]})"))
    finally:
        loader.dispose()
    return YamlFile(data, node, None)


def key_lines(node: yaml.Node | None) -> dict[str, int]:
    """A top-level mapping's keys and the line of each."""
    if not isinstance(node, yaml.MappingNode):
        return {}
    return {str(key.value): key.start_mark.line + 1 for key, _value in node.value
            if isinstance(key, yaml.ScalarNode)}


def item_lines(node: yaml.Node | None, key: str) -> list[int]:
    """The line of each item of the list under a top-level ``key``."""
    if not isinstance(node, yaml.MappingNode):
        return []
    for key_node, value in node.value:
        if isinstance(key_node, yaml.ScalarNode) and key_node.value == key \
                and isinstance(value, yaml.SequenceNode):
            return [item.start_mark.line + 1 for item in value.value]
    return []


def located(path: Path, problem: Problem) -> str:
    """``path:line: message``, the way the build prints a problem."""
    return f"{path}:{problem.line}: {problem.message}" if problem.line \
        else f"{path}: {problem.message}"
