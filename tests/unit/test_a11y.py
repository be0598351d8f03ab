"""Unit tests for the accessibility mends of upstream markup."""

from __future__ import annotations

from bs4 import BeautifulSoup

from summary_archive.web.a11y import listitem_citations, name_toggles

SIDEBAR = """<ul class="nav bd-sidenav">
<li class="toctree-l1 has-children"><a class="reference internal" href="../index.html">2021</a>
<details><summary><span class="toctree-toggle" role="presentation"><i class="fa-solid fa-chevron-down"></i></span></summary>
<ul><li class="toctree-l2"><a class="reference internal" href="index.html">July 2021</a></li></ul></details></li>
<li class="toctree-l1 has-children"><details><summary><p class="caption">Topics</p></summary><ul></ul></details></li>
</ul>"""


def test_nameless_toggles_are_named_after_their_entry():
    soup = BeautifulSoup(name_toggles(SIDEBAR), "html.parser")
    summaries = soup.find_all("summary")
    assert summaries[0]["aria-label"] == "Show or hide the pages under 2021"
    assert not summaries[1].has_attr("aria-label")  # it has visible text already
    assert soup.find("a", string="July 2021")["href"] == "index.html"


def test_html_without_toggles_is_returned_unchanged():
    html = '<ul><li><a href="x.html">X &amp; Y</a></li></ul>'
    assert name_toggles(html) is html


def test_bibliography_entries_become_list_items():
    body = '<div role="list" class="citation-list"><div class="citation" id="id5" role="doc-biblioentry">'
    assert listitem_citations(body) == \
        '<div role="list" class="citation-list"><div class="citation" id="id5" role="listitem">'
