"""The PDF collections, built from tests/roots/test-pdf as `make pdf` builds them.

The PDFs are read back with pypdf: outline (bookmarks), text, metadata and link
annotations. TeX Live comes from `make test` (scripts/ensure-tex), never skipped.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from helpers import article, links, text
from summary_archive.pdf import build as pdfbuild

pytestmark = pytest.mark.slow  # builds every PDF with TeX Live

EPOCH = "1700000000"  # 14 November 2023
BUILT = "Built 14 November 2023"

ALPHA, BETA, GAMMA, DELTA = ("Alpha warmth", "Beta voices",
                             "Gamma <script>alert(1)</script> & Co", "Delta trial")
# Each PDF's months and summaries, oldest first, as the selections name them.
EXPECTED = {
    "archive": [("December 2020", [DELTA]), ("July 2021", [ALPHA, BETA]),
                ("August 2021", [GAMMA])],
    "year-2020": [("December 2020", [DELTA])],
    "year-2021": [("July 2021", [ALPHA, BETA]), ("August 2021", [GAMMA])],
    "topic-adherence": [("August 2021", [GAMMA])],
    "topic-alliance-and-therapeutic-relationship": [("December 2020", [DELTA]),
                                                    ("July 2021", [BETA])],
    "topic-empathy": [("July 2021", [ALPHA]), ("August 2021", [GAMMA])],
    "topic-therapist-factors": [("July 2021", [ALPHA])],
    "chosen-two": [("December 2020", [DELTA]), ("August 2021", [GAMMA])],
    "meta-analyses-since-2021": [("July 2021", [ALPHA])],
}


def build_pdfs(source: Path, build: Path, *command: str) -> int:
    os.environ["SOURCE_DATE_EPOCH"] = EPOCH
    try:
        return pdfbuild.main(["--source", str(source), "--confdir", str(source),
                              "--build", str(build), "--jobs", "1", *command])
    finally:
        del os.environ["SOURCE_DATE_EPOCH"]


def build_html(source: Path, build: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "sphinx", "-b", "html", "-W", "--keep-going", "-n", "-q",
         "-d", str(build / "doctrees-html"), str(source), str(build / "html")],
        capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


@pytest.fixture(scope="module")
def built(tmp_path_factory, rootdir) -> Path:
    import shutil

    folder = tmp_path_factory.mktemp("pdf")
    shutil.copytree(rootdir / "test-pdf", folder / "src")
    assert build_pdfs(folder / "src", folder / "_build", "all") == 0
    build_html(folder / "src", folder / "_build")
    return folder


def downloads(built: Path) -> Path:
    return built / "_build" / "html" / "downloads"


def outline(reader: PdfReader) -> list[tuple[str, list[str]]]:
    result, items = [], list(reader.outline)
    for index, item in enumerate(items):
        if isinstance(item, list):
            continue
        children = items[index + 1] if index + 1 < len(items) and isinstance(
            items[index + 1], list) else []
        result.append((item.title, [child.title for child in children]))
    return result


def pdf_text(path: Path, page: int | None = None) -> str:
    """The text (poppler's pdftotext, which keeps spaces), of one page or all."""
    pages = ["-f", str(page), "-l", str(page)] if page else []
    return subprocess.run(["pdftotext", *pages, str(path), "-"], capture_output=True,
                          text=True, check=True).stdout


def test_every_pdf_holds_exactly_its_summaries_by_month_in_order(built):
    published = sorted(p.stem for p in downloads(built).glob("*.pdf"))
    assert published == sorted(EXPECTED)
    for name, months in EXPECTED.items():
        assert outline(PdfReader(downloads(built) / f"{name}.pdf")) == [
            *months, ("References", [])], name


def test_title_page_scope_count_and_build_date(built):
    first_page = pdf_text(downloads(built) / "topic-empathy.pdf", 1)
    for line in ("Empathy", "Research summaries by topic", "Topic: Empathy.", "2 summaries",
                 "Test Network", BUILT):
        assert line in first_page
    chosen = pdf_text(downloads(built) / "chosen-two.pdf", 1)
    assert "Two chosen summaries" in chosen and "An explicit list" in chosen
    assert "2 summaries" in chosen


def test_table_of_contents_follows_the_title_page(built):
    contents = pdf_text(downloads(built) / "archive.pdf", 2)
    assert contents.split()[0].lower() == "contents"
    assert [title for title in (DELTA, ALPHA, BETA) if title in contents] == [DELTA, ALPHA, BETA]


def test_metadata(built):
    meta = PdfReader(downloads(built) / "topic-empathy.pdf").metadata
    assert meta.title == "Empathy"
    assert meta.author == "Test Network"
    assert meta.subject.startswith("Topic: Empathy.")
    assert meta["/Keywords"] == "psychotherapy research, Empathy, Adherence, Therapist Factors"


def test_each_summary_opens_with_topics_type_and_full_reference(built):
    body = pdf_text(downloads(built) / "topic-empathy.pdf")
    alpha = body[body.index(ALPHA, body.index("August 2021")):]  # past the contents
    opening = alpha[:alpha.index("Body of alpha")]
    assert "Empathy · Therapist Factors" in opening
    assert "Meta-analysis" in opening
    assert "Warmth in the consulting room: A test" in opening
    assert "https://doi.org/10.1000/test.2020.1" in opening  # APA 7: the DOI as a URL


def test_doi_links_are_clickable(built):
    reader = PdfReader(downloads(built) / "archive.pdf")
    uris = {annotation.get_object()["/A"].get("/URI") for page in reader.pages
            for annotation in page.get("/Annots", []) if "/A" in annotation.get_object()}
    assert {"https://doi.org/10.1000/test.2020.1", "https://doi.org/10.1000/trial.42"} <= uris


def references(path: Path) -> str:
    """The text of the references chapter (the last page)."""
    last = pdf_text(path, len(PdfReader(path).pages))
    return last[last.index("References") + len("References"):]


WORKS = {"lee2020trial": "A trial of trials", "jones2019voices": "Voices of patients",
         "smith2020warmth": "Warmth in the consulting room"}


def test_references_alphabetical_without_duplicates_and_unicode_names(built):
    section = references(downloads(built) / "archive.pdf")
    # alpha and gamma review the same article: it is listed once; beta also cites Lee.
    assert [section.count(title) for title in WORKS.values()] == [1, 1, 1]
    positions = [section.index(name) for name in ("Lee", "Nguyễn", "Smith")]
    assert positions == sorted(positions)
    assert "Nguyễn, V. A., & Kowalski, Ł." in section  # APA 7 names, accents intact
    assert "Müller, C." in section
    # a collection lists only what its own summaries cite
    empathy = references(downloads(built) / "topic-empathy.pdf")
    assert [empathy.count(title) for title in WORKS.values()] == [0, 0, 1]


def test_practice_implications_set_apart_and_no_blank_pages(built):
    path = downloads(built) / "archive.pdf"
    reader = PdfReader(path)
    texts = [pdf_text(path, number) for number in range(1, len(reader.pages) + 1)]
    assert all(len(text.split()) > 2 for text in texts)
    # Boxed: the box is drawn around the heading and its text (a filled path).
    page = reader.pages[next(i for i, t in enumerate(texts) if "Practice Implications" in t)]
    assert b" re" in page.get_contents().get_data() or b" f" in page.get_contents().get_data()


def test_downloads_page_lists_every_pdf_with_counts_pages_and_size(built):
    manifest = json.loads((downloads(built) / "downloads.json").read_text())
    table = article(built / "_build" / "html", "downloads.html")
    rows = table.select("table.pdf-downloads tbody tr")
    assert len(rows) == len(EXPECTED)
    by_title = {text(row.find("td")): row for row in rows}
    archive = next(item for item in manifest if item["name"] == "archive")
    cells = [text(td) for td in by_title[archive["title"]].find_all("td")]
    pages = len(PdfReader(downloads(built) / "archive.pdf").pages)
    assert cells[1:3] == ["4", str(pages)]
    assert cells[3].endswith("kB")
    assert links(by_title[archive["title"]])[archive["title"]] == "downloads/archive.pdf"


def test_topic_and_year_pages_link_their_pdf(built):
    html = built / "_build" / "html"
    assert links(article(html, "topics/empathy.html"))["topic-empathy.pdf"] == \
        "../downloads/topic-empathy.pdf"
    assert links(article(html, "2021/index.html"))["year-2021.pdf"] == \
        "../downloads/year-2021.pdf"
    assert "topic-therapist-factors.pdf" in links(article(html, "topics/therapist-factors.html"))
    assert not (html / "_pdf").exists()  # the PDF roots stay out of the HTML


def test_change_to_one_summary_rebuilds_only_the_pdfs_holding_it(built, tmp_path):
    import shutil

    source = tmp_path / "src"
    shutil.copytree(built / "src", source)
    assert build_pdfs(source, tmp_path / "_build", "all") == 0
    out = tmp_path / "_build" / "html" / "downloads"
    # Two builds of the same sources: identical text in every PDF.
    for name in EXPECTED:
        assert pdf_text(out / f"{name}.pdf") == pdf_text(downloads(built) / f"{name}.pdf")
    before = {p.name: p.stat().st_mtime_ns for p in out.glob("*.pdf")}
    assert build_pdfs(source, tmp_path / "_build", "all") == 0
    assert {p.name: p.stat().st_mtime_ns for p in out.glob("*.pdf")} == before

    gamma = source / "2021/08/gamma.md"
    gamma.write_text(gamma.read_text().replace("A second sentence.", "A revised sentence."))
    assert build_pdfs(source, tmp_path / "_build", "all") == 0
    changed = {p.stem for p in out.glob("*.pdf") if p.stat().st_mtime_ns != before[p.name]}
    assert changed == {name for name, months in EXPECTED.items()
                       if any(GAMMA in titles for _, titles in months)}
    assert "A revised sentence." in pdf_text(out / "topic-adherence.pdf")


def test_packet_from_the_command_line(built, capsys):
    code = build_pdfs(built / "src", built / "_build", "packet", "--topics",
                      "empathy alliance-and-therapeutic-relationship", "--since", "2021-01",
                      "--title", "Alliance readings for Łukasz")
    assert code == 0
    target = built / "_build" / "packets" / "alliance-readings-for-lukasz.pdf"
    assert f"Wrote {target}" in capsys.readouterr().out
    reader = PdfReader(target)
    assert outline(reader) == [("July 2021", [ALPHA, BETA]), ("August 2021", [GAMMA]),
                               ("References", [])]
    assert "Alliance readings for Łukasz" in pdf_text(target, 1)
    assert "3 summaries" in pdf_text(target, 1)


@pytest.mark.parametrize("options, message", [
    (["--topics", "empathy alliance-and-therapeutic-relationshp"],
     "unknown topic 'alliance-and-therapeutic-relationshp' in 'topics'; did you mean "
     "'alliance-and-therapeutic-relationship'?"),
    (["--topics", "adherence", "--since", "2022-01"], "matches no summary"),
    (["--since", "2021-13"], "'since': date '2021-13' has month 13"),
    (["--since", "last year"], "'since' is 'last year', which is not a month; write YYYY-MM"),
    (["--summaries", "2021/07/omega"], "unknown summary '2021/07/omega'"),
    ([], "choose the summaries"),
])
def test_bad_packet_selection_is_refused_with_a_clear_message(built, tmp_path, capsys,
                                                              options, message):
    code = build_pdfs(built / "src", tmp_path / "_build", "packet", "--title", "Bad", *options)
    assert code == 2
    error = capsys.readouterr().err
    assert error.startswith("error: ") and message in error
    assert "Traceback" not in error
    assert not list(tmp_path.rglob("*.pdf"))


def test_bad_declared_collection_stops_the_build_before_any_pdf(built, tmp_path):
    import shutil

    source = tmp_path / "src"
    shutil.copytree(built / "src", source)
    (source / "_data/collections.yml").write_text(
        "collections:\n  - title: Course\n    topics: [empaty]\n", encoding="utf-8")
    result = subprocess.run(
        [str(Path(sys.executable).parent / "archive-pdf"), "--source", str(source),
         "--confdir", str(source), "--build", str(tmp_path / "_build"), "all"],
        capture_output=True, text=True)
    assert result.returncode != 0
    assert "collections.yml:2: collection 'Course': unknown topic 'empaty' in 'topics'; " \
           "did you mean 'empathy'?" in result.stderr
    assert "Traceback" not in result.stderr
    assert not list(tmp_path.rglob("*.pdf"))


def test_build_date_defaults_to_today_without_source_date_epoch(monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    today = dt.datetime.now(dt.timezone.utc)
    assert pdfbuild.build_date() == f"{today.day} {today:%B %Y}"
