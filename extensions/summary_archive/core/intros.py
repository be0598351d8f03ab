"""Each month's short introduction ("This month…"), from ``docs/_data/months.yml``."""

from __future__ import annotations

from pathlib import Path

import yaml

from .model import DATE, Problem


def load_intros(path: Path) -> tuple[dict[str, str], list[Problem]]:
    """The intros keyed ``YYYY-MM`` and the problems found; a missing file is no intros."""
    if not path.exists():
        return {}, []
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (yaml.YAMLError, UnicodeDecodeError) as error:
        return {}, [Problem(f"the month intros are not valid YAML: {error}")]
    if not isinstance(data, dict):
        return {}, [Problem("the month intros must be lines of the form "
                            "\"YYYY-MM\": \"one or two sentences\"")]
    intros, problems = {}, []
    for key, text in data.items():
        match = DATE.fullmatch(str(key))
        if not match or match["day"] or not 1 <= int(match["month"]) <= 12:
            problems.append(Problem(f"month intro key {str(key)!r} is not a month; "
                                    "write it as \"YYYY-MM\" in quotes"))
        elif not isinstance(text, str):
            problems.append(Problem(f"the intro of {key} must be text"))
        else:
            intros[f"{int(match['year']):04d}-{int(match['month']):02d}"] = text.strip()
    return intros, problems
