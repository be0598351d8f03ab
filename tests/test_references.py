"""References in the built archive: in-text citations, the References page and
its back-links, each summary's reference list, cite-this-summary and its meta
tags, in HTML and in LaTeX."""

from __future__ import annotations

from pybtex.database import parse_string

from helpers import article, links, soup, text

SMITH = ("Smith, A. B., & Müller, C. (2020). Warmth in the consulting room: A test. "
         "Journal of Test Studies, 12(3), 45–67. https://doi.org/10.1000/test.2020.1")
JONES = "Jones, D. (2019). Voices of patients. Qualitative Test Review."
LEE = ("Lee, E., Park, F., & Kim, G. (2020). A trial of trials. Trial Journal. "
       "https://doi.org/10.1000/trial.42")


def plain(node) -> str:
    """Text as a reader sees it (inline tags add no spaces)."""
    return " ".join(node.get_text().split())


def citations(outdir, page: str) -> list[tuple[str, list[str]]]:
    return [(plain(span), [a["href"] for a in span.find_all("a")])
            for span in article(outdir, page).select("span.apa-citation")]


def test_textual_citation_is_apa_narrative_and_links_to_the_references_page(built):
    assert citations(built.outdir, "2021/07/alpha.html") == [
        ("Smith and Müller (2020)", ["../../references.html#ref-smith2020warmth"])]
    assert citations(built.outdir, "2020/12/delta.html") == [
        ("Lee et al. (2020)", ["../../references.html#ref-lee2020trial"])]


def test_several_works_in_parentheses_are_ordered_and_separated_by_semicolons(built):
    found = citations(built.outdir, "2021/08/gamma.html")
    assert found[0] == ("Smith and Müller (2020)", ["../../references.html#ref-smith2020warmth"])
    # {cite:p}`lee2020trial,jones2019voices`: APA order, "&"-free here, one link per work.
    assert found[1] == ("(Jones, 2019; Lee et al., 2020)",
                        ["../../references.html#ref-jones2019voices",
                         "../../references.html#ref-lee2020trial"])
    assert found[2][0] == "Jones (2019) and Lee et al. (2020)"
    assert "(Jones, 2019; Lee et al., 2020) and Jones (2019) and Lee et al. (2020)." in plain(
        article(built.outdir, "2021/08/gamma.html"))


def test_summary_opens_with_the_apa_reference_of_the_reviewed_article(built):
    meta = article(built.outdir, "2021/07/alpha.html").select_one("dl.summary-meta")
    reference = meta.select_one("p.reviewed-reference")
    assert plain(reference) == SMITH
    assert [em.get_text() for em in reference.find_all("em")] == ["Journal of Test Studies", "12"]
    assert links(reference) == {"https://doi.org/10.1000/test.2020.1":
                                "https://doi.org/10.1000/test.2020.1"}


def test_references_page_lists_every_work_in_apa_order_with_back_links(built):
    page = article(built.outdir, "references.html")
    entries = page.select("div.apa-entry")
    references = [plain(e.select_one("p.apa-reference")) for e in entries]
    assert references == [JONES, LEE, SMITH]
    assert [e.select_one("span.target")["id"] for e in entries] == [
        "ref-jones2019voices", "ref-lee2020trial", "ref-smith2020warmth"]
    back = [links(e.select_one("p.apa-cited-by")) for e in entries]
    assert back[0] == {"Beta voices": "2021/07/beta.html",
                       "Gamma <script>alert(1)</script> & Co": "2021/08/gamma.html"}
    assert back[1] == {"Delta trial": "2020/12/delta.html",
                       "Gamma <script>alert(1)</script> & Co": "2021/08/gamma.html"}
    assert back[2] == {"Alpha warmth": "2021/07/alpha.html",
                       "Gamma <script>alert(1)</script> & Co": "2021/08/gamma.html"}
    assert text(entries[2].select_one("p.apa-cited-by")).startswith("Summarised in: Alpha warmth ;")


def test_each_summary_lists_the_works_it_cites(built):
    gamma = article(built.outdir, "2021/08/gamma.html").select_one("div.summary-references")
    assert text(gamma.select_one("p.rubric")) == "References"
    assert [plain(p) for p in gamma.select("p.apa-reference")] == [JONES, LEE, SMITH]
    alpha = article(built.outdir, "2021/07/alpha.html").select_one("div.summary-references")
    assert [plain(p) for p in alpha.select("p.apa-reference")] == [SMITH]


def test_cite_this_summary_gives_apa_text_and_bibtex(built):
    block = article(built.outdir, "2021/07/beta.html").select_one("div.cite-this")
    assert text(block.select_one("p.rubric")) == "Cite this summary"
    # APA 7, blog post: Author, A. (Year, Month Day). Title. Blog Name. URL
    assert plain(block.select_one("p.cite-this-apa")) == (
        "Author, T. (2021, July 15). Beta voices. Test Archive Summaries. "
        "https://archive.example.org/2021/07/beta.html")
    bibtex = block.select_one("div.cite-this-bibtex").get_text()
    entry = parse_string(bibtex, "bibtex").entries["author2021-beta"]
    assert entry.type == "misc"
    assert str(entry.persons["author"][0]) == "Author, Test"
    assert entry.fields["title"] == "{Beta voices}"
    assert (entry.fields["year"], entry.fields["month"], entry.fields["day"]) == ("2021", "jul", "15")
    assert entry.fields["url"] == "https://archive.example.org/2021/07/beta.html"
    download = block.select_one("a.cite-this-download")
    assert download["href"] == "beta.bib"
    assert (built.outdir / "2021/07/beta.bib").read_text(encoding="utf-8").strip() == bibtex.strip()


def test_cite_this_escapes_bibtex_specials_and_keeps_the_title_as_text(built):
    gamma = built.outdir / "2021/08/gamma.bib"
    entry = parse_string(gamma.read_text(encoding="utf-8"), "bibtex").entries["author2021-gamma"]
    assert entry.fields["title"] == r"{Gamma <script>alert(1)</script> \& Co}"  # LaTeX's \&
    block = article(built.outdir, "2021/08/gamma.html").select_one("div.cite-this")
    assert "Gamma <script>alert(1)</script> & Co. Test Archive Summaries." in plain(block)


def test_summary_pages_carry_citation_meta_tags(built):
    page = soup(built.outdir, "2021/07/beta.html")
    tags = {}
    for meta in page.find_all("meta", attrs={"name": lambda n: n and n.startswith("citation_")}):
        tags.setdefault(meta["name"], []).append(meta["content"])
    assert tags["citation_title"] == ["Beta voices"]
    assert tags["citation_author"] == ["Author, Test"]
    assert tags["citation_date"] == tags["citation_publication_date"] == ["2021/07/15"]
    assert tags["citation_journal_title"] == ["Test Archive Summaries"]
    assert tags["citation_public_url"] == ["https://archive.example.org/2021/07/beta.html"]
    gamma = soup(built.outdir, "2021/08/gamma.html")
    title = gamma.find("meta", attrs={"name": "citation_title"})
    assert title["content"] == "Gamma <script>alert(1)</script> & Co"  # an attribute, escaped
    assert "<script>alert" not in str(gamma.head).replace("&lt;script&gt;", "")
    assert soup(built.outdir, "references.html").find("meta", attrs={"name": "citation_title"}) is None


def test_references_and_citations_reach_the_latex_build(make_app, copy_root):
    app = make_app("latex", srcdir=copy_root("archive"))
    app.build()
    assert app.warning.getvalue() == ""
    tex = next(app.outdir.glob("*.tex")).read_text(encoding="utf-8")
    # The References page's anchors, and citations linking to them.
    assert r"\phantomsection\label{\detokenize{references:ref-smith2020warmth}}Smith, A. B., \& " \
           r"Müller, C. (2020). Warmth in the consulting room: A test. " \
           r"\sphinxstyleemphasis{Journal of Test Studies}, \sphinxstyleemphasis{12}(3), " \
           r"45\textendash{}67. \sphinxurl{https://doi.org/10.1000/test.2020.1}" in tex
    assert r"\hyperref[\detokenize{references:ref-smith2020warmth}]" in tex
    assert "Smith and Müller (2020)" in tex
    assert "Cite this summary" in tex and "Summarised in:" in tex
    assert "Download the BibTeX entry" not in tex  # an HTML-only link


def test_editing_a_bib_entry_rewrites_the_pages_that_show_it(make_app, copy_root):
    from helpers import html_mtimes
    from test_incremental import with_toctree_parents

    srcdir = copy_root("archive")
    first = make_app("html", srcdir=srcdir)
    first.build()
    first.cleanup()
    before = html_mtimes(first.outdir)
    bib = srcdir / "refs.bib"
    bib.write_text(bib.read_text().replace("A trial of trials", "A trial of many trials"))
    app = make_app("html", srcdir=srcdir)
    app.build()
    app.cleanup()
    assert app.warning.getvalue() == ""
    after = html_mtimes(app.outdir)
    rewritten = {page for page, mtime in after.items() if before.get(page) != mtime}
    # Delta reviews it, gamma cites it, the References page lists it, and their
    # months' pages show them in full; nothing else (but the pages whose
    # toctrees list them, which Sphinx itself rewrites).
    shown = {"2020/12/delta.html", "2021/08/gamma.html", "references.html",
             "2020/12/index.html", "2021/08/index.html"}
    assert rewritten == with_toctree_parents(app, shown)
    for page in shown:
        assert "A trial of many trials." in plain(article(app.outdir, page))
