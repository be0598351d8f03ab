"""A summary page's related summaries, its description for the web, and the
accessibility mends, in the small test archive."""

from __future__ import annotations

from helpers import article, links, soup, text


def related(outdir, page: str) -> list[str]:
    box = article(outdir, page).select_one(".summary-related")
    return [text(li) for li in box.select("li")] if box else []


def test_each_summary_shows_its_related_summaries(built):
    # Topics in the root: alpha empathy + therapist-factors, gamma empathy +
    # adherence, beta and delta alliance only.
    page = article(built.outdir, "2021/07/alpha.html")
    assert page.select_one(".summary-related h2").get_text() == "Related summaries"
    assert related(built.outdir, "2021/07/alpha.html") == [
        "Gamma <script>alert(1)</script> & Co (August 2021) Shared topics: Empathy."]
    assert links(page.select_one(".summary-related")) == {
        "Gamma <script>alert(1)</script> & Co": "../08/gamma.html"}
    assert related(built.outdir, "2020/12/delta.html") == [
        "Beta voices (July 2021) Shared topics: Alliance and Therapeutic Relationship."]
    # The related list comes before the previous/next links.
    html = str(page)
    assert html.index("summary-related") < html.index("summary-neighbours")


def test_a_summary_sharing_no_topic_shows_no_related_list(built, make_app):
    built.cleanup()
    page = built.srcdir / "2021/07/alpha.md"
    page.write_text(page.read_text().replace("topics: [empathy, therapist-factors]",
                                             "topics: [therapist-factors]"))
    app = make_app("html", srcdir=built.srcdir)
    app.build()
    assert app.warning.getvalue() == ""
    assert related(app.outdir, "2021/07/alpha.html") == []
    assert related(app.outdir, "2021/08/gamma.html") == []


def test_summary_page_description_is_its_teaser(built):
    head = soup(built.outdir, "2021/07/alpha.html").head
    assert head.find("meta", attrs={"name": "description"})["content"] == "Alpha teaser."
    gamma = soup(built.outdir, "2021/08/gamma.html").head
    assert gamma.find("meta", attrs={"name": "description"})["content"] == \
        "Gamma <b>bold</b> teaser."  # an attribute value, escaped in the HTML


def test_references_page_uses_no_deprecated_bibliography_roles(built):
    # Our reference list is ours; docutils' citation markup (mended by a11y.py
    # where a page still uses sphinxcontrib-bibtex's own directives) is absent.
    html = (built.outdir / "references.html").read_text(encoding="utf-8")
    assert 'role="doc-biblioentry"' not in html
    assert len(soup(built.outdir, "references.html").select("div.apa-entry")) == 3


def test_latex_build_shows_related_summaries(make_app, copy_root):
    app = make_app("latex", srcdir=copy_root("archive"))
    app.build()
    assert app.warning.getvalue() == ""
    tex = next(app.outdir.glob("*.tex")).read_text(encoding="utf-8")
    assert "Related summaries" in tex and "Shared topics: Empathy." in tex


def test_topic_and_type_pages_describe_themselves_from_the_vocabulary(built):
    def description(page):
        return soup(built.outdir, page).head.find("meta", attrs={"name": "description"})

    assert description("topics/empathy.html")["content"] == "Understanding the patient."
    assert description("research-types/meta-analysis.html")["content"] == "Pooled studies."
    assert description("topics/index.html") is None  # no ogp in the test root: nothing invented
