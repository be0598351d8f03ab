"""The Sphinx build meets the same bad inputs as `make check` with the same
sentences, located at the page and line; markup in front matter stays text."""

from __future__ import annotations

import re
import shutil
from io import StringIO
from pathlib import Path

import pytest
from sphinx.testing.util import SphinxTestApp

from helpers import article, soup, strip_ansi, text

GOOD = """---
title: "{title}"
date: {date}
author: Test Author
topics: [empathy]
research_type: meta-analysis
reviews: smith2020warmth
---

Body of the page, reviewing {{cite:t}}`smith2020warmth`. A second sentence.

## Practice Implications

Something practical.
"""

BAD_PAGES = {
    "2021/07/same-title.md": GOOD.format(title="Alpha  warmth", date="2021-07"),
    "2021/08/alpha.md": GOOD.format(title="Another alpha", date="2021-08"),
    "2021/07/words-date.md": GOOD.format(title="Words", date="July 2021"),
    "2021/07/future.md": GOOD.format(title="Future", date="2021-07-31").replace(
        "date: 2021-07-31", "date: 2999-07-31"),
    "2021/07/todo.md": GOOD.format(title="Todo", date="2021-07") + "\nTODO: finish.\n",
    "2021/07/huge.md": GOOD.format(title="Huge", date="2021-07") + "word " * 250_000,
    "2021/07/dotdot.md": GOOD.format(title="Dots", date="2021-07").replace(
        "topics: [empathy]", "topics: [../../empathy-x]"),
}


def plain(app) -> list[str]:
    return strip_ansi(app.warning.getvalue()).splitlines()


@pytest.fixture(scope="module")
def bad_build(tmp_path_factory, rootdir):
    """One build of the test archive with every bad page added (built once: it is slow)."""
    srcdir = tmp_path_factory.mktemp("bad") / "src"
    shutil.copytree(rootdir / "test-archive", srcdir)
    for page, content in BAD_PAGES.items():
        (srcdir / page).write_text(content, encoding="utf-8")
    (srcdir / "2021/07/empty.md").write_text("")
    app = SphinxTestApp("html", srcdir=srcdir, status=StringIO(), warning=StringIO())
    try:
        app.build()
        yield app, srcdir, plain(app)
    finally:
        app.cleanup()


def warned(lines: list[str], srcdir: Path, page: str, line: int | None, message: str) -> None:
    where = f"{srcdir / page}:{line}" if line else f"{srcdir / page}"
    found = [entry for entry in lines if entry.startswith(f"{where}: WARNING: ")]
    assert any(message in entry for entry in found), (where, found)


@pytest.mark.parametrize("page, line, message", [
    ("2021/07/same-title.md", 2, "the title 'Alpha  warmth' is already the title of "
     "2021/07/alpha; give each summary its own title"),
    ("2021/08/alpha.md", None, "the slug 'alpha' is already used by 2021/07/alpha; every "
     "summary needs its own file name: rename this file"),
    ("2021/07/words-date.md", 3, "date 'July 2021' is not a date; write the year and month "
     "as YYYY-MM"),
    ("2021/07/future.md", 3, "date '2999-07-31' is in the future"),
    ("2021/07/todo.md", 16, "this line still holds the template's placeholder 'TODO'"),
    ("2021/07/huge.md", 1, "the file is 1.3 MB; a summary page is a few kB of text and at "
     "most 1 MB is allowed"),
    ("2021/07/dotdot.md", 5, "unknown topic '../../empathy-x'"),
    ("2021/07/empty.md", 1, "the page has no front matter"),
])
def test_the_build_warns_with_the_same_sentence(bad_build, page, line, message):
    app, srcdir, lines = bad_build
    warned(lines, srcdir, page, line, message)


def test_a_bad_build_still_finishes_without_traceback(bad_build):
    app, _, lines = bad_build
    assert not any("Traceback" in line or "Exception" in line for line in lines)
    assert (Path(app.outdir) / "index.html").exists()


def test_a_page_that_is_not_utf8_stops_the_build_with_one_message(make_app, copy_root):
    from summary_archive.store.stop import InputError

    srcdir = copy_root("archive")
    page = srcdir / "2021/07/latin1.md"
    page.write_bytes(GOOD.format(title="Caf\xe9", date="2021-07").encode("latin-1"))
    app = make_app("html", srcdir=srcdir)
    with pytest.raises(InputError) as stopped:
        app.build()
    assert stopped.value.code == 2
    output = plain(app)
    assert [line for line in output if "ERROR" in line] == [
        f"ERROR: {page}:2: the file is not UTF-8 text (byte 0xe9 at column 12); save it with "
        "UTF-8 encoding in your editor [archive.input]"]
    assert not any("Traceback" in line for line in output)
    assert not (Path(app.outdir) / "index.html").exists()  # stopped before writing


XSS = {
    "title": '"><img src=x onerror=alert(1)>',
    "author": "<script>alert(2)</script>",
    "teaser": "<b onmouseover=alert(3)>hover</b> & <script>alert(4)</script>",
}


def xss_page() -> str:
    return (GOOD.format(title=XSS["title"].replace('"', '\\"'), date="2021-08")
            .replace("author: Test Author", f'author: "{XSS["author"]}"')
            .replace("reviews: smith2020warmth",
                     f'reviews: smith2020warmth\nteaser: "{XSS["teaser"]}"'))


def test_markup_in_front_matter_is_inert_on_every_page(make_app, copy_root):
    srcdir = copy_root("archive")
    (srcdir / "2021/08/xss.md").write_text(xss_page(), encoding="utf-8")
    app = make_app("html", srcdir=srcdir)
    app.build()
    assert app.warning.getvalue() == ""
    outdir = Path(app.outdir)
    pages = sorted(outdir.rglob("*.html"))
    assert len(pages) > 10
    showing = 0
    for page in pages:
        page_soup = soup(outdir, page.relative_to(outdir).as_posix())
        assert not page_soup.find_all(attrs={"onerror": True}), page
        assert not page_soup.find_all(attrs={"onmouseover": True}), page
        assert not page_soup.find_all("img", src="x"), page
        for script in page_soup.find_all("script"):
            assert "alert(" not in script.get_text(), page
        if XSS["title"][1:] in page_soup.get_text():
            showing += 1
    # The page itself, its month, year, archive, topic and type pages show the title as text.
    assert showing >= 6
    page = article(outdir, "2021/08/xss.html")
    shown_title = XSS["title"][1:]  # the opening quote becomes a typographic one
    assert shown_title in page.h1.get_text()
    topic = text(article(outdir, "topics/empathy.html"))
    assert XSS["title"][1:] in topic and "hover & <script>alert(4)</script>" not in topic
    assert "<b onmouseover=alert(3)>hover</b> & <script>alert(4)</script>" in topic
    assert shown_title in page_title(outdir, "2021/08/xss.html")


def page_title(outdir: Path, page: str) -> str:
    return soup(outdir, page).title.get_text()


def test_markup_in_front_matter_is_text_in_latex(make_app, copy_root):
    srcdir = copy_root("archive")
    (srcdir / "2021/08/xss.md").write_text(xss_page(), encoding="utf-8")
    app = make_app("latex", srcdir=srcdir)
    app.build()
    assert app.warning.getvalue() == ""
    tex = next(Path(app.outdir).glob("*.tex")).read_text(encoding="utf-8")
    assert r"\textless{}img src=x onerror=alert(1)\textgreater{}" in tex
    assert (r"\textless{}b onmouseover=alert(3)\textgreater{}hover\textless{}/b\textgreater{} \& "
            r"\textless{}script\textgreater{}alert(4)\textless{}/script\textgreater{}") in tex


def test_an_empty_archive_builds(make_app, copy_root):
    srcdir = copy_root("archive")
    for page in srcdir.glob("20*/*/*.md"):
        page.unlink()
    app = make_app("html", srcdir=srcdir)
    app.build()
    assert app.warning.getvalue() == ""
    assert "Traceback" not in app.status.getvalue()
    archive = text(article(app.outdir, "archive.html"))
    assert archive.startswith("Archive")
    assert not list(Path(app.outdir).glob("20*/*/*.html"))


def test_review_items_do_not_fail_the_build(make_app, copy_root):
    srcdir = copy_root("archive")
    page = srcdir / "2021/07/alpha.md"
    page.write_text(page.read_text().replace("teaser:", "needs_review: [topics]\nteaser:"))
    app = make_app("html", srcdir=srcdir)
    app.build()
    assert app.warning.getvalue() == ""
    assert "Alpha warmth" in text(article(app.outdir, "topics/empathy.html"))


def test_a_bibliography_that_is_not_utf8_stops_the_build_with_one_message(make_app, copy_root):
    from summary_archive.store.stop import InputError

    srcdir = copy_root("archive")
    bib = srcdir / "refs.bib"
    bib.write_bytes("@article{x,\n  title = {Caf\xe9}\n}\n".encode("latin-1"))
    warning = StringIO()
    with pytest.raises(InputError) as stopped:
        make_app("html", srcdir=srcdir, warning=warning)
    assert stopped.value.code == 2
    output = strip_ansi(warning.getvalue())
    assert output.strip() == (f"ERROR: {bib}:2: the file is not UTF-8 text (byte 0xe9 at "
                              "column 15); save it with UTF-8 encoding in your editor "
                              "[archive.input]")
