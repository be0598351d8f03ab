"""The real archive, built once, served over http://127.0.0.1, and opened in
headless Chromium (Debian's, driven by Playwright; `scripts/install-browser`
installs it, and `make test` runs that first).

The server's socket is bound before the build so that the archive can be built
for its own address: feeds, canonical URLs and the 404 page then all point at
pages the browser can really open.
"""

from __future__ import annotations

import functools
import http.server
import json
import threading
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from helpers import build_real_archive

REPO = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO / "_build" / "test-artifacts"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass


DOWNLOADS = [
    {"name": "archive", "kind": "archive", "title": "PPRNet Research Summaries",
     "summaries": 6, "pages": 13, "bytes": 80_000},
    {"name": "topic-empathy", "kind": "topic", "title": "Empathy",
     "summaries": 1, "pages": 5, "bytes": 39_000},
]


@pytest.fixture(scope="session")
def site(tmp_path_factory):
    """(base URL, output folder) of the real archive, strictly built and served."""
    outdir = tmp_path_factory.mktemp("site") / "html"
    outdir.mkdir()
    handler = functools.partial(QuietHandler, directory=str(outdir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    base = f"http://127.0.0.1:{server.server_port}/"
    # The Downloads page lists what make pdf published; building the PDFs here
    # would cost a minute, so publish a manifest of two as make pdf writes it.
    (outdir / "downloads").mkdir()
    (outdir / "downloads" / "downloads.json").write_text(json.dumps(DOWNLOADS))
    build_real_archive(outdir, base)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield base, outdir
    server.shutdown()
    server.server_close()


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
