"""The sidebar rendered once per section (web/navigation_cache.py) is the
sidebar the theme renders for each page: byte for byte, on every page."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from summary_archive.web.navigation_cache import (CURRENT_LINK, ancestors, as_seen_from_below,
                                                  section_chain, shown_section, shows_itself)

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "benchmarks"))
from generate import write_archive  # noqa: E402

PARENTS = {"archive": ["index"], "2025/index": ["archive"], "2025/12/index": ["2025/index"],
           "2025/12/a": ["2025/12/index"], "2025/12/b": ["2025/12/index"],
           "references": ["index"]}


def test_siblings_share_a_key_and_a_top_level_page_is_its_own_section():
    assert ancestors(PARENTS, "2025/12/a") == ancestors(PARENTS, "2025/12/b") == {
        "2025/12/index", "2025/index", "archive", "index"}
    chain = section_chain(PARENTS, "2025/12/a")
    assert chain == ["2025/12/a", "2025/12/index", "2025/index", "archive"]
    assert shown_section(chain, 1) == "archive" and shown_section(chain, 0) is None
    # Both at the top, with the same ancestors: their sidebars show different sections.
    assert ancestors(PARENTS, "archive") == ancestors(PARENTS, "references")
    assert shown_section(section_chain(PARENTS, "archive"), 1) == "archive"
    assert shown_section(section_chain(PARENTS, "references"), 1) == "references"


def test_a_sidebar_holding_a_page_of_its_own_is_never_shared():
    assert shows_itself('<a class="current reference internal" href="#">', "x.html")
    assert shows_itself('<a aria-current="page" href="y.html">', "x.html")
    assert shows_itself('<a class="reference internal" href="x.html">', "x.html")
    assert not shows_itself('<a class="reference internal" href="../index.html">', "x.html")


def test_a_month_page_s_sidebar_serves_its_summaries_with_its_link_made_ordinary():
    month = ('<li class="toctree-l2 current active">' + CURRENT_LINK + "January 2021</a></li>"
             '<li class="toctree-l2"><a class="reference internal" href="../12/index.html">'
             "December 2021</a></li>")
    below = as_seen_from_below(month, "index.html")
    assert below == ('<li class="toctree-l2 current active"><a class="reference internal" '
                     'href="index.html">January 2021</a></li>' + month.split("</li>", 1)[1])
    assert not shows_itself(below, "summary-00150.html")
    # Not of that one simple shape: nothing is shared.
    assert as_seen_from_below(month + '<a href="#">x</a>', "index.html") is None
    assert as_seen_from_below('<a class="reference internal" href="x.html">', "index.html") is None


def build(srcdir: Path, outdir: Path, cached: bool) -> Path:
    # A process of its own for each build (the theme keeps per-process state);
    # the uncached one has the cache's event handler replaced before setup.
    script = ("import sys\n"
              "import summary_archive.web.navigation_cache as cache\n"
              + ("" if cached else "cache.cache_sidebar = lambda *args: None\n")
              + "from sphinx.cmd.build import main\n"
              "sys.exit(main(sys.argv[1:]))\n")
    result = subprocess.run([sys.executable, "-c", script, "-b", "html", "-q", "-W",
                             "--keep-going", "-n", str(srcdir), str(outdir)],
                            capture_output=True, text=True)
    assert result.returncode == 0 and result.stderr == "", result.stderr
    return outdir


@pytest.mark.slow
def test_every_page_is_the_same_with_and_without_the_cache(tmp_path):
    summaries = write_archive(tmp_path / "archive", 60)
    months = {(s["year"], s["month"]) for s in summaries}
    assert len(months) < len(summaries)  # months of two or three: sidebars to share
    cached = build(tmp_path / "archive", tmp_path / "cached", cached=True)
    fresh = build(tmp_path / "archive", tmp_path / "fresh", cached=False)
    pages = sorted(p.relative_to(fresh) for p in fresh.rglob("*.html"))
    assert sorted(p.relative_to(cached) for p in cached.rglob("*.html")) == pages
    assert len(pages) > len(summaries)
    for page in pages:
        assert (cached / page).read_bytes() == (fresh / page).read_bytes(), page
