"""The real archive, built once, served over http://127.0.0.1, and opened in
headless Chromium (Debian's, driven by Playwright; `scripts/install-browser`
installs it, and `make test` runs that first). One browser serves every test;
each test opens its own tabs, at a phone's width or a desktop's.

Accessibility is checked with axe-core from npm (the version pinned in
package-lock.json, installed by `make test` with `npm ci`), injected into
each page."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

REPO = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO / "_build" / "test-artifacts"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"


@pytest.fixture(scope="session")
def site(real_site):
    """(base URL, output folder) of the real archive, served (see tests/conftest.py)."""
    return real_site


@pytest.fixture(scope="session")
def browser():
    assert Path(CHROMIUM).exists(), "run scripts/install-browser (make test does)"
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


class Tabs:
    """Opens tabs at a given width; records every script error of all of them,
    and (``console=True``) every console error (a failed load is one) and warning."""

    def __init__(self, browser, console: bool = True) -> None:
        self.browser = browser
        self.console = console
        self.contexts = []
        self.problems: list[str] = []

    def open(self, width: int = 1280, scheme: str = "light"):
        context = self.browser.new_context(viewport={"width": width, "height": 900},
                                           color_scheme=scheme)
        self.contexts.append(context)
        tab = context.new_page()
        tab.on("pageerror", lambda error: self.problems.append(f"{tab.url}: {error}"))
        tab.on("console", lambda message: self.problems.append(
            f"{tab.url}: console {message.type}: {message.text}")
            if self.console and message.type in ("error", "warning") else None)
        return tab

    def close(self) -> None:
        for context in self.contexts:
            context.close()


@pytest.fixture
def tabs(browser):
    """Tabs for one test; the test fails on any script or console error in them."""
    opened = Tabs(browser)
    yield opened
    opened.close()
    assert opened.problems == []


@pytest.fixture
def page(browser):
    """A fresh desktop-width tab; the test fails on any script error in it.
    (tests/web/test_browser.py also fails on console errors: its own ``page``.)"""
    opened = Tabs(browser, console=False)
    yield opened.open()
    opened.close()
    assert opened.problems == []


@pytest.fixture(scope="session")
def axe_source() -> str:
    assert AXE.is_file(), f"{AXE} is missing: run `npm ci` in {REPO} (make test does)"
    return AXE.read_text(encoding="utf-8")


def axe_violations(page, axe_source: str) -> list[str]:
    """What axe-core finds wrong on the page as it is now, one line per rule."""
    if not page.evaluate("typeof axe !== 'undefined'"):
        page.add_script_tag(content=axe_source)
    results = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return [f"{v['id']} ({v['impact']}): {v['help']} at "
            + ", ".join(" ".join(node["target"]) for node in v["nodes"][:5])
            for v in results["violations"]]


@pytest.fixture(scope="session")
def axe(axe_source):
    """``axe(page)``: the violations axe-core finds on the page (see axe_violations)."""
    return lambda page: axe_violations(page, axe_source)


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS


@pytest.fixture(scope="session")
def weight_report(artifacts):
    """Bytes per page type, gathered by the tests and written once at the end."""
    report: dict[str, dict] = {}
    yield report
    (artifacts / "page-weight.json").write_text(json.dumps(report, indent=1, sort_keys=True))
