"""Benchmark our archive against bare Sphinx and ablog on the same generated pages.

For each N, the three layouts of the same synthetic summaries (see generate.py)
are built side by side, interleaved, so machine noise hits all alike. Measured
per layout: a full build serially and with -j 2, a rebuild with no change, a
rebuild after editing one summary's text, a rebuild after retagging one
summary, and the peak memory of the serial full build. At the scale sizes
(--scale-sizes, default N > 2000) only the serial full build and its memory are
measured. Each figure is the median of the repeats; the tables give the ratios
to bare Sphinx, the time per page, and how many pages each rebuild re-read and
re-wrote; a last table checks the goals of issue #17 across the sizes.

Usage: python benchmarks/run.py [--sizes 400 2000 5000] [--repeats 3 1 1] [--workdir DIR]
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

from generate import LAYOUTS  # noqa: E402  ("bare", "ours", "ablog")

GOALS = {  # measure -> (goal text, predicate on ours/bare ratio)
    "full build, serial": ("<= 1.10x", lambda r: r <= 1.10),
    "full build, -j 2": ("", None),
    "rebuild, no change": ("re-reads and re-writes nothing", None),
    "rebuild, one text edit": ("<= 0.6x", lambda r: r <= 0.6),
    "rebuild, one retag": ("", None),
    "peak memory (serial full)": ("<= 1.2x", lambda r: r <= 1.2),
}
SCALE_MEASURES = ("full build, serial", "peak memory (serial full)")


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
        if (layout, measure) not in self.runs:  # a layout left out (--layouts)
            return float("nan")
        return statistics.median(getattr(r, attribute) for r in self.runs[(layout, measure)])


def html_mtimes(outdir: Path) -> dict[str, int]:
    return {str(p): p.stat().st_mtime_ns for p in outdir.rglob("*.html")
            if p.name not in ("genindex.html", "search.html")}


def sphinx(srcdir: Path, jobs: int = 1) -> Run:
    # ablog declares itself unsafe for parallel reading, and Sphinx warns that
    # it reads serially: with -W that warning would fail ablog's -j 2 build.
    strict = ["-W", "--keep-going"] if jobs == 1 or "ablog" not in srcdir.name else []
    outdir = srcdir / "_build" / "html"
    before = html_mtimes(outdir) if outdir.exists() else {}
    report = srcdir / "_build" / "rss.json"
    report.parent.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, str(HERE / "sphinx_rss.py"), str(report), "-b", "html", "-q",
         "-j", str(jobs), *strict, "-n", str(srcdir), str(outdir)],
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
    match = re.search(r"(topics:\n- |tags: )([^\s,]+)", text)  # ours and bare, or ablog
    field, first = match.groups()
    replacement = "training" if first != "training" else "termination"
    page.write_text(text.replace(field + first, field + replacement, 1), encoding="utf-8")


def timed_rebuild(srcdir: Path) -> Run:
    mark = time.time_ns()
    run = sphinx(srcdir)
    doctrees = srcdir / "_build" / "html" / ".doctrees"
    run.reread = sum(1 for p in doctrees.rglob("*.doctree") if p.stat().st_mtime_ns >= mark)
    return run


def measure(n: int, repeats: int, workdir: Path, results: Results, scale: bool,
            layouts: tuple[str, ...] = LAYOUTS) -> None:
    middle = f"summary-{n // 2:05d}"
    for repeat in range(repeats):
        for layout in (layouts if repeat % 2 == 0 else layouts[::-1]):  # alternate order
            srcdir = workdir / f"{layout}-{n}"
            write_archive(srcdir, n, layout=layout)
            if not scale:
                results.add(layout, "full build, -j 2", sphinx(srcdir, jobs=2))
                shutil.rmtree(srcdir / "_build")
            full = timed_rebuild(srcdir)
            results.add(layout, "full build, serial", full)
            results.add(layout, "peak memory (serial full)", Run(full.maxrss_kib / 1024))
            print(f"  N={n} {layout} repeat {repeat + 1}/{repeats}: serial full build "
                  f"{full.seconds:.1f} s, peak {full.maxrss_kib / 1024:.0f} MiB", flush=True)
            if scale:
                shutil.rmtree(srcdir)
                continue
            results.add(layout, "rebuild, no change", timed_rebuild(srcdir))
            edit_text(srcdir, middle)
            results.add(layout, "rebuild, one text edit", timed_rebuild(srcdir))
            retag(srcdir, middle)
            results.add(layout, "rebuild, one retag", timed_rebuild(srcdir))
            shutil.rmtree(srcdir)  # N = 5,000 layouts take gigabytes


def per_page_ms(results: Results, layout: str, n: int) -> float:
    return 1000 * results.median(layout, "full build, serial") / n


def shown(value: float, form: str = "{:.2f}") -> str:
    """A figure, or a dash for a layout left out (``--layouts``)."""
    return "—" if value != value else form.format(value)  # NaN: not measured


def table(n: int, results: Results, scale: bool) -> str:
    rows = [f"### N = {n}", "",
            "| measure | bare Sphinx | ours | ablog | ours/bare | ablog/bare | ours per page "
            "| re-read (bare/ours/ablog) | re-written (bare/ours/ablog) | goal | met |",
            "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"]
    for name, (goal, check) in GOALS.items():
        if scale and name not in SCALE_MEASURES:
            continue
        bare, ours, ablog = (results.median(layout, name) for layout in LAYOUTS)
        unit = "MiB" if "memory" in name else "s"
        ratio = ours / bare if bare else float("inf")
        per_page = "" if unit == "MiB" else f"{1000 * ours / n:.1f} ms"
        reread, rewritten = (" / ".join(shown(results.median(layout, name, attribute), "{:.0f}")
                                        for layout in LAYOUTS)
                             for attribute in ("reread", "rewritten"))
        if name == "rebuild, no change":
            ours_counts = (results.median("ours", name, "reread"),
                           results.median("ours", name, "rewritten"))
            met = "yes" if ours_counts == (0, 0) else "no"
        elif check is None:
            met = ""
        else:
            met = "yes" if check(ratio) else "no"
        if name == "full build, serial":
            goal += " and < ablog/bare"
            if ablog == ablog:  # ablog measured in this run
                met = "yes" if met == "yes" and ours < ablog else "no"
        if "memory" in name or name.startswith("full"):
            reread = rewritten = ""
        rows.append(f"| {name} | {bare:.2f} {unit} | {ours:.2f} {unit} | {shown(ablog, '{:.2f} ' + unit)} "
                    f"| {ratio:.2f}x | {shown(ablog / bare, '{:.2f}x')} | {per_page} | {reread} "
                    f"| {rewritten} | {goal} | {met} |")
    if not scale:
        speedups = {layout: results.median(layout, "full build, serial")
                    / results.median(layout, "full build, -j 2") for layout in LAYOUTS}
        rows += ["", f"-j 2 speed-up, ours: {speedups['ours']:.2f}x (goal >= 1.4x: "
                 f"{'met' if speedups['ours'] >= 1.4 else 'not met'}); bare Sphinx: "
                 f"{speedups['bare']:.2f}x; ablog: {shown(speedups['ablog'], '{:.2f}x')}."]
    return "\n".join(rows)


def growth(per_size: dict[int, Results]) -> str:
    """Cost per page at the largest size against the smallest: super-linear or not."""
    if not per_size:
        return ""  # only scale sizes were measured
    small, large = min(per_size), max(per_size)
    if small == large:
        return ""
    rows = [f"### Cost per page, N = {large} against N = {small} (serial full build)", "",
            "| cost per page | N = %d | N = %d | growth | goal | met |" % (small, large),
            "| --- | --- | --- | --- | --- | --- |"]
    for layout in LAYOUTS:
        a, b = (per_page_ms(per_size[size], layout, size) for size in (small, large))
        rows.append(f"| {layout} (whole build) | {a:.1f} ms | {b:.1f} ms | {b / a:.2f}x | | |")
    # Our own cost: what the extension adds to the same pages built bare.
    a, b = ((per_page_ms(per_size[size], "ours", size) - per_page_ms(per_size[size], "bare", size))
            for size in (small, large))
    growth_ratio = b / a if a > 0 else float("nan")
    rows.append(f"| ours minus bare (the extension's own) | {a:.1f} ms | {b:.1f} ms "
                f"| {growth_ratio:.2f}x | <= 1.15x | "
                f"{'yes' if b <= 1.15 * a or b <= 0 else 'no'} |")
    return "\n".join(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[400, 2000, 5000])
    parser.add_argument("--repeats", type=int, nargs="+", default=None,
                        help="repeats per size (default: 3 for N <= 500, else 1)")
    parser.add_argument("--scale-sizes", type=int, nargs="*", default=None,
                        help="sizes measured by the serial full build only (default: N > 2000)")
    parser.add_argument("--layouts", nargs="+", choices=LAYOUTS, default=list(LAYOUTS),
                        help="the layouts to build (default: all three)")
    parser.add_argument("--workdir", type=Path, default=None)
    args = parser.parse_args()
    scale_sizes = (set(args.scale_sizes) if args.scale_sizes is not None
                   else {n for n in args.sizes if n > 2000})
    repeats = args.repeats or [3 if n <= 500 else 1 for n in args.sizes]
    if len(repeats) == 1:
        repeats = repeats * len(args.sizes)
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="archive-bench-"))
    print(f"Working in {workdir}; warming up...", flush=True)
    for layout in args.layouts:  # imports and disk caches, not timed
        write_archive(workdir / f"warmup-{layout}", 20, layout=layout)
        sphinx(workdir / f"warmup-{layout}")
    sections, per_size = [], {}
    for n, count in zip(args.sizes, repeats):
        results = per_size[n] = Results()
        measure(n, count, workdir, results, scale=n in scale_sizes, layouts=tuple(args.layouts))
        sections.append(table(n, results, n in scale_sizes) + f"\n\n(median of {count} run(s))")
        print("\n" + sections[-1] + "\n", flush=True)
    sections.append(growth({n: r for n, r in per_size.items() if n not in scale_sizes}))
    print("\n\n".join(section for section in sections if section))


if __name__ == "__main__":
    main()
