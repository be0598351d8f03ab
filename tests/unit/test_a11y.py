"""Unit tests for the accessibility mends of upstream markup."""

from __future__ import annotations

from bs4 import BeautifulSoup

import pytest

from summary_archive.web.a11y import (listitem_citations, name_theme_toggles, name_toggles,
                                      name_toggles_parsed)

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


TOGGLE = ('<span class="toctree-toggle" role="presentation">'
          '<i class="fa-solid fa-chevron-down"></i></span>')


@pytest.mark.parametrize("label", ["2021", "Trauma and/or PTSD", "Cost &amp; effect",
                                   "A &lt;b&gt; &quot;c&quot;", "It's \"both\"",
                                   "<span>Two</span> <em>parts</em>"])
def test_the_theme_s_toggles_are_named_as_the_parsing_way_names_them(label):
    # The theme's own shape (no space between the link and the toggle), written
    # by BeautifulSoup as the theme writes it: named by string, to the byte what
    # the parsing way writes.
    sidebar = str(BeautifulSoup(f'<ul class="nav bd-sidenav"><li class="toctree-l1 has-children">'
               f'<a class="reference internal" href="../index.html">{label}</a>'
               f'<details open="open"><summary>{TOGGLE}</summary><ul class="current">'
               f'<li class="toctree-l2"><a class="reference internal" href="x.html">X</a></li>'
               f'</ul></details></li></ul>', "html.parser"))
    fast = name_theme_toggles(sidebar)
    assert fast != sidebar and "<summary>" not in fast
    assert fast == name_toggles(sidebar) == name_toggles_parsed(sidebar)


def test_html_without_toggles_is_returned_unchanged():
    html = '<ul><li><a href="x.html">X &amp; Y</a></li></ul>'
    assert name_toggles(html) is html


def test_bibliography_entries_become_list_items():
    body = '<div role="list" class="citation-list"><div class="citation" id="id5" role="doc-biblioentry">'
    assert listitem_citations(body) == \
        '<div role="list" class="citation-list"><div class="citation" id="id5" role="listitem">'
