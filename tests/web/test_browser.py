"""The archive in a real browser: a reader's journey, search, facets, keyboard
use, printing, and axe-core on every page type (zero violations).

A screenshot of each page type is kept in _build/test-artifacts/.
"""

from __future__ import annotations

import json
import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

pytestmark = pytest.mark.slow  # drives Chromium

# One page of each type readers meet. Add a line per new page type, e.g.
# "downloads": "downloads/index.html" once the downloads page is built.
PAGE_TYPES = {
    "landing": "index.html",
    "archive": "archive.html",
    "year": "2021/index.html",
    "month": "2021/08/index.html",
    "topic-index": "topics/index.html",
    "topic": "topics/outcomes-and-deterioration.html",
    "research-type": "research-types/randomized-controlled-trial.html",
    "summary": "2021/08/patients-crying-in-psychotherapy.html",
    "references": "references.html",
    "downloads": "downloads.html",
    "search-results": "search.html?q=therapist",
    "not-found": "404.html",
}

BURNOUT = "Psychotherapist Burnout Affects Patient Outcomes"
MATCHING = "Matching Patients to Therapists"  # the H1's apostrophe is curly, links' straight


def open_page(page, site, path: str):
    base, _ = site
    page.goto(base + path, wait_until="networkidle")
    if path.startswith("search.html"):
        expect(page.locator("#search-results .search-summary")).to_contain_text("Search finished")
    return page


def index(site) -> dict:
    _, outdir = site
    return json.loads((outdir / "archive-index.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_axe_finds_no_violations(page, site, artifacts, kind):
    open_page(page, site, PAGE_TYPES[kind])
    page.screenshot(path=str(artifacts / f"{kind}.png"), full_page=True)
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


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
    # The foot of the page: related summaries, then previous and next.
    related = page.locator(".summary-related")
    expect(related.get_by_role("heading", name="Related summaries")).to_be_visible()
    expect(related.get_by_role("link", name=MATCHING)).to_be_visible()
    expect(page.locator(".summary-previous")).to_contain_text("Previous summary:")


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
    search_box.fill(query)
    search_box.press("Enter")
    expect(page.locator("#search-results .search-summary")).to_contain_text("Search finished")
    result = page.locator("#search-results li").filter(
        has=page.get_by_role("link", name=title))
    summary = next(s for s in index(site)["summaries"] if s["title"].startswith(title))
    expect(result.locator(".search-result-month")).to_have_text(f" · {summary['month_label']}")
    result.get_by_role("link", name=title).click()
    expect(page.locator("h1")).to_contain_text(title)


def test_facets_narrow_the_archive_by_type_and_year(page, site):
    open_page(page, site, "archive.html")
    form = page.locator(".archive-facets")
    expect(form).to_be_visible()
    everything = index(site)["summaries"]
    results = form.locator("li.archive-summary")
    expect(results).to_have_count(len(everything))
    expect(form.locator("[role=status]")).to_have_text(f"Showing all {len(everything)} summaries.")

    form.get_by_label("Research type").select_option("randomized-controlled-trial")
    trials = [s["title"] for s in everything if s["research_type"] == "randomized-controlled-trial"]
    expect(results.locator(".archive-summary-title")).to_have_text(trials)
    expect(form.locator("[role=status]")).to_have_text(
        f"Showing {len(trials)} {'summary' if len(trials) == 1 else 'summaries'} "
        f"of {len(everything)}.")
    form.get_by_label("Year").select_option("2021")
    expect(results.locator(".archive-summary-title")).to_have_text(trials)
    form.get_by_label("Research type").select_option("")
    expect(results).to_have_count(sum(s["year"] == 2021 for s in everything))
    results.first.get_by_role("link").first.click()
    expect(page.locator("h1")).to_contain_text(everything[0]["title"].split("'")[0])


def test_facets_on_a_topic_page_replace_its_list(page, site):
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


def test_keyboard_only_use_of_facets_and_links(page, site):
    open_page(page, site, "topics/outcomes-and-deterioration.html")
    for _ in range(60):  # Tab from the top of the page to the research-type menu
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.name") == "research_type":
            break
    else:
        pytest.fail("the research-type menu cannot be reached with Tab")
    page.keyboard.press("ArrowDown")  # the first research type of this topic
    form = page.locator(".archive-facets")
    expect(form.locator("[role=status]")).to_contain_text("Showing")
    shown = form.locator("li.archive-summary")
    first_title = shown.first.locator(".archive-summary-title").inner_text()
    page.keyboard.press("Tab")  # the year menu
    page.keyboard.press("Tab")  # the first summary's link
    assert page.evaluate("document.activeElement.textContent") == first_title
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
                     ".summary-related", ".summary-neighbours", ".prev-next-area"):
        expect(page.locator(selector).first).to_be_hidden()
    expect(page.locator("h1")).to_be_visible()
    expect(page.locator("dl.summary-meta")).to_be_visible()
    page.screenshot(path=str(artifacts / "summary-print.png"), full_page=True)
    page.pdf(path=str(artifacts / "summary-print.pdf"))
