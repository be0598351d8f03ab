"""The contributor's commands through the Makefile, in a copy of the repository:
`make new` → fill in → `make check` → `make html`; a failed build keeps the last
good archive; two builds are identical; the CI configuration passes its linters.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from helpers import article, text
from repo_copy import REPO, make, repo  # noqa: F401  (repo: a fixture)

NEW = ("TITLE=Talking About Money: Fees & \"Free\" Sessions", "MONTH=2021-08",
       "AUTHOR=Ann Example", "TOPICS=empathy, alliance-and-therapeutic-relationship",
       "TYPE=qualitative-study", "KEY=example2021money")
PAGE = "docs/2021/08/talking-about-money-fees-and-free-sessions.md"


def fill_in(page: Path) -> None:
    filled = re.sub(r"TODO: [^\n\"]*", "Patients and therapists rarely talk about fees.",
                    page.read_text(encoding="utf-8"))
    page.write_text(filled, encoding="utf-8")


def test_make_new_fill_in_check_and_build(repo: Path):
    created = make(repo, "new", *NEW)
    assert created.returncode == 0, created.stderr
    assert created.stdout.splitlines()[:3] == [
        f"Created {PAGE}.", "Next:",
        f"  1. Edit {PAGE}: replace each TODO (the teaser, the summary in your own words, "
        "and the Practice Implications)."]
    assert "2. Add the article's BibTeX entry with the key 'example2021money' to " \
           "references.bib" in created.stdout

    unfinished = make(repo, "check")
    assert unfinished.returncode != 0
    problems = [line for line in unfinished.stdout.splitlines() if ": error: " in line]
    # Four placeholders, and the missing bib entry: as the reviewed article and
    # as the work the template's text cites.
    assert len(problems) == 6
    assert all(line.startswith(f"{PAGE}:") for line in problems)

    fill_in(repo / PAGE)
    with (repo / "references.bib").open("a", encoding="utf-8") as bib:
        bib.write("\n@article{example2021money,\n  author = {Example, Ann},\n"
                  "  title = {A test entry},\n  journal = {Test Journal},\n  year = {2021}\n}\n")
    checked = make(repo, "check")
    assert checked.returncode == 0, checked.stdout
    assert checked.stdout.strip() == "Checked 7 summaries and the bibliography: no problems."

    built = make(repo, "html")
    assert built.returncode == 0, built.stdout + built.stderr
    html = repo / "_build/html"
    page = article(html, "2021/08/talking-about-money-fees-and-free-sessions.html")
    assert "Talking About Money: Fees &" in page.h1.get_text()
    assert "Talking About Money" in text(article(html, "topics/empathy.html"))


@pytest.mark.parametrize("args, message", [
    (("TOPICS=empathy,aliance",), "unknown topic 'aliance'; did you mean "
     "'alliance-and-therapeutic-relationship'?"),
    (("SLUG=disclosing-suicidal-thoughts",), "slug 'disclosing-suicidal-thoughts' is already "
     "taken by 2021/08/disclosing-suicidal-thoughts.md"),
    (("SLUG=../../etc/evil",), "slug '../../etc/evil' is not a file name: use lowercase "
     "letters, digits and single hyphens (no '/', '..' or spaces)"),
    (("SLUG=/tmp/evil",), "slug '/tmp/evil' is not a file name"),
    (("MONTH=../2021",), "month '../2021' is not a month: write it as YYYY-MM"),
    (("MONTH=2021-13",), "date '2021-13' has month 13; months run from 01 to 12"),
    (("KEY=../evil key",), "bib key '../evil key' cannot be a BibTeX key"),
])
def test_make_new_refuses_and_writes_nothing(repo: Path, args, message):
    before = sorted(p.relative_to(repo) for p in (repo / "docs").rglob("*"))
    given = dict(arg.split("=", 1) for arg in NEW) | dict(arg.split("=", 1) for arg in args)
    refused = make(repo, "new", *(f"{k}={v}" for k, v in given.items()))
    assert refused.returncode != 0
    assert refused.stderr.startswith("make new: nothing was written.\n")
    assert message in refused.stderr
    assert "Traceback" not in refused.stderr
    assert sorted(p.relative_to(repo) for p in (repo / "docs").rglob("*")) == before
    assert not (repo.parent / "evil.md").exists() and not Path("/tmp/evil.md").exists()


def test_make_new_without_a_terminal_names_what_is_missing(repo: Path):
    refused = make(repo, "new", "TITLE=Only a title")
    assert refused.returncode != 0
    assert ("missing: MONTH=..., AUTHOR=..., TOPICS=..., TYPE=..., KEY=...; give them as "
            "`make new TITLE=\"...\" MONTH=2021-09 ...`, or run `make new` in a terminal "
            "to be asked") in refused.stderr


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_a_failed_build_leaves_the_last_good_archive_unchanged(repo: Path):
    assert make(repo, "html").returncode == 0
    good = snapshot(repo / "_build/html")
    assert "index.html" in good and "2021/08/disclosing-suicidal-thoughts.html" in good

    page = repo / "docs/2021/08/disclosing-suicidal-thoughts.md"
    page.write_text(page.read_text().replace("  - empathy\n", "  - empathyy\n"))
    failed = make(repo, "html")
    assert failed.returncode != 0
    assert "unknown topic 'empathyy'; did you mean 'empathy'?" in failed.stderr
    assert ("The build failed (see above); the last good archive in _build/html/ is "
            "unchanged.") in failed.stderr
    assert snapshot(repo / "_build/html") == good
    # No half-built copy is left beside it: only the failed build, kept to look at.
    assert sorted(p.name for p in (repo / "_build").iterdir()) == [
        ".build.lock", "html", "html.failed"]

    (repo / "references.bib").write_text("@article{x,\n title = {oops\n")
    stopped = make(repo, "html")
    assert stopped.returncode != 0 and "Traceback" not in stopped.stderr
    assert snapshot(repo / "_build/html") == good


def test_two_builds_of_the_same_sources_are_identical(repo: Path):
    assert make(repo, "html", "BUILDDIR=_build/one").returncode == 0
    assert make(repo, "html", "BUILDDIR=_build/two").returncode == 0
    one, two = (snapshot(repo / f"_build/{name}/html") for name in ("one", "two"))
    pages = {name for name in one if name.endswith(".html")}
    assert len(pages) > 50
    assert {name: one[name] for name in pages} == {name: two.get(name) for name in pages}


def test_the_ci_configuration_passes_its_linters():
    linted = make(REPO, "lint", timeout=120)
    assert linted.returncode == 0, linted.stdout + linted.stderr
    assert linted.stdout.count("ok -- validation done") == 2


@pytest.mark.parametrize("path, old, new, message", [
    (".github/workflows/ci.yml", "runs-on: ubuntu-latest", "run-on: ubuntu-latest",
     "'runs-on' is a required property"),
    (".readthedocs.yaml", "version: 2", "version: 3", "3 is not one of"),
    (".pre-commit-config.yaml", "        entry: make check\n", "",
     "Missing required key: entry"),
])
def test_the_linters_catch_a_broken_configuration(repo: Path, path, old, new, message):
    target = repo / path
    assert old in target.read_text()
    target.write_text(target.read_text().replace(old, new, 1))
    linted = make(repo, "lint", timeout=120)
    assert linted.returncode != 0
    assert message in linted.stdout + linted.stderr
