"""The archive at more than a handful of summaries, on generated pages.

Correctness only; speed is measured by `make bench` (benchmarks/run.py).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from helpers import article, html_mtimes, text

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
from generate import write_archive  # noqa: E402

pytestmark = pytest.mark.slow  # generated archives of 40 and 150 summaries


def build(make_app, srcdir: Path, **kwargs):
    app = make_app("html", srcdir=srcdir, **kwargs)
    app.build()
    app.cleanup()
    assert app.warning.getvalue() == ""
    return app


def test_parallel_equals_serial_at_a_medium_archive(make_app, tmp_path):
    summaries = write_archive(tmp_path / "serial", 150)
    write_archive(tmp_path / "parallel", 150)
    serial = build(make_app, tmp_path / "serial")
    parallel = build(make_app, tmp_path / "parallel", parallel=2)
    pages = sorted(html_mtimes(serial.outdir))
    assert pages == sorted(html_mtimes(parallel.outdir))
    assert len(pages) > len(summaries)
    for page in pages:
        assert str(article(serial.outdir, page)) == str(article(parallel.outdir, page)), page


def sphinx_build(srcdir: Path) -> Path:
    """Build as `make` does, in a fresh process: theme and sphinx-design keep
    per-process state, so a second in-process app would look reconfigured."""
    outdir = srcdir / "_build" / "html"
    result = subprocess.run([sys.executable, "-m", "sphinx", "-b", "html", "-q", "-W",
                             "--keep-going", "-n", str(srcdir), str(outdir)],
                            capture_output=True, text=True)
    assert result.returncode == 0 and result.stderr == "", result.stderr
    return outdir


@pytest.fixture
def generated(tmp_path):
    """A 40-summary archive, built once; rebuild() reports the pages written again."""
    srcdir = tmp_path / "archive"
    summaries = write_archive(srcdir, 40)
    outdir = sphinx_build(srcdir)

    def rebuild():
        before = html_mtimes(outdir)
        sphinx_build(srcdir)
        after = html_mtimes(outdir)
        return outdir, {p.removesuffix(".html") for p, m in after.items() if before.get(p) != m}

    return srcdir, summaries, rebuild


def related_lists(outdir: Path, summaries: list[dict]) -> dict[str, str]:
    """The related-summaries block of every summary page, as HTML."""
    return {docname(s): str(article(outdir, f"{docname(s)}.html").select_one(
        ".summary-related")) for s in summaries}


def docname(summary: dict) -> str:
    return f"{summary['year']}/{summary['month']:02d}/{summary['slug']}"


def test_no_change_rewrites_nothing(generated):
    _, _, rebuild = generated
    _, rewritten = rebuild()
    assert rewritten == set()


def test_text_edit_rewrites_the_page_and_its_month_only(generated):
    srcdir, summaries, rebuild = generated
    target = summaries[20]
    page = srcdir / f"{docname(target)}.md"
    page.write_text(page.read_text().replace("## Practice Implications",
                                             "An added sentence.\n\n## Practice Implications"))
    _, rewritten = rebuild()
    # Its month's page shows it in full; Sphinx itself rewrites the year page
    # (its toctree lists the month).
    month = docname(target).rsplit("/", 1)[0]
    assert rewritten == {docname(target), f"{month}/index", f"{month.split('/')[0]}/index"}
    assert "An added sentence." in text(article(srcdir / "_build/html", f"{month}/index.html"))


def test_retag_rewrites_page_and_the_topic_pages_it_left_and_joined(generated):
    srcdir, summaries, rebuild = generated
    target = summaries[20]
    left = target["topics"][0]
    joined = next(t for t in ("training", "termination", "empathy") if t not in target["topics"])
    page = srcdir / f"{docname(target)}.md"
    page.write_text(page.read_text().replace(f"topics:\n- {left}\n", f"topics:\n- {joined}\n", 1))
    outdir = srcdir / "_build" / "html"
    related_before = related_lists(outdir, summaries)
    outdir, rewritten = rebuild()
    changed_related = {doc for doc, html in related_lists(outdir, summaries).items()
                       if html != related_before[doc]} - {docname(target)}
    month = docname(target).rsplit("/", 1)[0] + "/index"
    # Also rewritten: summaries whose related list changed (they share the topic
    # left or joined); and, by Sphinx itself, the toctree parents of rewritten
    # pages: months of rewritten summaries, and the landing page (for the topic
    # index, whose counts changed).
    # The target's month's page shows its topics, so it is rewritten, and with it
    # (by Sphinx) the year page whose toctree lists that month.
    months_of_changed = {doc.rsplit("/", 1)[0] + "/index" for doc in changed_related}
    year = docname(target).split("/")[0] + "/index"
    assert rewritten == {docname(target), month, year, f"topics/{left}", f"topics/{joined}",
                         "topics/index", "index"} | changed_related | months_of_changed
    assert target["title"] in text(article(outdir, f"topics/{joined}.html"))
    left_titles = text(article(outdir, f"topics/{left}.html"))
    assert target["title"] not in left_titles
