"""Unit tests for splitting saved blog pages (text and HTML) into months and summaries.

The fixtures in tests/fixtures/importer are invented test data in our own words.
"""

from __future__ import annotations

from pathlib import Path

from summary_archive.importer.blogpage import Finding, looks_like_citation, read_page
from summary_archive.core.model import Month

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "importer"


def fixture(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


def test_text_page_splits_into_months_and_summaries_with_their_lines():
    page = read_page(fixture("blog-page.txt"), html=False)
    assert page.findings == ()
    assert [(m.month, m.heading, m.line) for m in page.months] == [
        (Month(2020, 3), "March 2020", 12), (Month(2020, 2), "February 2020", 25)]
    assert [(s.headline, s.line, s.citation_line) for s in page.summaries] == [
        ("Warm Voices on the Telephone", 13, 14),
        ("Feedback Reports That Therapists Read", 19, 20),
        ("Empathy Ratings Across Sessions", 26, 27),
        ("Therapists Who Doubt Themselves", 32, 33)]
    first = page.summaries[0]
    assert first.citation.startswith("Okafor, N., Lindqvist, B.K.")
    assert len(first.body) == 2 and first.body[1].startswith("Warmer voices")
    assert first.implications == (
        "Therapists who work by telephone can listen back to their own recordings and notice "
        "how their tone lands. Empathy that is felt but not heard may not reach the client.",)


def test_html_page_reads_headings_citations_and_paragraphs():
    page = read_page(fixture("blog-page.html"), html=True)
    assert page.findings == ()
    assert [(m.heading, len(m.summaries)) for m in page.months] == [
        ("January 2021", 2), ("December 2020", 2)]
    warmth = page.summaries[0]
    assert warmth.headline == "Warmth at a Distance"
    assert warmth.line == 21 and warmth.citation_line == 22
    # Inline markup and the link are read as the text they show; <br> is a space.
    assert warmth.citation == (
        "Smith, J., & Achterberg, M. (2020). Warmth at a distance: Video sessions and the "
        "alliance. Journal of Test Studies, 13(4), 88–97. https://doi.org/10.5555/jts.2020.77")
    assert warmth.body[1].endswith("more often said they wished they could see the "
                                   "therapist's hands.")
    assert warmth.implications[0].startswith("Therapists working by video")
    # The "Archives" heading after the months is not part of the last summary.
    assert page.summaries[-1].implications == (
        "Nothing new for practice: it is here to test the importer.",)


def test_empty_file_and_a_page_without_months_say_so():
    assert read_page("  \n", html=False).findings == (Finding(None, "the file is empty"),)
    page = read_page("Some notes about the clinic.\nNothing dated here.\n", html=False)
    assert page.months == ()
    assert page.findings == (Finding(None, "this is not a blog page: no month heading such "
                                           "as 'August 2021' or 'PPRNet Blog: March 2013' was "
                                           "found, nor a month in the file name (such as "
                                           "pprnet_blog_oct2014.html)"),)


def test_month_heading_without_summaries_is_reported_and_the_rest_is_read():
    page = read_page(fixture("broken-page.txt"), html=False)
    assert page.findings[0] == Finding(3, "the month heading 'May 2020' has no summaries "
                                          "under it")
    assert [s.headline for s in page.summaries] == ["A Note Without a Journal",
                                                    "Hope Letters Between Sessions"]


def test_summary_without_practice_implications_is_kept_and_reported():
    text = ("June 2020\nA Headline\nDunmore, S. (2020). A title. Test Journal, 3, 1–2.\n"
            "One paragraph of invented text.\n")
    page = read_page(text, html=False)
    assert page.summaries[0].body == ("One paragraph of invented text.",)
    assert page.summaries[0].implications == ()
    assert page.findings == ()  # the note is the summary's: shown only if it is imported
    assert page.summaries[0].notes == (Finding(2, "the summary 'A Headline' has no 'Practice "
                                        "Implications' line; imported without that section"),)


def test_headline_with_nothing_under_it_is_reported():
    page = read_page("June 2020\nA Lonely Headline\n", html=False)
    assert page.months == ()
    assert page.findings == (Finding(2, "the headline 'A Lonely Headline' has no citation "
                                        "line or text under it; not imported"),)


def test_html_text_before_the_first_headline_is_reported():
    html = ("<h2>June 2020</h2><p>An invented introduction.</p><h3>Headline</h3>"
            "<p>Dunmore, S. (2020). A title. Test Journal, 3, 1–2.</p><p>Body.</p>"
            "<p><strong>Practice Implications</strong></p><p>Practice.</p>")
    page = read_page(html, html=True)
    assert [s.implications for s in page.summaries] == [("Practice.",)]
    assert page.findings == (Finding(1, "text before the month's first headline was not "
                                        "imported"),)


def test_a_citation_is_told_from_a_body_line():
    assert looks_like_citation("Quist, H. (2018). Self-doubt. Journal, 7, 112-119.")
    assert not looks_like_citation("In 2018 (a good year) the clinic grew, and so did we.")


def test_summary_with_no_text_after_its_citation_is_reported():
    text = ("June 2020\nA Headline\nDunmore, S. (2020). A title. Test Journal, 3, 1–2.\n"
            "Practice Implications\nInvented advice.\n")
    page = read_page(text, html=False)
    assert page.months == ()
    assert page.findings == (Finding(3, "the summary 'A Headline' has no text after its "
                                        "citation line; not imported"),)
