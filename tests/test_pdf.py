"""The PDF collections and handouts, built from tests/roots/test-pdf as `make pdf`
builds them, and what the HTML build of the same root shows of them.

The PDFs are read back with pypdf (outline, metadata, links, page sizes) and
poppler's pdftotext (text). TeX Live comes from `make test`
(scripts/ensure-tex), never skipped. The root configures a placeholder web
address (a reserved example host), which no PDF may print.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import statistics
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
# One handout per summary: the summary and its references, no months.
HANDOUTS = {"summary-2020-12-delta": DELTA, "summary-2021-07-alpha": ALPHA,
            "summary-2021-07-beta": BETA, "summary-2021-08-gamma": GAMMA}
REVIEWS = {ALPHA: "smith2020warmth", BETA: "jones2019voices", GAMMA: "smith2020warmth",
           DELTA: "lee2020trial"}
LETTER, A4 = (612, 792), (595, 842)  # points, rounded


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


def pdf_text(path: Path, page: int | None = None, raw: bool = False) -> str:
    """The text (poppler's pdftotext, which keeps spaces), of one page or all;
    ``raw``: the lines as printed, in the order they were set."""
    pages = ["-f", str(page), "-l", str(page)] if page else []
    return subprocess.run(["pdftotext", *pages, *(["-raw"] if raw else []), str(path), "-"],
                          capture_output=True, text=True, check=True).stdout


def joined(text: str) -> str:
    """Text with lines joined again (and words hyphenated at a line's end whole)."""
    return " ".join(re.sub(r"(?<=[a-z])-\n(?=[a-z])", "", text).split())


def test_every_pdf_holds_exactly_its_summaries_by_month_in_order(built):
    published = sorted(p.stem for p in downloads(built).glob("*.pdf"))
    assert published == sorted([*EXPECTED, *HANDOUTS])
    for name, months in EXPECTED.items():
        assert outline(PdfReader(downloads(built) / f"{name}.pdf")) == [
            *months, ("References", [])], name
    for name, title in HANDOUTS.items():
        assert outline(PdfReader(downloads(built) / f"{name}.pdf")) == [
            (title, []), ("References", [])], name


def test_title_page_scope_count_build_date_and_its_summaries(built):
    first_page = pdf_text(downloads(built) / "topic-empathy.pdf", 1)
    for line in ("TEST ARCHIVE", "Empathy", "Research summaries by topic", "Topic: Empathy.",
                 "2 summaries", "Test Network", BUILT, "IN THIS COLLECTION"):
        assert line in first_page
    # A short collection lists its summaries with their month and page; no contents page.
    listing = pdf_text(downloads(built) / "topic-empathy.pdf", 1, raw=True).splitlines()
    start = listing.index("IN THIS COLLECTION")
    assert listing[start + 1:start + 5] == [f"{ALPHA} 1", "July 2021", f"{GAMMA} 1",
                                            "August 2021"], listing
    assert "Contents" not in pdf_text(downloads(built) / "topic-empathy.pdf", 2)
    chosen = pdf_text(downloads(built) / "chosen-two.pdf", 1)
    assert "Two chosen summaries" in chosen and "An explicit list" in chosen
    assert "2 summaries" in chosen
    assert "chosen summaries." not in chosen  # the count says it once


def test_longer_collections_get_a_contents_page(built):
    contents = pdf_text(downloads(built) / "archive.pdf", 2)
    assert contents.split()[0].lower() == "contents"
    assert [title for title in (DELTA, ALPHA, BETA) if title in contents] == [DELTA, ALPHA, BETA]
    assert "IN THIS COLLECTION" not in pdf_text(downloads(built) / "archive.pdf", 1)


def test_metadata_title_author_subject_keywords_language(built):
    reader = PdfReader(downloads(built) / "topic-empathy.pdf")
    meta = reader.metadata
    assert meta.title == "Empathy"
    assert meta.author == "Test Network"
    assert meta.subject.startswith("Topic: Empathy.")
    assert meta["/Keywords"] == "psychotherapy research, Empathy, Adherence, Therapist Factors"
    assert reader.trailer["/Root"]["/Lang"] == "en"
    assert reader.trailer["/Root"]["/ViewerPreferences"]["/DisplayDocTitle"]
    handout = PdfReader(downloads(built) / "summary-2021-08-gamma.pdf")
    # Characters LaTeX would read as commands arrive as themselves.
    assert handout.metadata.title == GAMMA
    assert handout.metadata.author == "Test Author"
    assert handout.metadata.subject == "August 2021. Randomized controlled trial."
    assert handout.metadata["/Keywords"] == "psychotherapy research, Adherence, Empathy"
    assert handout.trailer["/Root"]["/Lang"] == "en"


def test_no_web_only_blocks_and_no_placeholder_address(built):
    for path in downloads(built).glob("*.pdf"):
        body = pdf_text(path)
        for web_only in ("Cite this summary", "BibTeX", "@misc", "Related summaries",
                         "Download the", "Previous summary", "Next summary", "Shared topics"):
            assert web_only not in body, (path.name, web_only)
        assert "example.org" not in body and "pprnet-archive" not in body, path.name
        # The only addresses printed are the works' DOIs.
        urls = re.findall(r"https?://\S+", body)
        assert all(url.startswith("https://doi.org/10.1000/") for url in urls), urls
    assert "https://doi.org/10.1000/trial.42" in pdf_text(downloads(built) / "archive.pdf")


def test_reviewed_reference_once_per_summary_and_once_at_the_end(built):
    titles = {"smith2020warmth": "Warmth in the consulting room: A test",
              "jones2019voices": "Voices of patients", "lee2020trial": "A trial of trials"}
    for name, months in EXPECTED.items():
        body = joined(pdf_text(downloads(built) / f"{name}.pdf"))
        summaries = [title for _, group in months for title in group]
        for key, work in titles.items():
            reviewing = sum(REVIEWS[title] == key for title in summaries)
            if reviewing:  # (a work only cited in the text is in the closing list alone)
                assert body.count(work) == reviewing + 1, (name, key)
    for name, title in HANDOUTS.items():
        body = joined(pdf_text(downloads(built) / f"{name}.pdf"))
        assert body.count(titles[REVIEWS[title]]) == 2, name  # its header and its list


def test_each_summary_opens_with_month_type_topics_and_reference(built):
    body = joined(pdf_text(downloads(built) / "archive.pdf"))
    alpha = body[body.rindex(ALPHA + " July 2021"):]  # past the contents
    opening = alpha[:alpha.index("Body of alpha")]
    assert opening.startswith(f"{ALPHA} July 2021 · Meta-analysis "
                              "Topics: Empathy · Therapist Factors Reviewed article: "
                              "Smith, A. B., & Müller, C. (2020). Warmth in the consulting "
                              "room: A test."), opening
    assert "https://doi.org/10.1000/test.2020.1" in opening  # APA 7: the DOI as a URL


def test_body_text_runs_60_to_75_characters_a_line(built):
    text = pdf_text(downloads(built) / "summary-2020-12-delta.pdf", raw=True)
    paragraph = text[text.index("A second paragraph"):text.index("count.")]
    full_lines = [len(line) for line in paragraph.splitlines()[:-1]]  # not its last line
    assert len(full_lines) >= 5
    assert 60 <= statistics.median(full_lines) <= 75, full_lines
    assert max(full_lines) <= 80, full_lines


def test_running_heads_page_numbers_and_paper(built):
    path = downloads(built) / "archive.pdf"
    reader = PdfReader(path)
    assert all((round(page.mediabox.width), round(page.mediabox.height)) == LETTER
               for page in reader.pages)
    for number in range(3, len(reader.pages) + 1):  # past the title and contents pages
        lines = [line.strip() for line in pdf_text(path, number).splitlines() if line.strip()]
        # The running head names the summary on the page; the foot, the PDF and the page.
        assert lines[0] in {ALPHA, BETA, GAMMA, DELTA, "References"}, lines
        assert lines[-2:] == ["PPRNet Research Summaries", str(number - 2)], lines
    handout = downloads(built) / "summary-2021-07-alpha.pdf"
    first = [line.strip() for line in pdf_text(handout, 1).splitlines() if line.strip()]
    assert first[:3] == ["TEST ARCHIVE", "Research summary", ALPHA], first
    assert first[-2:] == [ALPHA, "1"], first


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


def test_downloads_page_lists_collections_first_then_the_standard_pdfs(built):
    manifest = json.loads((downloads(built) / "downloads.json").read_text())
    page = article(built / "_build" / "html", "downloads.html")
    headings = [text(h) for h in page.select("h2.rubric")]
    assert headings == ["Collections for teaching", "The complete archive", "By year",
                        "By topic"]
    tables = page.select("table.pdf-downloads")
    titles = [[text(row.find("td").find("a")) for row in table.select("tbody tr")]
              for table in tables]
    assert titles[0] == ["Two chosen summaries", "Meta-analyses since 2021"]
    assert sum(map(len, titles)) == len(EXPECTED)  # no handouts: their summaries link them
    first = tables[0].select_one("tbody tr td")
    assert text(first) == "Two chosen summaries An explicit list"  # with its subtitle
    by_title = {text(row.find("td").find("a")): row for table in tables
                for row in table.select("tbody tr")}
    archive = next(item for item in manifest if item["name"] == "archive")
    cells = [text(td) for td in by_title[archive["title"]].find_all("td")]
    pages = len(PdfReader(downloads(built) / "archive.pdf").pages)
    assert cells[1:3] == ["4", str(pages)]
    assert cells[3].endswith("kB")
    assert links(by_title[archive["title"]])[archive["title"]] == "downloads/archive.pdf"
    assert "make " not in text(page) and "collections.yml" not in text(page)


def test_a_year_that_is_the_whole_archive_is_not_listed_twice():
    from summary_archive.web.downloads import listed

    items = [{"name": "archive", "kind": "archive", "title": "All", "scope": "Every summary.",
              "summaries": 6}, {"name": "year-2021", "kind": "year", "title": "2021",
                                "summaries": 6},
             {"name": "summary-2021-07-x", "kind": "handout", "title": "X", "summaries": 1},
             {"name": "c", "kind": "curated", "title": "C", "subtitle": "For a course",
              "summaries": 2}]
    groups = listed(items)
    assert [item["name"] for item in groups["archive"]] == ["archive"]
    assert groups["archive"][0]["note"] == "Every summary. All of 2021."
    assert groups["year"] == [] and groups["curated"][0]["note"] == "For a course"
    assert "summary-2021-07-x" not in {i["name"] for group in groups.values() for i in group}
    two_years = [*items, {"name": "year-2020", "kind": "year", "title": "2020", "summaries": 2}]
    two_years[1] = {**two_years[1], "summaries": 4}
    assert [item["name"] for item in listed(two_years)["year"]] == ["year-2021", "year-2020"]


def test_summary_pages_link_their_handout_and_keep_their_web_blocks(built):
    page = article(built / "_build" / "html", "2021/07/alpha.html")
    assert links(page)["PDF handout"] == "../../downloads/summary-2021-07-alpha.pdf"
    assert page.select_one(".cite-this") is not None  # the HTML page is unchanged


def test_packet_data_for_the_browser(built):
    import rispy
    from pybtex.database import parse_string

    data = built / "_build" / "html" / "packet-data"
    index = json.loads((data / "index.json").read_text())
    assert [s["title"] for s in index["summaries"]] == [DELTA, ALPHA, BETA, GAMMA]
    beta = index["summaries"][2]
    assert beta["works"][0] == "jones2019voices" and beta["reviews"] == "jones2019voices"
    for summary in index["summaries"]:
        body = json.loads((built / "_build" / "html" / summary["data"]).read_text())["body"]
        assert "Cite this summary" not in body and "Related summaries" not in body
        assert "PDF handout" not in body and "Previous summary" not in body
        assert "summary-meta" not in body and "<h1" not in body
        assert 'class="practice-implications"' in body
    for key, work in index["works"].items():
        record = json.loads((built / "_build" / "html" / work["data"]).read_text())
        assert list(parse_string(record["bibtex"], "bibtex").entries) == [key]
        [ris] = rispy.loads(record["ris"])
        assert ris["id"] == key and ris["title"] == record["csl"]["title"]
    smith = json.loads((built / "_build" / "html" /
                        index["works"]["smith2020warmth"]["data"]).read_text())
    assert "".join(run["t"] for run in smith["apa"]).startswith("Smith, A. B., & Müller, C.")
    assert {"t": "Journal of Test Studies", "i": 1} in smith["apa"]


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

    # A copy of the module's sources and build, so that each build here is incremental.
    source = tmp_path / "src"
    shutil.copytree(built / "src", source)
    shutil.copytree(built / "_build" / "pdf", tmp_path / "_build" / "pdf")
    shutil.copytree(downloads(built), tmp_path / "_build" / "html" / "downloads")
    out = tmp_path / "_build" / "html" / "downloads"
    # Built again from scratch, a PDF has the same text (the date comes from the epoch).
    again = ["chosen-two", "summary-2021-07-alpha"]
    state_file = tmp_path / "_build" / "pdf" / "state.json"
    state = json.loads(state_file.read_text())
    state_file.write_text(json.dumps({k: v for k, v in state.items() if k not in again}))
    for name in again:
        (out / f"{name}.pdf").unlink()
    assert build_pdfs(source, tmp_path / "_build", "all") == 0
    for name in again:
        assert pdf_text(out / f"{name}.pdf") == pdf_text(downloads(built) / f"{name}.pdf")
    before = {p.name: p.stat().st_mtime_ns for p in out.glob("*.pdf")}
    assert build_pdfs(source, tmp_path / "_build", "all") == 0
    assert {p.name: p.stat().st_mtime_ns for p in out.glob("*.pdf")} == before

    gamma = source / "2021/08/gamma.md"
    gamma.write_text(gamma.read_text().replace("A second sentence.", "A revised sentence."))
    assert build_pdfs(source, tmp_path / "_build", "all") == 0
    changed = {p.stem for p in out.glob("*.pdf") if p.stat().st_mtime_ns != before[p.name]}
    assert changed == {name for name, months in EXPECTED.items()
                       if any(GAMMA in titles for _, titles in months)} | {
                           "summary-2021-08-gamma"}
    assert "A revised sentence." in pdf_text(out / "topic-adherence.pdf")


def test_packet_from_the_command_line_on_a4_with_a_real_address(built, capsys, monkeypatch):
    # A configured address that is not a placeholder is printed on the title page.
    monkeypatch.setenv("ARCHIVE_BASE_URL", "https://summaries.pprnet-example.ca/")
    code = build_pdfs(built / "src", built / "_build", "--paper", "a4", "packet", "--topics",
                      "empathy alliance-and-therapeutic-relationship", "--since", "2021-01",
                      "--title", "Alliance readings for Łukasz")
    assert code == 0
    target = built / "_build" / "packets" / "alliance-readings-for-lukasz.pdf"
    assert f"Wrote {target}" in capsys.readouterr().out
    reader = PdfReader(target)
    assert outline(reader) == [("July 2021", [ALPHA, BETA]), ("August 2021", [GAMMA]),
                               ("References", [])]
    title_page = joined(pdf_text(target, 1))
    assert "Alliance readings for Łukasz" in title_page
    assert "3 summaries" in title_page
    assert "Online: https://summaries.pprnet-example.ca/" in title_page
    assert all((round(page.mediabox.width), round(page.mediabox.height)) == A4
               for page in reader.pages)


@pytest.mark.parametrize("options, message", [
    (["--topics", "empathy alliance-and-therapeutic-relationshp"],
     "unknown topic 'alliance-and-therapeutic-relationshp' in 'topics'; did you mean "
     "'alliance-and-therapeutic-relationship'?"),
    (["--topics", "adherence", "--since", "2022-01"], "matches no summary"),
    (["--since", "2021-13"], "'since': date '2021-13' has month 13"),
    (["--since", "last year"], "'since' is 'last year', which is not a month; write YYYY-MM"),
    (["--summaries", "2021/07/omega"], "unknown summary '2021/07/omega'"),
    ([], "choose the summaries"),
    (["--paper=b5", "--topics", "empathy"], "--paper is 'b5'; the PDFs can be set for "
                                            "'letter' or 'a4'"),
])
def test_bad_packet_selection_is_refused_with_a_clear_message(built, tmp_path, capsys,
                                                              options, message):
    paper = [option for option in options if option.startswith("--paper")]
    options = [option for option in options if option not in paper]
    code = build_pdfs(built / "src", tmp_path / "_build", *paper, "packet", "--title", "Bad",
                      *options)
    assert code == 2
    error = capsys.readouterr().err
    assert error.startswith("error: ") and message in error, error
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
