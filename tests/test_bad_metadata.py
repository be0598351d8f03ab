"""Bad metadata is a warning naming the file, the line, the value and what is allowed."""

from __future__ import annotations

from io import StringIO

import pytest

from helpers import article, strip_ansi, text

ALLOWED_TOPICS = ("adherence, alliance-and-therapeutic-relationship, empathy, "
                  "therapist-factors")


@pytest.fixture
def warnings(make_app, copy_root):
    srcdir = copy_root("badmeta")
    app = make_app("html", srcdir=srcdir)
    app.build()
    # Strip colour codes; one warning per line.
    lines = strip_ansi(app.warning.getvalue()).splitlines()
    return app, srcdir, lines


def warning_for(lines: list[str], page: str) -> list[str]:
    return [line for line in lines if f"2021/07/{page}.md" in line]


def test_unknown_topic_names_file_line_value_and_allowed(warnings):
    _, srcdir, lines = warnings
    [line] = warning_for(lines, "unknown-topic")
    assert line.startswith(f"{srcdir}/2021/07/unknown-topic.md:5: WARNING: ")
    assert "unknown topic 'aliance'; did you mean 'alliance-and-therapeutic-relationship'?" in line
    assert f"Allowed topics: {ALLOWED_TOPICS}" in line
    assert line.endswith("[archive.metadata]")


def test_unknown_research_type(warnings):
    _, srcdir, lines = warnings
    [line] = warning_for(lines, "unknown-type")
    assert line.startswith(f"{srcdir}/2021/07/unknown-type.md:6: WARNING: ")
    assert "unknown research type 'metaanalysis'; did you mean 'meta-analysis'?" in line
    assert "meta-analysis, qualitative-study, randomized-controlled-trial" in line


def test_bad_date(warnings):
    _, srcdir, lines = warnings
    [line] = warning_for(lines, "bad-date")
    assert line.startswith(f"{srcdir}/2021/07/bad-date.md:3: WARNING: ")
    assert "date '2021-13' has month 13; months run from 01 to 12" in line


def test_reviewed_key_missing_from_bib(warnings):
    _, srcdir, lines = warnings
    ours = [line for line in warning_for(lines, "missing-key") if "[archive.reviews]" in line]
    assert len(ours) == 1
    assert ours[0].startswith(f"{srcdir}/2021/07/missing-key.md:7: WARNING: ")
    assert "reviewed article 'nobody2020' is not in refs.bib" in ours[0]


def test_broken_yaml_and_missing_fields(warnings):
    _, srcdir, lines = warnings
    [broken] = warning_for(lines, "broken-yaml")
    assert "the front matter is not valid YAML" in broken
    assert broken.startswith(f"{srcdir}/2021/07/broken-yaml.md:")
    [missing] = warning_for(lines, "missing-fields")
    assert ("missing required field(s): author, topics, research_type, reviews "
            "(a summary needs title, date, author, topics, research_type, reviews)") in missing


def test_no_traceback_and_good_data_still_built(warnings):
    app, _, lines = warnings
    assert not any("Traceback" in line for line in lines)
    # Invalid pages are left out of the lists, never shown with made-up values.
    month = text(article(app.outdir, "2021/07/index.html"))
    assert "Unknown topic" in month  # it still has one valid topic
    assert "Bad date" not in month and "Missing fields" not in month


def build_stops(make_app, srcdir):
    """Build, expecting the build to stop over bad input; return the error text."""
    from summary_archive.store.stop import InputError

    warning = StringIO()
    with pytest.raises(InputError) as stopped:
        make_app("html", srcdir=srcdir, warning=warning)
    assert stopped.value.code == 2
    output = strip_ansi(warning.getvalue())
    assert output.count("ERROR:") == 1 and "Traceback" not in output
    assert stopped.value.message in output
    return stopped.value.message


@pytest.mark.parametrize("vocabulary, message", [
    ("topics: [", "is not valid YAML"),
    ("topics: []\nresearch_types:\n  - {slug: a, label: A}",
     "'topics' must be a non-empty list of terms"),
    ("topics:\n  - {slug: index, label: Index}\nresearch_types:\n  - {slug: a, label: A}",
     "topics slug 'index' must be lowercase words joined by hyphens, and not 'index'"),
])
def test_a_broken_vocabulary_stops_the_build_with_one_message(make_app, copy_root,
                                                              vocabulary, message):
    srcdir = copy_root("archive")
    (srcdir / "_data/vocabulary.yml").write_text(vocabulary)
    stopped = build_stops(make_app, srcdir)
    assert "vocabulary.yml" in stopped and message in stopped


def test_a_malformed_bib_entry_names_file_line_and_entry(make_app, copy_root):
    srcdir = copy_root("archive")
    bib = srcdir / "refs.bib"
    start = len(bib.read_text().splitlines()) + 2
    bib.write_text(bib.read_text() + "\n@article{broken2020,\n  title = {Unbalanced {braces},\n"
                   "  year = {2020}\n}\n")
    stopped = build_stops(make_app, srcdir)
    assert stopped.startswith(f"{bib}:")
    assert f"(in entry 'broken2020', which starts at line {start})" in stopped
    assert "look for an unbalanced brace or quote" in stopped


def test_a_duplicate_bib_key_is_reported(make_app, copy_root):
    srcdir = copy_root("archive")
    bib = srcdir / "refs.bib"
    bib.write_text(bib.read_text() + "\n@article{jones2019voices,\n  title = {Again},\n"
                   "  year = {2019}\n}\n")
    stopped = build_stops(make_app, srcdir)
    assert "jones2019voices" in stopped and "repeated" in stopped


def test_a_broken_bib_leaves_the_previous_build_alone(make_app, copy_root):
    srcdir = copy_root("archive")
    app = make_app("html", srcdir=srcdir)
    app.build()
    app.cleanup()
    page = app.outdir / "topics/empathy.html"
    before = page.read_bytes()
    (srcdir / "refs.bib").write_text("@article{x,\n title = {oops\n")
    build_stops(make_app, srcdir)
    assert page.read_bytes() == before
