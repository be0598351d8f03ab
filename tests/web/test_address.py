"""One address for the published archive: where conf.py takes it from, the
Pages workflow that sets it, and an address that is not one."""

from __future__ import annotations

import io
import runpy

import pytest
import yaml
from sphinx.testing.util import _clean_up_global_state

from helpers import REPO, strip_ansi


def configuration(monkeypatch, **environment) -> dict:
    for name in ("ARCHIVE_BASE_URL", "READTHEDOCS_CANONICAL_URL"):
        monkeypatch.delenv(name, raising=False)
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(REPO / "conf.py"))


def test_the_pages_address_is_used_everywhere(monkeypatch):
    conf = configuration(monkeypatch, ARCHIVE_BASE_URL="https://octocat.github.io/archive")
    assert conf["archive_base_url"] == conf["html_baseurl"] == conf["ogp_site_url"] \
        == "https://octocat.github.io/archive/"
    assert {"sphinx_sitemap", "sphinxext.opengraph"} <= set(conf["extensions"])
    assert conf["notfound_urls_prefix"] == "/archive/"


def test_read_the_docs_gives_its_canonical_address(monkeypatch):
    conf = configuration(monkeypatch,
                         READTHEDOCS_CANONICAL_URL="https://pprnet.readthedocs.io/en/latest/")
    assert conf["archive_base_url"] == "https://pprnet.readthedocs.io/en/latest/"
    assert conf["notfound_urls_prefix"] == "/en/latest/"


def test_without_an_address_no_host_is_invented(monkeypatch):
    conf = configuration(monkeypatch)
    assert conf["archive_base_url"] == conf["html_baseurl"] == ""
    assert not {"sphinx_sitemap", "sphinxext.opengraph"} & set(conf["extensions"])
    assert conf["notfound_urls_prefix"] == "/"
    assert "://" not in conf["notfound_context"]["body"]


def test_the_pages_job_builds_for_the_address_pages_reports():
    workflow = yaml.safe_load((REPO / ".github/workflows/ci.yml").read_text(encoding="utf-8"))
    job = next(job for job in workflow["jobs"].values()
               if any("upload-pages-artifact" in step.get("uses", "") for step in job["steps"]))
    steps = job["steps"]
    pages = next(i for i, step in enumerate(steps)
                 if step.get("uses", "").startswith("actions/configure-pages@"))
    build = next(i for i, step in enumerate(steps) if step.get("run") == "make")
    assert pages < build
    assert steps[build]["env"]["ARCHIVE_BASE_URL"] == \
        "${{ steps.%s.outputs.base_url }}" % steps[pages]["id"]
    assert job["permissions"]["pages"] in ("read", "write")


@pytest.mark.parametrize("address", ["javascript:alert(1)//", 'https://x.org/"><script>',
                                     "example.org/archive/"])
def test_an_address_that_is_not_one_stops_the_build(make_app, copy_root, address):
    warning = io.StringIO()
    try:
        with pytest.raises(SystemExit) as stopped:
            make_app("html", srcdir=copy_root("archive"), warning=warning,
                     confoverrides={"archive_base_url": address})
    finally:
        # The test app cleans up after an Exception only, not after SystemExit:
        # docutils would keep the nodes it registered, and the next build warn.
        _clean_up_global_state()
    assert stopped.value.code == 2
    output = strip_ansi(warning.getvalue())
    assert output.count("ERROR:") == 1 and "Traceback" not in output
    assert "http:// or https:// URL" in output and repr(address) in output
