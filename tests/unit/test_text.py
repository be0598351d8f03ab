"""The small text rules every part of the archive shares (``core.text``)."""

from __future__ import annotations

import pytest

from summary_archive.core.text import (bare_doi, month_number, slugify, write_if_changed)


@pytest.mark.parametrize(("title", "slug"), [
    ("Matching Patients to Therapists’ Strengths", "matching-patients-to-therapists-strengths"),
    ("Müller's Ünusual Study: Fees & \"Free\" Sessions",
     "mullers-unusual-study-fees-and-free-sessions"),
    ("Ørsted & Co: What Works?", "orsted-and-co-what-works"),
    ("Alliance readings for Łukasz & Nguyễn", "alliance-readings-for-lukasz-and-nguyen"),
    ("A very long headline that goes on and on about the many findings of one study",
     "a-very-long-headline-that-goes-on-and-on-about-the-many"),
    ("../../etc/passwd", "etc-passwd"),
])
def test_one_slug_rule_for_summaries_collections_and_imports(title, slug):
    assert slugify(title) == slug
    assert len(slug) <= 60


def test_a_title_without_letters_takes_the_callers_fallback():
    assert slugify("???", "summary") == "summary"
    assert slugify("", "packet") == "packet"
    assert slugify("x" * 80) == "x" * 60  # one endless word is cut, never empty


@pytest.mark.parametrize("typed", ["10.1037/pst0000001", "https://doi.org/10.1037/pst0000001",
                                   "http://dx.doi.org/10.1037/pst0000001",
                                   "doi: 10.1037/pst0000001", " DOI:10.1037/pst0000001 "])
def test_a_doi_is_stored_bare_whatever_its_prefix(typed):
    assert bare_doi(typed) == "10.1037/pst0000001"


@pytest.mark.parametrize(("name", "number"), [("March", 3), ("mar", 3), ("Sept.", 9),
                                              ("december", 12), ("Spring", None), ("Ma", None)])
def test_month_names_by_their_first_three_letters(name, number):
    assert month_number(name) == number


def test_write_if_changed_keeps_an_unchanged_file_untouched(tmp_path):
    path = tmp_path / "a" / "page.md"
    assert write_if_changed(path, "text") is True
    before = path.stat().st_mtime_ns
    assert write_if_changed(path, "text") is False
    assert path.stat().st_mtime_ns == before
    assert write_if_changed(path, "other") is True
    assert path.read_text(encoding="utf-8") == "other"
