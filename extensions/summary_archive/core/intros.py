"""Each month's short introduction ("This month…"), from ``docs/_data/months.yml``."""

from __future__ import annotations

from pathlib import Path

from .datafiles import key_lines, read_yaml
from .model import DATE, Problem
from .quoting import codepoint, first_control, quoted


def load_intros(path: Path) -> tuple[dict[str, str], list[Problem]]:
    """The intros keyed ``YYYY-MM`` and the problems found (each with its line);
    a missing file is no intros."""
    data, node, problem = read_yaml(path)
    if problem:
        return {}, [Problem(f"the month intros cannot be used: {problem.message}",
                            problem.line)]
    if data is None:
        return {}, []
    if not isinstance(data, dict):
        return {}, [Problem("the month intros must be lines of the form "
                            "\"YYYY-MM\": \"one or two sentences\"", 1)]
    lines = key_lines(node)
    intros, problems = {}, []
    for key, text in data.items():
        line = lines.get(str(key))
        match = DATE.fullmatch(str(key))
        if not match or match["day"] or not 1 <= int(match["month"]) <= 12:
            problems.append(Problem(f"month intro key {quoted(str(key))} is not a month; "
                                    "write it as \"YYYY-MM\" in quotes", line))
        elif not isinstance(text, str):
            problems.append(Problem(f"the intro of {key} must be text", line))
        elif (control := first_control(text.strip().replace("\n", " "))) is not None:
            problems.append(Problem(f"the intro of {key} holds the control character "
                                    f"{codepoint(control)}; remove it", line))
        else:
            intros[f"{int(match['year']):04d}-{int(match['month']):02d}"] = text.strip()
    return intros, problems
