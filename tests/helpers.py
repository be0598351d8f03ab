"""Reading built pages (the text of a page's article and its links) and the
repository's own sources, so tests derive what to expect instead of hard-coding it."""

from __future__ import annotations

import re
from pathlib import Path

from bs4 import BeautifulSoup


def soup(outdir: Path, page: str) -> BeautifulSoup:
    return BeautifulSoup((Path(outdir) / page).read_text(encoding="utf-8"), "html.parser")


def article(outdir: Path, page: str):
    """The page's main content, without theme navigation."""
    page_soup = soup(outdir, page)
    return page_soup.find("article") or page_soup.find("div", class_="body") or page_soup


def text(node) -> str:
    return " ".join(node.get_text(" ").split())


def links(node) -> dict[str, str]:
    """Link text -> href, for every link in a node."""
    return {" ".join(a.get_text(" ").split()): a.get("href", "") for a in node.find_all("a")}


def html_mtimes(outdir: Path) -> dict[str, int]:
    """Modification times of the pages Sphinx writes per document."""
    skip = {"genindex.html", "search.html"}  # rewritten on every build by design
    return {p.relative_to(outdir).as_posix(): p.stat().st_mtime_ns
            for p in Path(outdir).rglob("*.html") if p.name not in skip}


REPO = Path(__file__).resolve().parent.parent
DOCS = REPO / "docs"


def real_summaries() -> dict[str, dict]:
    """The repository's summaries: docname -> front-matter fields."""
    from summary_archive.core import frontmatter
    from summary_archive.core.summaries import summary_paths

    return {docname: frontmatter.parse(path.read_text(encoding="utf-8")).fields
            for docname, path in summary_paths(DOCS)}


def real_vocabulary():
    from summary_archive.core.vocabulary import load_vocabulary

    return load_vocabulary(DOCS / "_data" / "vocabulary.yml")


def build_real_archive(outdir: Path, base_url: str | None = None) -> Path:
    """Build the repository's own archive strictly, as `make html` does, in a
    fresh process; fail the test on any warning. Returns ``outdir``."""
    import os
    import subprocess
    import sys

    env = {**os.environ, "PYTHONWARNINGS": ""}
    if base_url is not None:
        env["ARCHIVE_BASE_URL"] = base_url
    result = subprocess.run(
        [sys.executable, "-m", "sphinx", "-b", "html", "-c", str(REPO), "-W", "--keep-going",
         "-n", "-q", "-d", str(outdir.parent / "doctrees"), str(REPO / "docs"), str(outdir)],
        capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    return outdir


ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")  # colours and line erasing (CI=true turns them on)


def strip_ansi(output: str) -> str:
    """Sphinx's console output without terminal escape codes."""
    return ANSI.sub("", output)
