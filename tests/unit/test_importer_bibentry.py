"""Unit tests for BibTeX keys, entry reuse and the entries pybtex writes (invented data)."""

from __future__ import annotations

from pybtex.database import parse_string

from summary_archive.importer.bibentry import (
    EntryIndex,
    base_key,
    entries_text,
    normal_title,
    protect_capitals,
    resolve,
    to_entry,
    unique_key,
)
from summary_archive.importer.citation import parse_citation

OKAFOR = parse_citation(
    "Okafor, N., Lindqvist, B.K., &Moreau, C. (2020). The vocal warmth of therapists: A "
    "meta-analysis. Journal of Invented Counselling Studies, 10.5555/jics.2020.0142. "
    "Advance online publication.")
EXISTING = parse_string(r"""
@article{okafor2020vocal,
  author = {Okafor, N.},
  title = {Vocal warmth of therapists},
  journal = {Journal of Invented Counselling Studies},
  year = {2020},
  doi = {https://doi.org/10.5555/JICS.2020.0142}
}
@article{holt2017does,
  author = {Holt, D.},
  title = {Does the {Room} Matter? {A} Test},
  journal = {Test Journal},
  year = {2017}
}
""", "bibtex")


def test_key_style_skips_articles_and_folds_to_ascii():
    assert base_key(OKAFOR) == "okafor2020vocal"
    accented = parse_citation("Müller-Ørsted, Å. (2019). An élan test. Test Journal, 1, 2–3.")
    assert base_key(accented) == "mullerorsted2019elan"
    group = parse_citation("Invented Research Group. (2018). The group’s report. Test "
                           "Journal, 4, 5–6.")
    assert base_key(group) == "invented2018groups"


def test_clashing_keys_get_a_b_c():
    assert unique_key("okafor2020vocal", set()) == "okafor2020vocal"
    assert unique_key("okafor2020vocal", {"okafor2020vocal"}) == "okafor2020vocala"
    assert unique_key("x", {"x", "xa", "xb"}) == "xc"


def test_an_existing_entry_is_found_by_doi_whatever_its_spelling():
    assert EntryIndex(EXISTING).find(OKAFOR) == ("okafor2020vocal", "DOI")


def test_an_existing_entry_is_found_by_title_ignoring_case_braces_and_punctuation():
    holt = parse_citation("Holt, D. (2017). Does the room matter? A test. Test Journal, 2, 3–9.")
    assert EntryIndex(EXISTING).find(holt) == ("holt2017does", "title")
    assert normal_title("Patients’ {Crying}: a \\& b") == normal_title("Patients' crying: A & B")


def test_resolve_reuses_or_makes_a_new_entry_with_a_free_key():
    reused = resolve(OKAFOR, EXISTING, {"okafor2020vocal", "holt2017does"})
    assert (reused.key, reused.new, reused.matched_by) == ("okafor2020vocal", False, "DOI")
    other = parse_citation("Okafor, N. (2020). Vocal range in group therapy. Another Test "
                           "Journal, 2(1), 10–20.")
    fresh = resolve(other, EXISTING, {"okafor2020vocal", "holt2017does"})
    assert (fresh.key, fresh.new) == ("okafor2020vocala", True)


def test_entry_fields_and_persons():
    entry = to_entry(parse_citation(
        "Brennan, T., Sato, K, Reyes, T., Jr. (2019, November 4). Do therapists read their "
        "reports? A trial of CBT feedback. Fictional Review of Training, 9(3), 5-12. "
        "Advance online publication."))
    assert entry.type == "article"
    assert [str(p) for p in entry.persons["author"]] == ["Brennan, T.", "Sato, K.",
                                                          "Reyes, Jr., T."]
    assert dict(entry.fields) == {
        "title": "Do therapists read their reports? {A} trial of {CBT} feedback",
        "journal": "Fictional Review of Training", "year": "2019", "month": "November",
        "day": "4", "volume": "9", "number": "3", "pages": "5--12",
        "note": "Advance online publication"}


def test_capitals_after_the_first_word_are_protected():
    assert protect_capitals("Warmth at a distance: Video and COVID-19 (UK)") == \
        "Warmth at a distance: {Video} and {COVID-19} ({UK})"


def test_written_entries_read_back_identically():
    entry = to_entry(parse_citation(
        "Okafor, N., & Moreau, C. (2020). Warmth & 100% attention: A test_case. Journal of "
        "Invented Counselling Studies, 3, 1–2. https://doi.org/10.5555/jics.2020.0142"))
    text = entries_text({"okafor2020warmth": entry})
    back = parse_string(text, "bibtex").entries["okafor2020warmth"]
    assert back.fields["title"] == r"Warmth \& 100\% attention: {A} test\_case"
    assert back.fields["doi"] == "10.5555/jics.2020.0142"
    assert [str(p) for p in back.persons["author"]] == ["Okafor, N.", "Moreau, C."]
