"""The oracle of the APA tests: citeproc-js itself (``tests/oracle/apa_oracle.js``)
with the same apa.csl and en-US locale, on CSL-JSON written by hand, and the
hard-case project that cites every case (``tests/roots/test-csl``)."""

from __future__ import annotations

import functools
import json
import re
import subprocess
from pathlib import Path

from summary_archive.citations import citeproc_js
from summary_archive.citations.engine import Cite

TESTS = Path(__file__).resolve().parent
ROOT = TESTS / "roots" / "test-csl"
HARD_BIB = ROOT / "refs.bib"
HARD_JSON = ROOT / "_data" / "hard-cases.json"
CASES_PAGE = ROOT / "2021" / "07" / "cases.md"
SCRIPT = TESTS / "oracle" / "apa_oracle.js"
ROLE = re.compile(r"\{cite(?::([tp]))?\}`([^`]+)`")


def page_cases(path: Path) -> list[Cite]:
    """Every cite role of a page, in order, as (keys, narrative?)."""
    return [Cite(tuple(k.strip() for k in keys.split(",")), form == "t")
            for form, keys in ROLE.findall(path.read_text(encoding="utf-8"))]


def oracle(items: list[dict], cases: list[Cite], alone: list[dict] = ()) -> dict:
    """citeproc-js on hand-written CSL-JSON: {order, references: {id: html},
    cites: [html], alone: [html]} (``alone``: each item the only one registered)."""
    request = {"style": str(citeproc_js.STYLE), "locale": str(citeproc_js.LOCALE),
               "items": items, "cases": [{"keys": list(c.keys), "textual": c.textual}
                                         for c in cases], "alone": list(alone)}
    result = subprocess.run([citeproc_js.node_binary(), str(SCRIPT)],
                            input=json.dumps(request).encode(), capture_output=True,
                            env={"NODE_PATH": str(citeproc_js.modules_folder())}, check=True)
    return json.loads(result.stdout)


def hard_items() -> list[dict]:
    return json.loads(HARD_JSON.read_text(encoding="utf-8"))


@functools.cache
def hard_oracle() -> dict:
    """What citeproc-js makes of the hard cases and of every cite of the cases page."""
    return oracle(hard_items(), page_cases(CASES_PAGE))
