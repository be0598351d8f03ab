"""The hard cases, built: every reference and every in-text citation of
``tests/roots/test-csl`` as citeproc-js renders the same works (the oracle,
``apa_oracle``), in the HTML (italics included) and in the PDF's text, with
``-j 2`` equal to serial; the References page, a summary's own list and its
header identical to each other; the PDF's closing list holds every cited
work and each citation links to its entry there.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from pypdf import PdfReader
from sphinx.testing.util import SphinxTestApp
from sphinx.util.texescape import escape as tex_escape

from apa_oracle import CASES_PAGE, ROOT, hard_oracle, page_cases
from helpers import article

CASES = "2021/07/cases.html"


def shown(node) -> tuple[str, list[str]]:
    """What a reader sees of a reference or citation: its text and its italics."""
    text = " ".join(node.get_text().split())
    italics = [" ".join(i.get_text().split()) for i in node.find_all(["i", "em"])]
    return text, italics


def oracle_shown(html: str) -> tuple[str, list[str]]:
    return shown(BeautifulSoup(html, "html.parser"))


@pytest.fixture(scope="module")
def serial(tmp_path_factory) -> Path:
    srcdir = tmp_path_factory.mktemp("csl") / "serial"
    shutil.copytree(ROOT, srcdir)
    app = SphinxTestApp("html", srcdir=srcdir)
    try:
        app.build()
    finally:
        app.cleanup()
    assert app.warning.getvalue() == ""
    return app.outdir


def test_every_citation_is_citeproc_js_s_and_links_to_its_works(serial):
    expected = hard_oracle()["cites"]
    cases = page_cases(CASES_PAGE)
    spans = article(serial, CASES).select("span.apa-citation")
    assert len(spans) == len(cases) == len(expected)
    for span, case, want in zip(spans, cases, expected, strict=True):
        assert shown(span) == oracle_shown(want), case
        targets = {a["href"].rsplit("#ref-", 1)[1] for a in span.find_all("a")}
        assert targets == set(case.keys), case


def test_every_reference_is_citeproc_js_s_in_apa_order(serial):
    expected = hard_oracle()
    entries = article(serial, "references.html").select("div.apa-entry")
    assert [e.select_one("span.target")["id"] for e in entries] == [
        f"ref-{key}" for key in expected["order"]]
    for entry, key in zip(entries, expected["order"], strict=True):
        assert shown(entry.select_one("p.apa-reference")) == \
            oracle_shown(expected["references"][key]), key


def test_references_page_summary_list_and_header_are_identical(serial):
    page = {e.select_one("span.target")["id"][4:]: str(e.select_one("p.apa-reference"))
            for e in article(serial, "references.html").select("div.apa-entry")}

    def without_anchor(html: str) -> str:
        return re.sub(r'<span class="target" id="[^"]+"></span>', "", html)

    summary = article(serial, CASES)
    own = [str(p) for p in summary.select("div.summary-references p.apa-reference")]
    cited = {key for case in page_cases(CASES_PAGE) for key in case.keys}
    assert own == [without_anchor(page[key]) for key in hard_oracle()["order"]
                   if key in cited]
    header = summary.select_one("dl.summary-meta p.reviewed-reference")
    assert shown(header) == shown(BeautifulSoup(page["okafor2021first"], "html.parser"))
    chapter = article(serial, "2021/08/chapter.html")
    assert shown(chapter.select_one("p.reviewed-reference")) == \
        shown(BeautifulSoup(page["chapman2017chapter"], "html.parser"))


def test_a_parallel_build_renders_the_same(serial, make_app, tmp_path):
    srcdir = tmp_path / "parallel"
    shutil.copytree(ROOT, srcdir)
    app = make_app("html", srcdir=srcdir, parallel=2)
    assert app.is_parallel_allowed("read") and app.is_parallel_allowed("write")
    app.build()
    assert app.warning.getvalue() == ""
    for page in (CASES, "2021/08/chapter.html", "references.html"):
        assert str(article(app.outdir, page)) == str(article(serial, page)), page


# -- the PDF -----------------------------------------------------------------

def flat(text: str) -> str:
    """PDF text without line breaks, spaces and the hyphens LaTeX adds at them."""
    return re.sub(r"[\s\-\u00ad]", "", text)


@pytest.fixture(scope="module")
def packet(tmp_path_factory) -> Path:
    from summary_archive.pdf import build as pdfbuild

    folder = tmp_path_factory.mktemp("csl-pdf")
    shutil.copytree(ROOT, folder / "src")
    code = pdfbuild.main(["--source", str(folder / "src"), "--confdir", str(folder / "src"),
                          "--build", str(folder / "_build"), "--jobs", "1", "packet",
                          "--title", "Hard cases",
                          "--summaries", "2021/07/cases 2021/08/chapter"])
    assert code == 0
    return folder / "_build"


@pytest.mark.slow
def test_the_pdf_shows_every_reference_and_citation_and_links_them(packet):
    pdf = packet / "packets" / "hard-cases.pdf"
    # The page's text without its running head and foot (which would cut a
    # reference that runs over a page break): the area between them.
    # (Head and foot sit within 0.75in of the paper's edges.)
    width, height = (int(float(n)) for n in PdfReader(pdf).pages[0].mediabox[2:])
    text = subprocess.run(["pdftotext", "-x", "0", "-y", "54", "-W", str(width),
                           "-H", str(height - 108), str(pdf), "-"],
                          capture_output=True, text=True, check=True).stdout
    body, closing = re.split(r"(?im)^\f?references$", text)[-2:]  # \f: a new page
    expected = hard_oracle()
    # Every work the two summaries review or cite, in APA order, once each.
    position = 0
    for key in expected["order"]:
        reference = flat(oracle_shown(expected["references"][key])[0])
        found = flat(closing).find(reference, position)
        assert found >= 0, key
        position = found + len(reference)
    # Every citation, in the order of the page.
    position = 0
    for case, want in zip(page_cases(CASES_PAGE), expected["cites"], strict=True):
        found = flat(body).find(flat(oracle_shown(want)[0]), position)
        assert found >= 0, case
        position = found
    # Italics as in citeproc-js's markup, and each citation a link to its entry.
    tex = (packet / "packet" / "latex" / "hard-cases.tex").read_text(encoding="utf-8")
    for key in expected["order"]:
        for italic in oracle_shown(expected["references"][key])[1]:
            latex = tex_escape(italic, "xelatex").replace("-", r"\sphinxhyphen{}")
            assert r"\sphinxstyleemphasis{" + latex + "}" in tex, key
        label = r"\detokenize{_packet/hard-cases:ref-" + key + "}"
        assert r"\label{" + label + "}" in tex and r"\hyperref[" + label + "]" in tex, key
    # A citation is upright, as in citeproc-js's markup (Sphinx sets cross-references
    # in italics): its link holds its text directly.
    assert r"\hyperref[\detokenize{_packet/hard-cases:ref-okafor2019early}]{Okafor (2019)}" in tex
    assert not re.search(r"ref-[\w-]+\}\]\{\\sphinxcrossref", tex)
    # In the PDF: links from the summaries' pages into the references chapter.
    reader = PdfReader(pdf)
    destinations = {name: reader.get_destination_page_number(destination)
                    for name, destination in reader.named_destinations.items()}
    chapter = next(index for index, page in enumerate(reader.pages)
                   if (page.extract_text() or "").lstrip().startswith("References"))
    into_references = [
        destinations[annotation.get_object()["/A"]["/D"]]
        for page in reader.pages[:chapter] for annotation in page.get("/Annots", [])
        if annotation.get_object().get("/A", {}).get("/S") == "/GoTo"
        and destinations.get(annotation.get_object()["/A"]["/D"], -1) >= chapter]
    pieces = sum(1 for c in page_cases(CASES_PAGE) for _ in c.keys)
    assert len(into_references) >= pieces
