"""Incremental builds: each kind of edit changes exactly the pages it should.

Each test builds a copy of the test root, edits it, and builds again with the
saved environment, as ``make`` does; then checks the lists and which HTML
files were written again.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from helpers import article, html_mtimes, text

ALWAYS_WRITTEN: set[str] = set()  # no page is rewritten on every build


def with_toctree_parents(app, pages: set[str]) -> set[str]:
    """Sphinx itself also rewrites the page whose toctree lists a rewritten page
    (its navigation may show the changed title); bare Sphinx does the same."""
    docnames = {page.removesuffix(".html") for page in pages}
    parents = {parent for docname in docnames
               for parent in app.env.files_to_rebuild.get(docname, ())}
    return pages | {f"{parent}.html" for parent in parents}


@pytest.fixture
def archive(make_app, copy_root):
    """Build once; return (srcdir, a function that rebuilds and reports)."""
    srcdir = copy_root("archive")
    first = make_app("html", srcdir=srcdir)
    first.build()
    assert first.warning.getvalue() == ""
    first.cleanup()  # a second app in one process needs docutils' registry reset
    outdir = first.outdir

    def rebuild():
        # No sleep needed: a rebuild takes far longer than the clock's tick, so a
        # page written again always gets a later modification time.
        before = html_mtimes(outdir)
        app = make_app("html", srcdir=srcdir)
        app.build()
        app.cleanup()
        assert app.warning.getvalue() == ""
        after = html_mtimes(outdir)
        rewritten = {page for page, mtime in after.items() if before.get(page) != mtime}
        return app, rewritten

    return srcdir, rebuild


def titles(outdir: Path, page: str) -> list[str]:
    """The summaries a page lists, or shows in full (a month's page)."""
    shown = article(outdir, page)
    return [text(e) for e in shown.select("li.archive-summary .archive-summary-title")
            + shown.select("section.archive-month-summary > h2 > a.reference")]


def read_counts(status: str) -> tuple[int, int, int]:
    match = re.search(r"(\d+) added, (\d+) changed, (\d+) removed", status)
    return tuple(int(n) for n in match.groups())


def test_rebuild_with_no_change_reads_and_writes_nothing(archive):
    srcdir, rebuild = archive
    app, rewritten = rebuild()
    assert read_counts(app.status.getvalue()) == (0, 0, 0)
    assert rewritten == ALWAYS_WRITTEN
    # ... and every list is still there (ablog loses them here).
    assert titles(app.outdir, "topics/empathy.html") == [
        "Gamma <script>alert(1)</script> & Co", "Alpha warmth"]
    assert "Empathy (2 summaries)" in text(article(app.outdir, "topics/index.html"))


def test_retagging_updates_old_and_new_topic_pages_only(archive):
    srcdir, rebuild = archive
    page = srcdir / "2021/07/alpha.md"
    page.write_text(page.read_text().replace(
        "topics: [empathy, therapist-factors]",
        "topics: [alliance-and-therapeutic-relationship, therapist-factors]"))
    app, rewritten = rebuild()
    assert read_counts(app.status.getvalue()) == (0, 1, 0)
    assert titles(app.outdir, "topics/empathy.html") == ["Gamma <script>alert(1)</script> & Co"]
    assert titles(app.outdir, "topics/alliance-and-therapeutic-relationship.html") == [
        "Beta voices", "Alpha warmth", "Delta trial"]
    assert "Empathy (1 summary)" in text(article(app.outdir, "topics/index.html"))
    # ... and the summaries whose related lists lose it (gamma) or gain it (beta, delta).
    # ... and its month's page, which shows its topics; and the pages whose sidebar
    # lists empty topics (none became empty here).
    assert rewritten == with_toctree_parents(app, {
        "2021/07/alpha.html", "topics/empathy.html",
        "topics/alliance-and-therapeutic-relationship.html", "topics/index.html",
        "2021/08/gamma.html", "2021/07/beta.html", "2020/12/delta.html",
        "2021/07/index.html"})


def test_editing_a_title_rewrites_the_pages_that_show_it(archive):
    srcdir, rebuild = archive
    page = srcdir / "2021/07/beta.md"
    page.write_text(page.read_text().replace('title: "Beta voices"', 'title: "Beta, retitled"'))
    app, rewritten = rebuild()
    assert "Beta, retitled" in titles(app.outdir, "2021/07/index.html")
    # The page, its month, year, topic and type lists, and its two neighbours,
    # and the References page, whose back-links show the title.
    assert rewritten == with_toctree_parents(app, {
        "2021/07/beta.html", "2021/07/index.html", "2021/index.html",
        "topics/alliance-and-therapeutic-relationship.html",
        "research-types/qualitative-study.html", "2021/07/alpha.html", "2021/08/gamma.html",
        "references.html",
        "2020/12/delta.html"})  # delta lists beta among its related summaries


def test_deleting_a_summary_removes_it_from_every_list(archive):
    srcdir, rebuild = archive
    (srcdir / "2021/07/beta.md").unlink()
    app, _ = rebuild()
    assert read_counts(app.status.getvalue())[2] == 1
    assert titles(app.outdir, "2021/07/index.html") == ["Alpha warmth"]
    assert titles(app.outdir, "topics/alliance-and-therapeutic-relationship.html") == [
        "Delta trial"]
    assert "1 research type with no summaries yet: Qualitative study" in text(
        article(app.outdir, "research-types/index.html"))
    assert "July 2021 (1)" in text(article(app.outdir, "archive.html"))
    gamma = article(app.outdir, "2021/08/gamma.html")
    assert text(gamma.select_one(".summary-previous")).startswith("Previous summary: Alpha warmth")


def test_deleting_the_last_summary_of_a_month_removes_the_month(archive):
    srcdir, rebuild = archive
    (srcdir / "2020/12/delta.md").unlink()
    app, _ = rebuild()
    assert not (srcdir / "2020/12/index.md").exists()
    assert not (srcdir / "2020/index.md").exists()
    assert "2020" not in text(article(app.outdir, "archive.html"))


def test_adding_a_summary_in_a_new_month_creates_that_month(archive):
    srcdir, rebuild = archive
    (srcdir / "2021/09").mkdir()
    (srcdir / "2021/09/epsilon.md").write_text(
        (srcdir / "2021/07/alpha.md").read_text()
        .replace("Alpha warmth", "Epsilon arrives").replace("date: 2021-07", "date: 2021-09"))
    app, _ = rebuild()
    assert titles(app.outdir, "2021/09/index.html") == ["Epsilon arrives"]
    assert "September 2021 (1)" in text(article(app.outdir, "archive.html"))
    assert "September 2021" in text(article(app.outdir, "2021/index.html"))
    landing = text(article(app.outdir, "index.html"))
    assert "September 2021" in landing and "Epsilon arrives" in landing
    assert titles(app.outdir, "topics/empathy.html")[0] == "Epsilon arrives"


def test_editing_a_month_intro_rewrites_that_month(archive):
    srcdir, rebuild = archive
    intros = srcdir / "_data/months.yml"
    intros.write_text(intros.read_text().replace("July brings warmth", "July now brings warmth"))
    app, rewritten = rebuild()
    assert "July now brings warmth and voices." in text(article(app.outdir, "2021/07/index.html"))
    assert {"2021/07/index.html", "2021/index.html"} <= rewritten
    assert "topics/empathy.html" not in rewritten


def test_a_dirhtml_build_keeps_its_pages_and_removes_only_the_deleted(make_app, copy_root):
    """``dirhtml`` writes each page as a folder's ``index.html``: the stale-page
    sweep keeps every current one, each summary's ``.bib`` sits beside its page
    where the cite-this link points, and a deleted summary's page and ``.bib`` go."""
    srcdir = copy_root("archive")
    first = make_app("dirhtml", srcdir=srcdir)
    first.build()
    first.cleanup()
    assert first.warning.getvalue() == ""
    outdir = Path(first.outdir)
    for docname in ("2021/07/beta", "2021/08/gamma", "topics/empathy", "research-types/index"):
        assert (outdir / docname.removesuffix("/index") / "index.html").is_file(), docname
    beta = outdir / "2021/07/beta/index.html"
    download = article(outdir, "2021/07/beta/index.html").select_one("a.cite-this-download")
    assert (beta.parent / download["href"]).is_file()
    (srcdir / "2021/07/beta.md").unlink()
    again = make_app("dirhtml", srcdir=srcdir)
    again.build()
    again.cleanup()
    assert again.warning.getvalue() == ""
    assert not beta.exists() and not (beta.parent / download["href"]).exists()
    assert (outdir / "2021/07/alpha/index.html").is_file()
    assert (outdir / "2021/07/alpha/alpha.bib").is_file()
