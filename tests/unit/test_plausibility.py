"""Unit tests for the bibliography's plausibility checks (``citations.plausibility``),
part of the hygiene the build warns with, ``make check`` lists and the importer applies.
Invented entries, each with one field that cannot be right."""

from __future__ import annotations

import pytest
from pybtex.database import Entry, Person, parse_file

from summary_archive.citations.hygiene import entry_problems
from helpers import REPO

BASE = {"title": "An invented title", "journal": "Test Journal", "year": "2020"}


def article(people=("Okafor, N.",), **fields) -> Entry:
    return Entry("article", fields={**BASE, **fields},
                 persons={"author": [Person(p) for p in people]})


@pytest.mark.parametrize(("fields", "field", "phrase"), [
    ({"journal": "N"}, "journal", "journal 'N' is too short to be a name; the line seems cut off"),
    ({"journal": "Journal of Consulting a"}, "journal", "ends mid-name; the line seems cut off"),
    ({"journal": "Journal of"}, "journal", "ends mid-name"),
    ({"journal": "New York: Wiley"}, "journal", "is a place and a publisher, not a journal"),
    ({"url": "https://doi"}, "url", "is a DOI link without its DOI"),
    ({"url": "www"}, "url", "is not a web address"),
    ({"pages": "844--50"}, "pages", "end before they start"),
    ({"pages": "pp. twelve"}, "pages", "are not page numbers"),
    ({"year": "1066"}, "year", "is not a plausible year of publication (a year from 1900 to 2027, or"),
    ({"year": "2031"}, "year", "is not a plausible year"),
    ({"year": "20xx"}, "year", "is not a plausible year"),
])
def test_an_implausible_field_is_named(fields, field, phrase):
    problems = entry_problems(article(**fields), this_year=2026)
    assert [f for f, _ in problems] == [field]
    assert phrase in problems[0][1]


@pytest.mark.parametrize(("person", "phrase"), [
    ("J. Timulak, L.", "initials inside the family name"),
    ("…, A.", "not a family name"),
    ("Smith et al., A.", "not a family name"),
    ("Smith, A.2", "not a given name"),
])
def test_a_name_that_is_not_a_name_is_named(person, phrase):
    problems = entry_problems(article(people=("Okafor, N.", person)), this_year=2026)
    assert [f for f, _ in problems] == ["author"]
    assert phrase in problems[0][1] and repr(str(Person(person))) in problems[0][1]


@pytest.mark.parametrize("entry", [
    article(pages="e1042"), article(pages="S12--S20"), article(pages="844-850"),
    article(url="https://example.org/a/b"), article(url="https://doi.org/10.5555/x"),
    article(people=("{American Psychological Association}", "others")),
    article(people=("van der Berg, J.", "Reyes, Jr., T.", "O'Brien, K.-L.")),
    Entry("book", fields={"title": "A book", "publisher": "Guilford Press", "year": "2015"},
          persons={"editor": [Person("Norcross, J. C.")]}),
])
def test_plausible_entries_pass(entry):
    assert entry_problems(entry, this_year=2026) == []


@pytest.mark.parametrize("path", ["references.bib", "tests/roots/test-archive/refs.bib",
                                  "tests/roots/test-pdf/refs.bib"])
def test_the_archives_own_bibliographies_pass(path):
    for key, entry in parse_file(str(REPO / path)).entries.items():
        assert entry_problems(entry) == [], key


def test_in_press_is_a_plausible_year():
    entry = Entry("article", fields={"title": "T", "journal": "Journal of Tests",
                                     "year": "In Press"}, persons={"author": [Person("Okafor, N.")]})
    assert not [problem for field, problem in entry_problems(entry) if "year" in problem]
