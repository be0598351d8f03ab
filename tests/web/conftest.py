"""The real archive, built once, served over http://127.0.0.1, and opened in
headless Chromium (Debian's, driven by Playwright; `scripts/install-browser`
installs it, and `make test` runs that first)."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

REPO = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO / "_build" / "test-artifacts"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


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


@pytest.fixture
def page(browser, site):
    """A fresh tab; fails the test on any script error in the page."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda error: errors.append(str(error)))
    yield tab
    context.close()
    assert errors == []


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS
