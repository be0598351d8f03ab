"""Hostile data files, bibliography entries and symbolic links, each tried on a
built copy of the repository.

Each case stops the build before it reads a page; cases that can share a file
are planted together (the build and `make check` report every one of them).
Each case: one message at its file and line, the same from `make check` and
from the build, no traceback, no canary in any output, the last good archive
and its downloads/ untouched.
"""

from __future__ import annotations

import contextlib
import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import NamedTuple

import pytest

from hostile import (Canary, Outputs, location, make, message_text, messages_for,
                     no_traceback, snapshot)


@pytest.fixture(scope="module")
def built(clone) -> Path:
    """A copy of the repository with its archive built and PDFs published."""
    return clone("hostile-inputs")


def source_files(repo: Path) -> list[Path]:
    """Every file or link under docs/, and the bibliography (links are not followed)."""
    found = [repo / "references.bib"]
    for root, dirs, files in os.walk(repo / "docs"):
        found += [Path(root, name) for name in dirs + files if Path(root, name).is_symlink()]
        found += [Path(root, name) for name in files if not Path(root, name).is_symlink()]
    return found


@contextlib.contextmanager
def restored(repo: Path) -> Iterator[None]:
    """Put the sources back as they were, whatever the case did to them."""
    saved = {path: path.read_bytes() for path in source_files(repo)
             if path.is_file() and not path.is_symlink()}
    try:
        yield
    finally:
        for path in source_files(repo):
            if path.is_symlink() or path not in saved:
                path.unlink(missing_ok=True)
        for path, data in saved.items():
            path.write_bytes(data)


def lines_of(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


def insert_topics(repo: Path, entries: list[str]) -> list[int]:
    """Add topics before the research types; returns the line of each entry."""
    path = repo / "docs/_data/vocabulary.yml"
    lines = lines_of(path)
    at = lines.index("research_types:")
    added = [line for entry in entries for line in entry.splitlines()]
    path.write_text("\n".join([*lines[:at], *added, *lines[at:]]) + "\n", encoding="utf-8")
    starts, line = [], at + 1
    for entry in entries:
        starts.append(line)
        line += len(entry.splitlines())
    return starts


def label_unlike_slug(repo: Path) -> str:
    from summary_archive.core.vocabulary import _fold, load_vocabulary

    vocabulary = load_vocabulary(repo / "docs/_data/vocabulary.yml")
    return next(t.label for t in vocabulary.topics.terms if _fold(t.label) != t.slug)


def append(path: Path, text: str) -> int:
    """Append ``text`` after a blank line; returns the line its first line lands on."""
    old = path.read_text(encoding="utf-8").rstrip("\n")
    path.write_text(old + "\n\n" + text, encoding="utf-8")
    return len(old.splitlines()) + 2


VOCABULARY, COLLECTIONS = "docs/_data/vocabulary.yml", "docs/_data/collections.yml"
Planted = dict[str, tuple[str, int | None, str]]  # case -> (file, line, what its message says)


def vocabulary_terms(repo: Path, _canaries: dict) -> Planted:
    entries = {
        "alias-is-another-slug": ("  - slug: hostile-a\n    label: Hostile A\n"
                                  "    aliases: [empathy]",
                                  "the alias 'empathy' of topics 'hostile-a' is also the slug "
                                  "of 'empathy'"),
        "alias-is-another-label": (f'  - slug: hostile-b\n    label: Hostile B\n'
                                   f'    aliases: ["{label_unlike_slug(repo)}"]',
                                   "is also the label of"),
        "label-with-newline": ('  - slug: hostile-c\n    label: "Hostile\\nlabel"',
                               "holds the control character U+000A"),
        "label-with-latex-and-escape": ('  - slug: hostile-d\n    label: "\\\\input{x}\\e[2J"',
                                        "holds the control character U+001B"),
    }
    lines = insert_topics(repo, [entry for entry, _ in entries.values()])
    return {name: (VOCABULARY, line, fragment)
            for (name, (_, fragment)), line in zip(entries.items(), lines)}


def broken_vocabulary(repo: Path, _canaries: dict) -> Planted:
    [line] = insert_topics(repo, ["  - slug: [hostile\n    label: Hostile"])
    return {"broken-vocabulary-yaml": (VOCABULARY, line, "the file is not valid YAML")}


def vocabulary_aliases(repo: Path, _canaries: dict) -> Planted:
    [line] = insert_topics(repo, ["  - &t {slug: hostile-topic, label: Hostile}\n  - *t"])
    return {"vocabulary-aliases": (VOCABULARY, line + 1, "the file uses a YAML anchor or alias")}


def unreadable_entries(repo: Path, _canaries: dict) -> Planted:
    bib = repo / "references.bib"
    first = append(bib, "@article{hostile2020backslash,\n  author = {Hostile, A.\\},\n"
                        "  title = {T},\n  journal = {J},\n  year = {2020}\n}\n")
    second = append(bib, "@article{hostile2020title,\n  author = {Hostile, B.},\n"
                         "  title = {Ends in a backslash \\},\n  journal = {J},\n"
                         "  year = {2020}\n}\n")
    fragment = "cannot be read as LaTeX text"
    return {"unreadable-bib-author": ("references.bib", first + 1, f"'author' {fragment}"),
            "unreadable-bib-title": ("references.bib", second + 2, f"'title' {fragment}")}


def unbalanced_entry(repo: Path, _canaries: dict) -> Planted:
    start = append(repo / "references.bib", "@article{hostile2020brace,\n  title = "
                                            "{Unbalanced {braces},\n  year = {2020}\n}\n")
    return {"unbalanced-bib-brace": ("references.bib", start + 3,
                                     "look for an unbalanced brace or quote")}


def collections(text: str, found: Planted) -> Callable[[Path, dict], Planted]:
    def plant(repo: Path, _canaries: dict) -> Planted:
        (repo / COLLECTIONS).write_text(text, encoding="utf-8")
        return found
    return plant


def symlinks(repo: Path, canaries: dict) -> Planted:
    (repo / "docs/_static/environ.txt").symlink_to(canaries["symlink-in-static"].path)
    (repo / "docs/2021/07/linked.md").symlink_to(canaries["symlinked-summary-page"].path)
    folder = repo.parent / "linked-folder"
    folder.mkdir(exist_ok=True)
    shutil.copy(canaries["symlinked-folder"].path, folder / "page.md")
    (repo / "docs/linked").symlink_to(folder)
    outside = repo.parent / "outside.bib"
    shutil.copy(repo / "references.bib", outside)
    with open(outside, "a", encoding="utf-8") as bib:
        bib.write(f"\n@misc{{leak, title = {{{canaries['symlinked-bibliography'].token}}}}}\n")
    (repo / "references.bib").unlink()
    (repo / "references.bib").symlink_to(outside)
    fragment = "this is a symbolic link"
    return {"symlink-in-static": ("docs/_static/environ.txt", None, fragment),
            "symlinked-summary-page": ("docs/2021/07/linked.md", None, fragment),
            "symlinked-folder": ("docs/linked", None, fragment),
            "symlinked-bibliography": ("references.bib", None, fragment)}


BOMB = ('collections:\n  - &a {title: "A", topics: [empathy]}\n  - title: "B"\n'
        '    summaries: &b [*a, *a, *a, *a]\n')
ENTRIES = ('collections:\n'
           '  - title: "x\\n```{raw} html\\n<script>alert(1)</script>\\n```"\n'
           '    topics: [empathy]\n'
           '  - name: archive\n    title: Mine\n    topics: [empathy]\n'
           '  - title: Fine\n    subtitle: "\\e]0;x\\a"\n    topics: [empathy]\n')
# group: (the make target that must refuse it, how its cases are planted)
GROUPS: dict[str, tuple[str, Callable[[Path, dict], Planted]]] = {
    "vocabulary-terms": ("html", vocabulary_terms),
    "vocabulary-yaml": ("html", broken_vocabulary),
    "vocabulary-aliases": ("html", vocabulary_aliases),
    "bib-unreadable": ("html", unreadable_entries),
    "bib-unbalanced": ("html", unbalanced_entry),
    "collections-yaml": ("pdf", collections('collections:\n  - title: "unclosed\n', {
        "broken-collections-yaml": (COLLECTIONS, 2, "the file is not valid YAML")})),
    "collections-aliases": ("pdf", collections(BOMB, {
        "collections-aliases": (COLLECTIONS, 4, "the file uses a YAML anchor or alias")})),
    "collections-entries": ("pdf", collections(ENTRIES, {
        "collection-title-with-code-fence": (COLLECTIONS, 2, "holds the control character "
                                             "U+000A"),
        "collection-named-like-a-standard-pdf": (COLLECTIONS, 4, "the name 'archive' is taken "
                                                 "by a standard PDF"),
        "collection-subtitle-escape": (COLLECTIONS, 7, "holds the control character U+001B")})),
    "symlinks": ("html", symlinks),
}
CASES = {"alias-is-another-slug": "vocabulary-terms", "alias-is-another-label": "vocabulary-terms",
         "label-with-newline": "vocabulary-terms",
         "label-with-latex-and-escape": "vocabulary-terms",
         "broken-vocabulary-yaml": "vocabulary-yaml", "vocabulary-aliases": "vocabulary-aliases",
         "unreadable-bib-author": "bib-unreadable", "unreadable-bib-title": "bib-unreadable",
         "unbalanced-bib-brace": "bib-unbalanced",
         "broken-collections-yaml": "collections-yaml",
         "collections-aliases": "collections-aliases",
         "collection-title-with-code-fence": "collections-entries",
         "collection-named-like-a-standard-pdf": "collections-entries",
         "collection-subtitle-escape": "collections-entries",
         "symlink-in-static": "symlinks", "symlinked-summary-page": "symlinks",
         "symlinked-folder": "symlinks", "symlinked-bibliography": "symlinks"}


class Tried(NamedTuple):
    planted: Planted
    canaries: dict
    checked: object
    stopped: object
    before: dict
    outputs: Outputs


@pytest.fixture(scope="module")
def tried(built):
    """Each group of cases planted and tried once (on first use), then put back."""
    results: dict[str, Tried] = {}

    def attempt(group: str) -> Tried:
        if group not in results:
            target, plant = GROUPS[group]
            canaries = {name: Canary(built.parent, name) for name, g in CASES.items()
                        if g == group}
            before = snapshot(built / "_build/html")
            with restored(built):
                planted = plant(built, canaries)
                checked = make(built, "check")
                stopped = make(built, target)
            printed = checked.stdout + checked.stderr + stopped.stdout + stopped.stderr
            results[group] = Tried(planted, canaries, checked, stopped, before,
                                   Outputs([built / "_build"], printed))
        return results[group]

    return attempt


@pytest.mark.parametrize("name", CASES)
def test_hostile_input_stops_the_build_with_one_message(built, tried, name):
    result = tried(CASES[name])
    relative, line, fragment = result.planted[name]
    checked, stopped = result.checked, result.stopped
    no_traceback(checked.stdout, checked.stderr, stopped.stdout, stopped.stderr)
    assert checked.returncode == 2 and "check] Error 1" in checked.stderr
    assert stopped.returncode == 2
    where = relative if line is None else f"{relative}:{line}"
    [from_check] = [m for m in messages_for(checked.stdout, Path(relative))
                    if location(m) == where]
    assert fragment in message_text(from_check), from_check
    [from_build] = [m for m in messages_for(stopped.stderr, built / relative)
                    if location(m) == f"{built / relative}" + (f":{line}" if line else "")]
    assert message_text(from_build) == message_text(from_check)
    # every message of the group is one of its cases': nothing else went wrong
    assert len(messages_for(stopped.stderr, built / relative)) == len(
        [c for c in result.planted.values() if c[0] == relative])
    assert "\x1b" not in checked.stdout + stopped.stderr  # escape codes shown, not run
    assert result.outputs.leaks(result.canaries[name].token) == []
    assert snapshot(built / "_build/html") == result.before
