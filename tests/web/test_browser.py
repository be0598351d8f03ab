"""The archive in a real browser: every page type at a phone's width and a
desktop's (no sideways scrolling, no console errors, axe-core finds nothing in
light or dark mode, and a page-weight budget), a reader's journey, search,
the filters, keyboard use and printing.

Screenshots of each page type at both widths are kept in
_build/test-artifacts/, with page-weight.json (bytes per page type).
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import json
import re
import threading
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

PHONE, DESKTOP = 390, 1280

pytestmark = pytest.mark.slow  # drives Chromium

# One page of each type readers meet. Add a line per new page type.
PAGE_TYPES = {
    "landing": "index.html",
    "archive": "archive.html",
    "year": "2021/index.html",
    "month": "2021/08/index.html",
    "topic-index": "topics/index.html",
    "topic": "topics/outcomes-and-deterioration.html",
    "research-type-index": "research-types/index.html",
    "research-type": "research-types/randomized-controlled-trial.html",
    "summary": "2021/08/patients-crying-in-psychotherapy.html",
    "references": "references.html",
    "downloads": "downloads.html",
    "search-results": "search.html?q=therapist",
    "not-found": "404.html",
}
# What a first visit may download, every file counted: 635-700 KiB measured,
# nine tenths of it the theme's stylesheet (369 KiB), icon font (112 KiB) and
# scripts; the landing page adds sphinx-design's styles for its cards, the
# search page the search index and scripts. The search page also fetches each
# result's page for its snippet: reported apart, not counted.
PAGE_BUDGET = 720 * 1024
NEVER_LOADED = ("fontawesome.js",)  # the icons come from the theme's font alone

BURNOUT = "Psychotherapist Burnout Affects Patient Outcomes"
MATCHING = "Matching Patients to Therapists"  # the H1's apostrophe is curly, links' straight


@pytest.fixture
def page(tabs):
    """A fresh desktop-width tab; the test fails on any script or console error."""
    return tabs.open()


def open_page(page, site, path: str):
    """Open a page and wait until the archive's script has done its work."""
    base, _ = site
    page.goto(base + path, wait_until="load")
    settle(page, path)
    return page


def settle(page, path: str = "") -> None:
    if page.locator(".archive-facets[data-scope], #search-results").count():
        expect(page.locator("html")).to_have_attribute("data-archive-ready", "true")
    if path.startswith("search.html"):
        expect(page.locator("#search-results .search-summary")).to_contain_text("Search finished")


def index(site) -> dict:
    _, outdir = site
    return json.loads((outdir / "archive-index.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("width", [PHONE, DESKTOP])
@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_every_page_type_at_a_phone_and_a_desktop_width(tabs, site, artifacts, axe,
                                                        weight_report, kind, width):
    base, _ = site
    page = open_page(tabs.open(width), site, PAGE_TYPES[kind])
    page.screenshot(path=str(artifacts / f"{kind}-{width}.png"), full_page=True)
    # Nothing wider than the screen: no sideways scrolling.
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    expect(page.locator("html")).to_have_attribute("data-theme", "light")
    assert axe(page) == [], "light mode"
    # Dark mode, as when the reader's system switches to it (the theme follows;
    # colours change at once, not through the theme's transitions).
    page.add_style_tag(content="*, *::before, *::after { transition: none !important; }")
    page.emulate_media(color_scheme="dark")
    expect(page.locator("html")).to_have_attribute("data-theme", "dark")
    assert axe(page) == [], "dark mode"
    if width == PHONE:
        page.screenshot(path=str(artifacts / f"{kind}-{width}-dark.png"), full_page=True)
        return
    # The weight of a first visit, and nothing loaded that the page does not use.
    loaded = page.evaluate("""() => Object.fromEntries(
        [...performance.getEntriesByType("navigation"), ...performance.getEntriesByType("resource")]
          .map((entry) => [entry.name, entry.encodedBodySize]))""")
    files = {urlsplit(url).path.removeprefix(urlsplit(base).path): size
             for url, size in loaded.items() if not url.startswith("data:")}
    pages = {path for path in files if path.endswith(".html") and path != "search.html"}
    fetched = sum(files[p] for p in pages) if kind == "search-results" else 0
    total = sum(files.values()) - fetched
    weight_report[kind] = {"bytes": total, "files": len(files), "result pages fetched": fetched}
    assert total <= PAGE_BUDGET, sorted(files.items(), key=lambda item: -item[1])
    assert not [path for path in files if path.rsplit("/", 1)[-1] in NEVER_LOADED]
    assert ("searchindex.js" in files) == (kind == "search-results")
    cards = page.locator(".sd-card").count()
    assert any("sphinx-design" in path for path in files) == bool(cards)


def test_landing_to_topic_to_summary(page, site):
    open_page(page, site, "index.html")
    expect(page.locator("h1")).to_contain_text("PPRNet Research Summaries")
    # The "By topic" card: its whole area is one link (named "Topics").
    page.locator(".sd-card", has_text="By topic").click()
    expect(page.locator("h1")).to_contain_text("Topics")
    page.locator("article").get_by_role("link", name="Therapist Factors", exact=True).click()
    expect(page.locator("h1")).to_contain_text("Therapist Factors")
    expect(page.locator(".archive-facets")).to_be_visible()
    page.locator("article").get_by_role("link", name=BURNOUT).click()
    expect(page.locator("h1")).to_contain_text(BURNOUT)
    assert page.url.endswith("2021/07/therapist-burnout-and-patient-outcomes.html")
    # The foot of the page: related summaries, then one previous/next navigation.
    related = page.locator(".summary-related")
    expect(related.get_by_role("heading", name="Related summaries")).to_be_visible()
    expect(related.get_by_role("link", name=MATCHING)).to_be_visible()
    expect(page.locator(".summary-previous")).to_contain_text("Previous summary:")
    expect(page.locator(".prev-next-area")).to_have_count(0)  # not the theme's too


def test_previous_and_next_follow_the_months_order(page, site):
    """From the month's first summary, Next goes through the month's page in its order."""
    open_page(page, site, "2021/08/index.html")
    shown = page.locator("section.archive-month-summary > h2 > a.reference")
    titles = shown.all_inner_texts()
    shown.first.click()
    for title in titles[1:]:
        page.locator(".summary-next a.reference").click()
        expect(page.locator("h1")).to_contain_text(title.split("'")[0])


def title_words(site) -> dict[str, str]:
    """For each summary, a word of its title that no other summary's title holds
    (not even inside a longer word: search finds "therapists" for "therapist")."""
    titles = {s["url"]: s["title"].lower() for s in index(site)["summaries"]}
    unique = {}
    for url, title in titles.items():
        own = [word for word in re.findall(r"[a-z]{5,}", title)
               if not any(word in other for u, other in titles.items() if u != url)]
        if own:
            unique[url] = max(own, key=len)
    assert unique
    return unique


def test_a_word_of_a_title_lists_that_summary_first(page, site):
    base, _ = site
    for url, word in title_words(site).items():
        open_page(page, site, f"search.html?q={word}")
        first = page.locator("#search-results li").first.locator("a").first
        assert urlsplit(first.get_attribute("href")).path.endswith(url), word


@pytest.mark.parametrize("query, title", [
    ("vicarious", BURNOUT),  # a word from the body only
    ("crying", "Patients Crying in Psychotherapy"),  # a word of the title
    ("Boswell", MATCHING),  # a co-author of the reviewed article, named only in its reference
])
def test_search_reaches_the_summary_and_shows_its_month(page, site, query, title):
    open_page(page, site, "index.html")
    page.keyboard.press("Control+k")  # the theme's search shortcut
    search_box = page.locator("#pst-search-dialog input[name=q]")
    expect(search_box).to_be_focused()
    expect(search_box).to_have_attribute("placeholder", "Search the summaries…")
    search_box.fill(query)
    search_box.press("Enter")
    expect(page.locator("#search-results .search-summary")).to_contain_text("Search finished")
    result = page.locator("#search-results li").filter(
        has=page.get_by_role("link", name=title))
    summary = next(s for s in index(site)["summaries"] if s["title"].startswith(title))
    expect(result.locator(".search-result-month")).to_have_text(f" · {summary['month_label']}")
    # The snippet quotes the page on whole words, and holds the word searched.
    snippet = result.locator("p.context")
    expect(snippet).to_contain_text(re.compile(query, re.I))
    quoted = snippet.inner_text().removeprefix("… ").removesuffix(" …")
    result.get_by_role("link", name=title).click()
    expect(page.locator("h1")).to_contain_text(title)
    words = " ".join(page.locator("article").inner_text().split())
    assert re.search(rf"(^|\s){re.escape(quoted)}(\s|$)", words), quoted


def test_search_highlights_are_legible_in_dark_mode(tabs, site, axe):
    """The words searched are highlighted on the results and on the summary
    opened from them; in dark mode too, with the contrast to read them."""
    page = open_page(tabs.open(PHONE, "dark"), site, "search.html?q=alliance")
    expect(page.locator("#search-results .highlighted").first).to_be_visible()
    assert axe(page) == []
    page.locator("#search-results li a").first.click()
    expect(page.locator("article .highlighted").first).to_be_visible()
    assert axe(page) == []


def selected(page, form, name: str) -> str:
    return form.locator(f"select[name={name}]").input_value()


def test_filters_combine_and_survive_reload_and_back(page, site):
    open_page(page, site, "archive.html")
    form = page.locator(".archive-facets")
    everything = index(site)["summaries"]
    results = form.locator("li.archive-summary")
    expect(results).to_have_count(len(everything))
    expect(form.locator("[role=status]")).to_have_text(f"Showing all {len(everything)} summaries.")
    # A topic and a research type together: the first topic with two types.
    topic = next(t["slug"] for t in index(site)["topics"]
                 if len({s["research_type"] for s in everything if t["slug"] in s["topics"]}) > 1)
    in_topic = [s for s in everything if topic in s["topics"]]
    kind = in_topic[0]["research_type"]
    form.get_by_label("Topic").select_option(topic)
    expect(results).to_have_count(len(in_topic))
    form.get_by_label("Research type").select_option(kind)
    chosen = [s["title"] for s in in_topic if s["research_type"] == kind]
    expect(results.locator(".archive-summary-title")).to_have_text(chosen)
    assert parse_qs(urlsplit(page.url).query) == {"topic": [topic], "type": [kind]}
    # Each option counts what it would show with the other filter applied.
    expect(form.locator(f"select[name=type] option[value='{kind}']")).to_have_text(
        re.compile(rf"\({len(chosen)}\)$"))

    def still_filtered():
        expect(results.locator(".archive-summary-title")).to_have_text(chosen)
        assert (selected(page, form, "topic"), selected(page, form, "type")) == (topic, kind)

    page.reload(wait_until="load")
    settle(page)
    still_filtered()
    results.first.get_by_role("link").first.click()
    expect(page.locator("h1")).to_contain_text(chosen[0].split("'")[0])
    page.go_back(wait_until="load")
    settle(page)
    still_filtered()
    form.get_by_role("button", name="Show all").click()
    expect(results).to_have_count(len(everything))
    assert urlsplit(page.url).query == ""


def test_no_menu_offers_a_single_choice(page, site):
    everything = index(site)["summaries"]
    open_page(page, site, "archive.html")
    form = page.locator(".archive-facets")
    years = {s["year"] for s in everything}
    expect(form.locator("select[name=year]")).to_have_count(1 if len(years) > 1 else 0)
    for menu in form.locator("select").all():
        assert menu.locator("option").count() > 2  # "All ..." and at least two choices


def test_filters_on_a_topic_page_replace_its_list(page, site):
    open_page(page, site, "topics/outcomes-and-deterioration.html")
    in_topic = [s for s in index(site)["summaries"]
                if "outcomes-and-deterioration" in s["topics"]]
    form = page.locator(".archive-facets")
    expect(form.locator("li.archive-summary")).to_have_count(len(in_topic))
    # The server-rendered list is hidden, not shown twice.
    expect(page.locator("ul.archive-summaries:not(.archive-facets-results)")).to_be_hidden()
    types = {s["research_type"] for s in in_topic}
    options = form.get_by_label("Research type").locator("option")
    expect(options).to_have_count(len(types) + 1)  # only types the topic has, and "all"
    expect(form.get_by_label("Topic")).to_have_count(0)  # the page is the topic


@contextlib.contextmanager
def served(folder):
    """The base URL of ``folder`` served on 127.0.0.1 while the block runs."""
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def do_GET(self):  # noqa: N802 - the base class's name
            if self.path == "/favicon.ico":  # asked for by the browser; this theme has none
                self.send_response(204)
                self.end_headers()
                return
            super().do_GET()

    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(Quiet, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()


def test_a_year_filter_where_the_archive_spans_years(tabs, built):
    """The real archive has one year so far; the test archive spans two."""
    with served(built.outdir) as base:
        page = tabs.open()
        page.goto(f"{base}archive.html?year=2020", wait_until="load")
        settle(page)
        form = page.locator(".archive-facets")
        expect(form.locator("li.archive-summary .archive-summary-title")).to_have_text(
            ["Delta trial"])
        expect(form.get_by_label("Year").locator("option")).to_have_text(
            ["All years", "2021 (3)", "2020 (1)"])
        form.get_by_label("Year").select_option("")
        expect(form.locator("li.archive-summary")).to_have_count(4)
        # Closed while its server still runs: a load cut short by the server's
        # shutdown would be reported as a console error.
        page.wait_for_load_state("networkidle")
        page.close()


def test_keyboard_only_use_of_filters_and_links(page, site):
    open_page(page, site, "topics/outcomes-and-deterioration.html")
    for _ in range(60):  # Tab from the top of the page to the research-type menu
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.name") == "type":
            break
    else:
        pytest.fail("the research-type menu cannot be reached with Tab")
    page.keyboard.press("ArrowDown")  # the first research type of this topic
    form = page.locator(".archive-facets")
    expect(form.locator("[role=status]")).to_contain_text("Showing")
    first_title = form.locator("li.archive-summary").first.locator(
        ".archive-summary-title").inner_text()
    for _ in range(5):  # past the other menus and "Show all", to the first summary
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent") == first_title:
            break
    else:
        pytest.fail("the first summary cannot be reached with Tab")
    page.keyboard.press("Enter")
    expect(page.locator("h1")).to_contain_text(first_title)


def test_skip_link_takes_keyboard_users_to_the_content(page, site):
    open_page(page, site, "2021/07/therapist-burnout-and-patient-outcomes.html")
    page.keyboard.press("Tab")
    skip = page.locator(":focus")
    expect(skip).to_have_text(re.compile("Skip to main content", re.I))
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main-content"


def test_printing_a_summary_shows_the_article_only(page, site, artifacts):
    open_page(page, site, "2021/07/therapist-burnout-and-patient-outcomes.html")
    page.emulate_media(media="print")
    for selector in (".bd-header", ".bd-sidebar-primary", ".bd-sidebar-secondary",
                     ".summary-related", ".summary-neighbours"):
        expect(page.locator(selector).first).to_be_hidden()
    expect(page.locator("h1")).to_be_visible()
    expect(page.locator("dl.summary-meta")).to_be_visible()
    expect(page.locator("section.practice-implications")).to_be_visible()
    page.screenshot(path=str(artifacts / "summary-print.png"), full_page=True)
    page.pdf(path=str(artifacts / "summary-print.pdf"))
