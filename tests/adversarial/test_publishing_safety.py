"""Builds that cannot lose or corrupt what was published.

On one built copy of the repository, in order: a second build waits for the
first; two at once both succeed; a failed final rename fails the build and
keeps the last good archive; a publication stopped between its renames is
repaired; a damaged doctree or environment is rebuilt with one line saying
so; the sitemap lists every page after an incremental build; a deleted
summary leaves the site. Then the PDFs on a full disk, and the importer's
size limit.
"""

from __future__ import annotations

import errno
import fcntl
import os
import re
import subprocess
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from hostile import make, no_traceback, snapshot
from repo_copy import MAKE, PUBLISHED_AT, make_env
from summary_archive.cli import html as html_build
from summary_archive.core import buildlock

BASE = PUBLISHED_AT  # the address the copies are built for


@pytest.fixture(scope="module")
def repo(published) -> Path:
    """The shared published copy itself: this module runs last (it is named so) and
    is the only one to rebuild it, so its saved environment serves every build."""
    return published


def published(repo: Path) -> Path:
    return repo / "_build/html"


def complete(site: Path) -> None:
    """A whole published archive: its pages, its PDFs and nothing half-built beside it."""
    assert (site / "index.html").is_file() and (site / "sitemap.xml").is_file()
    assert (site / "downloads/archive.pdf").is_file()
    assert (site / "downloads/downloads.json").is_file()
    assert not {"html.next", "html.old"} & {p.name for p in site.parent.iterdir()}


def truncate(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[:len(data) // 2])


def wait_for(process: subprocess.Popen, text: str, timeout: float = 300) -> list[str]:
    """Lines of the process's stderr up to the first holding ``text``."""
    seen, deadline = [], time.monotonic() + timeout
    while time.monotonic() < deadline:
        line = process.stderr.readline()
        if not line and process.poll() is not None:
            break
        seen.append(line)
        if text in line:
            return seen
    raise AssertionError(f"no {text!r}:\n{''.join(seen[-20:])}")


def test_a_second_build_waits_for_the_one_running(repo):
    lock = published(repo).parent / buildlock.LOCK_NAME
    with open(lock, "a+", encoding="utf-8") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        held.write("make pdf (process 1)\n")
        held.flush()
        second = subprocess.Popen([*MAKE, "html"], cwd=repo, env=make_env(), text=True,
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                  stdin=subprocess.DEVNULL)
        said = wait_for(second, "is running in")
        assert second.poll() is None  # it waits, it does not build over the other one
        assert said[-1].strip() == "make pdf (process 1) is running in _build/; waiting for " \
                                   "it to finish..."
        fcntl.flock(held, fcntl.LOCK_UN)
    out, err = second.communicate(timeout=600)
    assert second.returncode == 0, err[-3000:]
    no_traceback(out, err)
    complete(published(repo))


def test_two_builds_at_once_both_succeed_and_keep_the_downloads(repo):
    page = repo / "docs/2021/08/patients-crying-in-psychotherapy.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nOne more sentence.\n",
                    encoding="utf-8")
    builds = [subprocess.Popen([*MAKE, "html"], cwd=repo, env=make_env(), text=True,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               stdin=subprocess.DEVNULL) for _ in range(2)]
    outputs = [build.communicate(timeout=600) for build in builds]
    assert [build.returncode for build in builds] == [0, 0], outputs
    assert sum("is running in _build/; waiting" in err for _, err in outputs) == 1
    complete(published(repo))
    assert "One more sentence." in (published(repo) / page.relative_to(repo / "docs")
                                    ).with_suffix(".html").read_text(encoding="utf-8")


def test_a_failed_final_rename_fails_the_build_and_keeps_the_archive(repo, monkeypatch,
                                                                      capsys):
    before = snapshot(published(repo))
    real_rename = os.rename

    def rename(source, target):
        if Path(source).name == "html.next" and Path(target).name == "html":
            raise OSError(errno.EXDEV, "Invalid cross-device link", str(target))
        real_rename(source, target)

    monkeypatch.setattr(html_build.os, "rename", rename)
    monkeypatch.chdir(repo)
    status = html_build.main(["docs", ".", "_build"])
    monkeypatch.undo()
    err = capsys.readouterr().err
    assert status == 1
    [said] = [line for line in err.splitlines() if line.startswith("make html:")]
    assert "the new archive could not be put in place of _build/html/" in said
    assert "the new one is in _build/html.next/" in said
    assert snapshot(published(repo)) == before
    result = make(repo, "html")  # the next build cleans up and publishes
    assert result.returncode == 0, result.stderr[-3000:]
    complete(published(repo))


def test_a_publication_stopped_between_its_renames_is_repaired(repo):
    site = published(repo)
    before = snapshot(site)
    site.rename(site.with_name("html.old"))  # killed after moving the archive away
    (site.with_name("html.next") / "half").mkdir(parents=True)
    result = make(repo, "html")
    assert result.returncode == 0, result.stderr[-3000:]
    no_traceback(result.stdout, result.stderr)
    complete(site)
    assert snapshot(site).keys() == before.keys()


def test_a_damaged_doctree_is_read_again_with_one_line(repo):
    doctree = published(repo) / ".doctrees/2021/07/index.doctree"
    truncate(doctree)
    result = make(repo, "html")
    assert result.returncode == 0, result.stderr[-3000:]
    no_traceback(result.stdout, result.stderr)
    said = [line for line in (result.stdout + result.stderr).splitlines() if "archive: the saved"
            in line]
    assert len(said) == 1 and said[0].endswith(
        "archive: the saved doctree of 2021/07/index was damaged; reading it again"), said
    complete(published(repo))


def test_a_damaged_environment_is_rebuilt_with_one_line(repo):
    truncate(published(repo) / ".doctrees/environment.pickle")
    result = make(repo, "html")
    assert result.returncode == 0, result.stderr[-3000:]
    no_traceback(result.stdout, result.stderr)
    said = [line for line in result.stderr.splitlines() if line.startswith("archive: the saved")]
    assert len(said) == 1 and "could not be used" in said[0], said
    complete(published(repo))


def sitemap(site: Path) -> set[str]:
    names = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    root = ET.parse(site / "sitemap.xml").getroot()
    return {loc.text.removeprefix(BASE) for loc in root.findall("s:url/s:loc", names)}


def pages(docs: Path) -> set[str]:
    """Every page of the site, from the sources (hand-written and generated)."""
    return {p.relative_to(docs).with_suffix(".html").as_posix() for p in docs.rglob("*.md")
            if not re.match(r"_|\.", p.relative_to(docs).parts[0])}


def test_the_sitemap_lists_every_page_after_an_incremental_build(repo):
    page = repo / "docs/2021/07/therapist-burnout-and-patient-outcomes.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nAnother sentence.\n",
                    encoding="utf-8")
    untouched = published(repo) / "topics/termination.html"  # shows nothing of that page
    written = untouched.stat().st_mtime_ns
    result = make(repo, "html")
    assert result.returncode == 0, result.stderr[-3000:]
    assert untouched.stat().st_mtime_ns == written  # an incremental build
    assert sitemap(published(repo)) == pages(repo / "docs")


def test_a_deleted_summary_leaves_the_site(repo):
    from summary_archive.core import frontmatter

    docs = repo / "docs"
    page = docs / "2021/08/proportion-who-benefit-from-psychotherapy.md"
    key = frontmatter.parse(page.read_text(encoding="utf-8")).fields["reviews"]
    others = [p for p in docs.glob("20*/*/*.md") if p != page and key in p.read_text()]
    assert not others  # only this page reviews or cites its article
    page.unlink()
    bib = repo / "references.bib"
    text = bib.read_text(encoding="utf-8")
    start = text.index(f"{{{key},")
    start, end = text.rindex("@", 0, start), text.index("\n}\n", start) + 3
    bib.write_text(text[:start] + text[end:], encoding="utf-8")
    result = make(repo, "html")
    assert result.returncode == 0, result.stderr[-3000:]
    site = published(repo)
    gone = site / "2021/08/proportion-who-benefit-from-psychotherapy"
    assert not gone.with_suffix(".html").exists() and not gone.with_suffix(".bib").exists()
    assert "2021/08/proportion-who-benefit-from-psychotherapy.html" not in sitemap(site)
    assert sitemap(site) == pages(docs)
    complete(site)


def test_an_oversized_import_source_is_refused(repo, tmp_path):
    big = tmp_path / "saved-blog.txt"
    with open(big, "wb") as handle:  # 50 MB, most of it a hole in the file
        handle.write(b"August 2021\n")
        handle.truncate(50_000_000)
    docs_before, bib_before = snapshot(repo / "docs"), (repo / "references.bib").read_bytes()
    result = make(repo, "import", f"SOURCE={big}")
    assert result.returncode != 0
    no_traceback(result.stdout, result.stderr)
    said = [line for line in (result.stdout + result.stderr).splitlines() if str(big) in line
            and "MB" in line]
    assert len(said) == 1 and "a saved blog page is at most 5 MB" in said[0], said
    assert snapshot(repo / "docs") == docs_before
    assert (repo / "references.bib").read_bytes() == bib_before


def test_pdfs_are_published_whole_on_a_full_disk(tmp_path, monkeypatch):
    from summary_archive.pdf import build as pdfbuild

    built, target = tmp_path / "latex", tmp_path / "downloads"
    built.mkdir()
    target.mkdir()
    for name in ("archive", "year-2021"):
        (built / f"{name}.pdf").write_bytes(b"%PDF new " + name.encode() * 1000)
        (target / f"{name}.pdf").write_bytes(b"%PDF old " + name.encode())
    before = snapshot(target)
    real_fsync, calls = os.fsync, []

    def full_disk(descriptor):
        calls.append(descriptor)
        if len(calls) == 2:
            raise OSError(errno.ENOSPC, "No space left on device")
        real_fsync(descriptor)

    monkeypatch.setattr(buildlock.os, "fsync", full_disk)
    monkeypatch.setattr(pdfbuild, "PdfReader", lambda path: type("R", (), {"pages": [1]}))
    collections = [{"name": "archive", "title": "A"}, {"name": "year-2021", "title": "Y"}]
    with pytest.raises(pdfbuild.BuildFailed) as failed:
        pdfbuild.publish(built, collections, target)
    assert "could not publish the PDFs" in str(failed.value)
    assert "No space left on device" in str(failed.value)
    after = snapshot(target)
    assert after["year-2021.pdf"] == before["year-2021.pdf"]  # the one that failed: untouched
    assert (target / "archive.pdf").read_bytes().startswith(b"%PDF new")  # whole, replaced
    assert not [p for p in target.iterdir() if p.name.endswith(".partial")]
    assert "downloads.json" not in after  # no manifest for a half-published set
