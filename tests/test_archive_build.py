"""Build the small test archive and check every page the extension makes."""

from __future__ import annotations


from helpers import article, links, soup, text


def test_topic_index_lists_every_topic_with_its_count(built):
    index = article(built.outdir, "topics/index.html")
    items = [text(li) for li in index.select("ul.archive-term-index > li")]
    assert [item.split(" (")[0] for item in items] == [
        "Adherence", "Alliance and Therapeutic Relationship", "Empathy", "Therapist Factors"]
    assert "Adherence (1 summary)" in items[0]
    assert "Alliance and Therapeutic Relationship (2 summaries)" in items[1]
    assert "Empathy (2 summaries)" in items[2]
    assert "Therapist Factors (1 summary)" in items[3]
    assert links(index)["Empathy"] == "empathy.html"


def test_topic_page_lists_its_summaries_newest_first(built):
    page = article(built.outdir, "topics/empathy.html")
    assert page.h1.get_text().startswith("Empathy")
    assert "Understanding the patient." in text(page)
    entries = page.select("li.archive-summary")
    assert [text(e.select_one(".archive-summary-title")) for e in entries] == [
        "Gamma <script>alert(1)</script> & Co", "Alpha warmth"]
    gamma = text(entries[0])
    assert "August 2021" in gamma and "Randomized controlled trial" in gamma
    assert "Gamma <b>bold</b> teaser." in gamma
    assert links(entries[1])["Alpha warmth"] == "../2021/07/alpha.html"


def test_topic_with_no_summaries_says_so(built):
    page = article(built.outdir, "topics/therapist-factors.html")
    assert len(page.select("li.archive-summary")) == 1
    built_html = (built.outdir / "research-types/index.html").read_text()
    assert "Qualitative study" in built_html


def test_month_pages_show_intro_and_their_summaries(built):
    july = article(built.outdir, "2021/07/index.html")
    assert july.h1.get_text().startswith("July 2021")
    assert "July brings warmth and voices." in text(july)
    # On the web a month's page shows its summaries in full, in the month's order
    # (the 15th comes after the month's start); each keeps its own page too.
    titles = [text(a) for a in july.select("section.archive-month-summary > h2 > a.reference")]
    assert titles == ["Alpha warmth", "Beta voices"]
    assert links(july)["Beta voices"] == "beta.html"
    august = article(built.outdir, "2021/08/index.html")
    assert len(august.select("section.archive-month-summary")) == 1


def test_year_and_archive_pages_count_months(built):
    year = article(built.outdir, "2021/index.html")
    assert "August 2021" in text(year) and "July 2021" in text(year)
    assert "December 2020" not in text(year)
    archive = text(article(built.outdir, "archive.html"))
    assert "2021 (3)" in archive and "August 2021 (1)" in archive and "July 2021 (2)" in archive
    assert "2020 (1)" in archive and "December 2020 (1)" in archive
    assert archive.index("2021 (3)") < archive.index("2020 (1)")


def test_research_type_pages(built):
    page = article(built.outdir, "research-types/meta-analysis.html")
    titles = [text(e.select_one(".archive-summary-title")) for e in page.select("li.archive-summary")]
    assert titles == ["Alpha warmth", "Delta trial"]
    index = text(article(built.outdir, "research-types/index.html"))
    assert "Meta-analysis (2 summaries)" in index and "Qualitative study (1 summary)" in index


def test_landing_page_shows_latest_month(built):
    landing = article(built.outdir, "index.html")
    assert links(landing)["August 2021"] == "2021/08/index.html"
    assert "Gamma <script>alert(1)</script> & Co" in text(landing)
    assert "Alpha warmth" not in text(landing)


def test_summary_page_header_and_neighbours(built):
    page = article(built.outdir, "2021/07/alpha.html")
    meta = page.select_one("dl.summary-meta")
    meta_links = links(meta)
    assert meta_links["July 2021"] == "index.html"
    assert meta_links["Empathy"] == "../../topics/empathy.html"
    assert meta_links["Therapist Factors"] == "../../topics/therapist-factors.html"
    assert meta_links["Meta-analysis"] == "../../research-types/meta-analysis.html"
    assert "https://doi.org/10.1000/test.2020.1" in meta_links.values()
    assert "Warmth in the consulting room" in text(meta) and "Müller" in text(meta)
    previous = page.select_one(".summary-previous")
    following = page.select_one(".summary-next")
    assert links(previous) == {"Delta trial": "../../2020/12/delta.html"}
    assert links(following) == {"Beta voices": "beta.html"}
    oldest = article(built.outdir, "2020/12/delta.html")
    assert oldest.select_one(".summary-previous") is None


def test_front_matter_text_is_never_markup(built):
    for page in built.outdir.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert "<script>alert" not in html, page
        assert "<b>bold</b>" not in html, page
    landing = soup(built.outdir, "index.html")
    assert "August looks at <script>alert('intro')</script> & other things." in text(landing)
    assert landing.title.get_text().startswith("Test archive")
    gamma = soup(built.outdir, "2021/08/gamma.html")
    assert gamma.h1.get_text().startswith("Gamma <script>alert(1)</script> & Co")


def test_generated_pages_are_real_documents_in_the_toctree(built):
    docs = set(built.env.found_docs)
    assert {"archive", "topics/index", "topics/empathy", "research-types/index",
            "research-types/meta-analysis", "2021/index", "2021/07/index", "2020/12/index"} <= docs
    assert "2021/07/alpha" in built.env.toctree_includes["2021/07/index"]


def test_lists_reach_the_latex_build(make_app, copy_root):
    app = make_app("latex", srcdir=copy_root("archive"))
    app.build()
    assert app.warning.getvalue() == ""
    tex = next(app.outdir.glob("*.tex")).read_text(encoding="utf-8")
    # The topic index, with its counts, and the lists link to the summaries.
    assert r"\DUrole{doc}{Therapist Factors}}}}} (1 summary)" in tex
    assert r"\hyperref[\detokenize{2021/07/beta::doc}]" in tex
    assert r"\section{Therapist Factors}" in tex and r"\subsubsection{Delta trial}" in tex
    assert r"\sphinxurl{https://doi.org/10.1000/test.2020.1}" in tex
    assert "July brings warmth and voices." in tex
    assert r"Previous summary" in tex
