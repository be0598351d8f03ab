"""Shared fixtures: Sphinx's own testing fixtures, fresh copies of test roots,
and the two builds many suites read (each built once per test session).

Since Sphinx 8.2 a test root is used in place unless a test asks for a copy;
every build here is of a copy, because the extension writes the navigation
pages into the source folder and some tests edit sources. Tests that edit a
source build their own copy (``copy_root`` + ``make_app``), never the shared ones.
"""

from __future__ import annotations

import functools
import http.server
import json
import shutil
import threading
from pathlib import Path

import pytest
from sphinx.testing.util import SphinxTestApp

from helpers import build_real_archive

pytest_plugins = ["sphinx.testing.fixtures"]

ROOTS = Path(__file__).resolve().parent / "roots"


@pytest.fixture(scope="session")
def rootdir() -> Path:
    return ROOTS


@pytest.fixture
def copy_root(rootdir: Path, tmp_path: Path):
    """Copy ``tests/roots/test-<name>`` to a fresh folder and return its path."""

    def copy(name: str, folder: str = "src") -> Path:
        target = tmp_path / folder
        shutil.copytree(rootdir / f"test-{name}", target)
        return target

    return copy


@pytest.fixture(scope="session")
def built(tmp_path_factory):
    """The test archive (``tests/roots/test-archive``), built once without warnings.

    Shared: read it, never edit it (build your own copy for that)."""
    srcdir = tmp_path_factory.mktemp("test-archive") / "src"
    shutil.copytree(ROOTS / "test-archive", srcdir)
    app = SphinxTestApp("html", srcdir=srcdir)
    try:
        app.build()
    finally:
        app.cleanup()  # the output stays; docutils' registry is reset for other apps
    assert app.warning.getvalue() == ""
    return app


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass


# The Downloads page lists what make pdf published; building the PDFs here
# would cost a minute, so publish a manifest of two as make pdf writes it.
DOWNLOADS = [
    {"name": "archive", "kind": "archive", "title": "PPRNet Research Summaries",
     "summaries": 6, "pages": 13, "bytes": 80_000},
    {"name": "topic-empathy", "kind": "topic", "title": "Empathy",
     "summaries": 1, "pages": 5, "bytes": 39_000},
]


@pytest.fixture(scope="session")
def real_site(tmp_path_factory):
    """(base URL, output folder) of the repository's own archive, built strictly
    once and served on http://127.0.0.1.

    The server's socket is bound before the build so that the archive is built
    for its own address: feeds, canonical URLs and the 404 page then all point
    at pages a browser can really open."""
    outdir = tmp_path_factory.mktemp("site") / "html"
    outdir.mkdir()
    handler = functools.partial(QuietHandler, directory=str(outdir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    base = f"http://127.0.0.1:{server.server_port}/"
    (outdir / "downloads").mkdir()
    (outdir / "downloads" / "downloads.json").write_text(json.dumps(DOWNLOADS))
    build_real_archive(outdir, base)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield base, outdir
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def real_archive(real_site) -> Path:
    """The output folder of the repository's own archive (see ``real_site``)."""
    return real_site[1]
