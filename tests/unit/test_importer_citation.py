"""Unit tests for the importer's APA citation reader, one messy form at a time.

The citations are invented test data (DOI prefix 10.5555 is Crossref's test
prefix); the source blog page's own lines are tested in test_importer_seed.py.
"""

from __future__ import annotations

import pytest

from summary_archive.importer.citation import (
    Author,
    CitationError,
    normalise_initials,
    parse_authors,
    parse_citation,
)

def test_missing_space_after_ampersand_and_bare_doi_after_journal():
    citation = parse_citation(
        "Okafor, N., Lindqvist, B.K., &Moreau, C. (2020). Vocal warmth: A meta-analysis. "
        "Journal of Invented Counselling Studies, 10.5555/jics.2020.0142. "
        "Advance online publication.")
    assert citation.authors == (Author("Okafor", "N."), Author("Lindqvist", "B. K."),
                                Author("Moreau", "C."))
    assert citation.title == "Vocal warmth: A meta-analysis"
    assert citation.journal == "Journal of Invented Counselling Studies"
    assert citation.doi == "10.5555/jics.2020.0142"
    assert citation.advance_online
    assert (citation.volume, citation.issue, citation.pages) == ("", "", "")


def test_doi_with_a_colon_where_the_dot_belongs_is_corrected_and_reported():
    citation = parse_citation("Varga, E., & Holt, D.M. (2019). Empathy ratings. Test Journal "
                              "of Group Process, 14(2), 201–214. doi: 10:5555/tjgp.2019.014")
    assert citation.doi == "10.5555/tjgp.2019.014"
    assert citation.fixes == ("DOI '10:5555/tjgp.2019.014' read as '10.5555/tjgp.2019.014'",)
    assert (citation.volume, citation.issue, citation.pages) == ("14", "2", "201--214")


def test_date_with_month_and_day_and_advance_online_publication():
    citation = parse_citation("Brennan, T., & Sato, K. (2019, November 4). Do therapists read "
                              "their reports? A randomized trial. Fictional Review of Training. "
                              "Advance online publication.")
    assert (citation.year, citation.month, citation.day) == (2019, "November", 4)
    assert citation.title == "Do therapists read their reports? A randomized trial"
    assert citation.journal == "Fictional Review of Training"
    assert citation.advance_online and citation.doi == ""


@pytest.mark.parametrize(("written", "expected"), [
    ("M.J.", "M. J."), ("J. P.", "J. P."), ("JP", "J. P."), ("K", "K."),
    ("J.-P.", "J.-P."), ("Ch.", "Ch."),
])
def test_initials_with_or_without_dots_and_spaces(written, expected):
    assert normalise_initials(written) == expected


def test_missing_ampersand_before_the_last_author():
    assert parse_authors("Brennan, T., Sato, K, Idowu, F. A. ").people == (
        Author("Brennan", "T."), Author("Sato", "K."), Author("Idowu", "F. A."))


def test_lineage_and_group_authors():
    assert parse_authors("Reyes, T., Jr., & Invented Research Group").people == (
        Author("Reyes", "T.", "Jr."), Author("Invented Research Group", group=True))


def test_volume_without_issue_and_hyphen_page_range():
    citation = parse_citation("Quist, H. (2018). Professional self-doubt: A survey. Imaginary "
                              "Journal of Therapist Development, 7, 112-119.")
    assert (citation.volume, citation.issue, citation.pages) == ("7", "", "112--119")


def test_doi_as_a_link_and_article_number():
    citation = parse_citation("Novak, P. (2019). Silence in brief therapy. Journal of Test "
                              "Studies, 8, Article e1042. https://doi.org/10.5555/JTS.2019.31")
    assert citation.doi == "10.5555/JTS.2019.31"
    assert (citation.volume, citation.article, citation.pages) == ("8", "e1042", "")


def test_a_title_ending_in_a_question_mark():
    citation = parse_citation("Holt, D. (2017). Does the room matter? Test Journal, 2(1), 3–9.")
    assert citation.title == "Does the room matter?"
    assert citation.journal == "Test Journal"


@pytest.mark.parametrize(("line", "reason"), [
    ("", "the citation line is empty"),
    ("Okafor, N. Vocal warmth. Journal of Tests, 1, 2-3.", "no publication year in parentheses"),
    ("(2020). Vocal warmth. Journal of Tests, 1, 2-3.", "no authors before the year"),
    ("Ferreira, L. (2020). A practice note without any journal",
     "cannot tell the title from the journal"),
])
def test_unreadable_lines_say_which_part_is_missing(line, reason):
    with pytest.raises(CitationError, match=reason):
        parse_citation(line)
