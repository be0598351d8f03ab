"""Unit tests for the shapes of the old and new blog pages (invented text).

Old site: "PPRNet Blog: March 2013", a bare "June 2014", or the month only in
the file name; a welcome text before the first headline; the "blog" link
glued to the first headline. Both sites: series notes, posts that open with
their text, a headline printed twice or ending with a full stop.
"""

from __future__ import annotations

import pytest

from summary_archive.core.model import Month
from summary_archive.importer.blogpage import (
    month_of_file_name,
    month_of_heading,
    read_page,
)
from summary_archive.importer.posts import Finding

CITATION = "Dunmore, S. (2020). A title. Test Journal, 3, 1–2."
WELCOME = ("Giorgio A. TascaWelcome to an invented greeting that the old site printed.\n"
           "A second invented paragraph of the greeting.\n")


def one_summary(headline: str = "A Headline") -> str:
    return f"{headline}\n{CITATION}\nInvented body.\nPractice Implications\nInvented advice.\n"


@pytest.mark.parametrize(("heading", "month"), [
    ("PPRNet Blog: March 2013", Month(2013, 3)), ("June 2014", Month(2014, 6)),
    ("August 2021", Month(2021, 8)), ("PPRNet Blog - October 2015", Month(2015, 10)),
])
def test_month_headings_of_both_sites(heading, month):
    assert month_of_heading(heading) == month


@pytest.mark.parametrize(("name", "month"), [
    ("pprnet_blog_oct2014.html", Month(2014, 10)), ("pprnet_blog_march2013.txt", Month(2013, 3)),
    ("Blog-Sept-2015.htm", Month(2015, 9)), ("notes.txt", None), ("blog-2021.txt", None),
])
def test_a_month_in_the_file_name(name, month):
    assert month_of_file_name(name) == month


def test_a_page_without_a_month_heading_takes_its_month_from_its_file_name():
    page = read_page("Home\nAbout\n" + WELCOME + one_summary(), html=False,
                     name="pprnet_blog_oct2014.txt")
    assert page.findings == ()
    assert [(m.month, m.heading) for m in page.months] == [
        (Month(2014, 10), "October 2014 (from the file name)")]
    assert [s.headline for s in page.summaries] == ["A Headline"]


def test_the_welcome_text_is_skipped_without_a_word():
    page = read_page("PPRNet Blog: March 2013\n" + WELCOME + one_summary(), html=False)
    assert page.findings == ()
    assert page.summaries[0].headline == "A Headline"
    assert page.summaries[0].body == ("Invented body.",)


def test_other_text_before_the_first_headline_is_reported_by_its_line_only():
    page = read_page("June 2014\nAn invented introduction, not a summary.\n" + one_summary(),
                     html=False)
    assert page.findings == (Finding(2, "text before the month's first headline was not "
                                        "imported"),)


def test_the_glued_blog_link_is_taken_off_the_headline():
    text = "PPRNet Blog: March 2013\n" + WELCOME + one_summary("blogEfficacy and Effectiveness")
    assert [s.headline for s in read_page(text, html=False).summaries] == [
        "Efficacy and Effectiveness"]
    html = ("<div><a href='/blog'>blog</a>Efficacy and Effectiveness</div>"
            f"<p>{CITATION}</p><p>Invented body.</p><p><b>Practice Implications</b></p>"
            "<p>Invented advice.</p>")
    assert [s.headline for s in read_page(html, html=True,
                                          name="blog_june2014.html").summaries] == [
        "Efficacy and Effectiveness"]


def test_a_series_note_between_headline_and_citation_opens_the_text():
    text = ("September 2021\nA Chapter a Month\nAn Invented Handbook\nThis year one chapter "
            "of the invented handbook is summarized each month.\n" + CITATION
            + "\nInvented body.\nPractice Implications\nInvented advice.\n" + one_summary("Next"))
    page = read_page(text, html=False)
    assert page.findings == ()
    first, second = page.summaries
    assert (first.headline, first.citation) == ("A Chapter a Month", CITATION)
    assert first.body == ("An Invented Handbook", "This year one chapter of the invented "
                          "handbook is summarized each month.", "Invented body.")
    assert second.headline == "Next"


def test_a_post_that_opens_with_its_text_keeps_it_in_order():
    text = ("October 2016\n" + one_summary("First") + "Second\nThe post opens with its own "
            "text.\n" + CITATION + "\nMore invented text.\nPractice Implications\nAdvice.\n")
    second = read_page(text, html=False).summaries[1]
    assert (second.headline, second.citation, second.citation_line) == ("Second", CITATION, 9)
    assert second.body == ("The post opens with its own text.", "More invented text.")


def test_a_headline_printed_twice_or_with_a_full_stop_is_read_once_without_it():
    page = read_page("October 2016\nTwice Over\n" + one_summary("Twice Over")
                     + one_summary("A Headline Ending With a Stop."), html=False)
    assert [s.headline for s in page.summaries] == ["Twice Over",
                                                    "A Headline Ending With a Stop"]
    assert page.summaries[0].body == ("Invented body.",)


def test_a_post_without_a_citation_is_named_and_not_imported():
    page = read_page("October 2016\n" + one_summary() + "No Citation Here\nInvented text "
                     "only.\nPractice Implications\nAdvice.\n", html=False)
    assert [s.headline for s in page.summaries] == ["A Headline"]
    assert page.findings == (Finding(7, "the summary 'No Citation Here' gives no citation line "
                                        "(such as 'Family, A. (2020). Title. Journal, 1(2), "
                                        "3–4.'), so there is no article to review; not "
                                        "imported"),)


def test_html_series_sub_heading_and_reference_label():
    html = ("<h2>March 2019</h2><h3>Headline</h3><h4>An Invented Handbook</h4>"
            f"<p>Reference: {CITATION}</p><p>Body.</p><h4>Practice Implications</h4>"
            "<p>Advice.</p><h2>Archives</h2><p>Older months.</p>")
    summary, = read_page(html, html=True).summaries
    assert summary.citation == CITATION
    assert summary.body == ("An Invented Handbook", "Body.")
    assert summary.implications == ("Advice.",)
