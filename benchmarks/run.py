"""Benchmark our archive against bare Sphinx on the same generated pages.

For each N, both layouts of the same synthetic summaries (see generate.py) are
built side by side, interleaved, so machine noise hits both alike. Measured per
layout: a full build serially and with -j 2, a rebuild with no change, a
rebuild after editing one summary's text, a rebuild after retagging one
summary, and the peak memory of the serial full build. Each figure is the
median of the repeats; the table gives the ratio ours/bare, the time per page,
and how many pages each rebuild re-read and re-wrote.

Usage: python benchmarks/run.py [--sizes 400 2000] [--repeats 3] [--workdir DIR]
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import write_archive  # noqa: E402

LAYOUTS = ("bare", "ours")
GOALS = {  # measure -> (goal text, predicate on ours/bare ratio)
    "full build, serial": ("<= 1.05x", lambda r: r <= 1.05),
    "full build, -j 2": ("", None),
    "rebuild, no change": ("re-reads and re-writes nothing", None),
    "rebuild, one text edit": ("<= 1.1x", lambda r: r <= 1.1),
    "rebuild, one retag": ("", None),
    "peak memory (serial full)": ("<= 1.2x", lambda r: r <= 1.2),
}


@dataclass
class Run:
    seconds: float
    reread: int = 0
    rewritten: int = 0
    maxrss_kib: int = 0


@dataclass
class Results:
    runs: dict = field(default_factory=dict)  # (layout, measure) -> [Run]

    def add(self, layout: str, measure: str, run: Run) -> None:
        self.runs.setdefault((layout, measure), []).append(run)

    def median(self, layout: str, measure: str, attribute: str = "seconds") -> float:
        return statistics.median(getattr(r, attribute) for r in self.runs[(layout, measure)])


def html_mtimes(outdir: Path) -> dict[str, int]:
    return {str(p): p.stat().st_mtime_ns for p in outdir.rglob("*.html")
            if p.name not in ("genindex.html", "search.html")}


def sphinx(srcdir: Path, jobs: int = 1) -> Run:
    outdir = srcdir / "_build" / "html"
    before = html_mtimes(outdir) if outdir.exists() else {}
    report = srcdir / "_build" / "rss.json"
    report.parent.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, str(HERE / "sphinx_rss.py"), str(report), "-b", "html", "-q",
         "-j", str(jobs), "-W", "--keep-going", "-n", str(srcdir), str(outdir)],
        capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(f"build of {srcdir} failed:\n{result.stderr[-3000:]}")
    rss = json.loads(report.read_text())
    after = html_mtimes(outdir)
    return Run(seconds, rewritten=sum(1 for p, m in after.items() if before.get(p) != m),
               maxrss_kib=max(rss["maxrss_kib"], rss["children_maxrss_kib"]))


def edit_text(srcdir: Path, slug: str) -> None:
    page = next(srcdir.rglob(f"{slug}.md"))
    text = page.read_text(encoding="utf-8")
    # A sentence at the end of the second paragraph: the teaser stays the same.
    head, sep, tail = text.partition("\n\n## Practice Implications")
    page.write_text(head + " One more edited sentence." + sep + tail, encoding="utf-8")


def retag(srcdir: Path, slug: str) -> None:
    page = next(srcdir.rglob(f"{slug}.md"))
    text = page.read_text(encoding="utf-8")
    match = re.search(r"topics:\n- (\S+)", text)
    replacement = "training" if match.group(1) != "training" else "termination"
    page.write_text(text.replace(f"topics:\n- {match.group(1)}", f"topics:\n- {replacement}", 1),
                    encoding="utf-8")


def timed_rebuild(srcdir: Path) -> Run:
    mark = time.time_ns()
    run = sphinx(srcdir)
    doctrees = srcdir / "_build" / "html" / ".doctrees"
    run.reread = sum(1 for p in doctrees.rglob("*.doctree") if p.stat().st_mtime_ns >= mark)
    return run


def measure(n: int, repeats: int, workdir: Path, results: Results) -> None:
    middle = f"summary-{n // 2:05d}"
    for repeat in range(repeats):
        for layout in (LAYOUTS if repeat % 2 == 0 else LAYOUTS[::-1]):  # alternate order
            srcdir = workdir / f"{layout}-{n}"
            write_archive(srcdir, n, bare=layout == "bare")
            results.add(layout, "full build, -j 2", sphinx(srcdir, jobs=2))
            shutil.rmtree(srcdir / "_build")
            full = timed_rebuild(srcdir)
            results.add(layout, "full build, serial", full)
            results.add(layout, "peak memory (serial full)", Run(full.maxrss_kib / 1024))
            results.add(layout, "rebuild, no change", timed_rebuild(srcdir))
            edit_text(srcdir, middle)
            results.add(layout, "rebuild, one text edit", timed_rebuild(srcdir))
            retag(srcdir, middle)
            results.add(layout, "rebuild, one retag", timed_rebuild(srcdir))
            print(f"  N={n} {layout} repeat {repeat + 1}/{repeats} done", flush=True)


def table(n: int, results: Results) -> str:
    rows = [f"### N = {n}", "",
            "| measure | bare Sphinx | ours | ratio | ours per page | re-read (bare/ours) "
            "| re-written (bare/ours) | goal | met |",
            "| --- | --- | --- | --- | --- | --- | --- | --- | --- |"]
    for name, (goal, check) in GOALS.items():
        bare, ours = results.median("bare", name), results.median("ours", name)
        unit = "MiB" if "memory" in name else "s"
        ratio = ours / bare if bare else float("inf")
        per_page = "" if unit == "MiB" else f"{1000 * ours / n:.1f} ms"
        reread = (f"{results.median('bare', name, 'reread'):.0f} / "
                  f"{results.median('ours', name, 'reread'):.0f}")
        rewritten = (f"{results.median('bare', name, 'rewritten'):.0f} / "
                     f"{results.median('ours', name, 'rewritten'):.0f}")
        if name == "rebuild, no change":
            met = "yes" if reread.endswith("/ 0") and rewritten.endswith("/ 0") else "no"
        elif check is None:
            met = ""
        else:
            met = "yes" if check(ratio) else "no"
        if "memory" in name:
            reread = rewritten = ""
        rows.append(f"| {name} | {bare:.2f} {unit} | {ours:.2f} {unit} | {ratio:.2f}x "
                    f"| {per_page} | {reread} | {rewritten} | {goal} | {met} |")
    serial, parallel = (results.median("ours", "full build, serial"),
                        results.median("ours", "full build, -j 2"))
    bare_speedup = results.median("bare", "full build, serial") / results.median(
        "bare", "full build, -j 2")
    rows.append("")
    rows.append(f"-j 2 speed-up, ours: {serial / parallel:.2f}x (goal >= 1.3x: "
                f"{'met' if serial / parallel >= 1.3 else 'not met'}); bare Sphinx: "
                f"{bare_speedup:.2f}x.")
    return "\n".join(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[400, 2000])
    parser.add_argument("--repeats", type=int, nargs="+", default=None,
                        help="repeats per size (default: 3 for N <= 500, else 1)")
    parser.add_argument("--workdir", type=Path, default=None)
    args = parser.parse_args()
    repeats = args.repeats or [3 if n <= 500 else 1 for n in args.sizes]
    if len(repeats) == 1:
        repeats = repeats * len(args.sizes)
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="archive-bench-"))
    print(f"Working in {workdir}; warming up...", flush=True)
    write_archive(workdir / "warmup", 20)
    sphinx(workdir / "warmup")  # imports and disk caches, not timed
    sections = []
    for n, count in zip(args.sizes, repeats):
        results = Results()
        measure(n, count, workdir, results)
        sections.append(table(n, results) + f"\n\n(median of {count} run(s))")
        print("\n" + sections[-1] + "\n", flush=True)
    print("\n\n".join(sections))


if __name__ == "__main__":
    main()
