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


# The lines below quoted from the blog are bibliographic facts; the others are invented.
HOLLON = ("Hollon, S.D. & Beck, A.T. (2013). Cognitive and cognitive-behavioral therapies. In "
          "M.E. Lambert (Ed.), Bergin and Garfield’s Handbook of Psychotherapy and Behavior "
          "Change, 6th Edition (pp. 393-442). New York: Wiley.")
WAMPOLD = ("Wampold, B.E. & Imel, Z.E. (2015). The great psychotherapy debate (2nd ed.). New "
           "York: Routledge.")
SUN = ("Sun, S., Goldberg, S.B., Loucks, E.B., & Brewer, J.A. (2021). Mindfulness-based "
       "interventions among people of color: A systematic review and meta-analysis, "
       "Psychotherapy Research, DOI: 10.1080/10503307.2021.1937369.")


def test_a_chapter_in_an_edited_book():
    citation = parse_citation(HOLLON)
    assert citation.kind == "chapter"
    assert citation.title == "Cognitive and cognitive-behavioral therapies"
    assert citation.journal == ""
    book = citation.book
    assert book.editors == (Author("Lambert", "M. E."),)
    assert (book.booktitle, book.edition, book.pages, book.publisher, book.address) == (
        "Bergin and Garfield’s Handbook of Psychotherapy and Behavior Change", "6",
        "393--442", "Wiley", "New York")


def test_a_book_with_its_edition_taken_out_of_the_title():
    citation = parse_citation(WAMPOLD)
    assert (citation.kind, citation.title) == ("book", "The great psychotherapy debate")
    assert (citation.book.edition, citation.book.publisher, citation.book.address) == (
        "2", "Routledge", "New York")


def test_editors_initials_first_with_and_a_missing_initial_and_edition_with_pages():
    citation = parse_citation(
        "Stone, W. (2019). A chapter. In Barkham, W. Lutz, and L.G. Castonguay (Eds.) An "
        "Invented Handbook (7th ed., pp. 135-189). Test Press.")
    assert citation.book.editors == (Author("Barkham"), Author("Lutz", "W."),
                                     Author("Castonguay", "L. G."))
    assert (citation.book.edition, citation.book.pages) == ("7", "135--189")
    assert citation.doubts == ("the editor 'Barkham' has no initials on the line",)


def test_a_cut_off_chapter_has_no_publisher_and_says_so():
    citation = parse_citation("Stone, W. (2019). A chapter. In K. Abara (Ed.) An Invented "
                              "Handbook (7th ed.)...")
    assert citation.book.publisher == ""
    assert citation.doubts == ("the line ends with '...': it seems cut off",
                               "the line gives no publisher for the book")


def test_an_edited_book_names_its_editors_as_editors():
    citation = parse_citation("Abara, K. (Ed.). (2011). An invented edited book. Test Press.")
    assert (citation.kind, citation.authors_are_editors) == ("book", True)
    assert citation.authors == (Author("Abara", "K."),)


def test_a_journal_after_a_comma_is_read_and_reported():
    citation = parse_citation(SUN)
    assert citation.title == ("Mindfulness-based interventions among people of color: A "
                              "systematic review and meta-analysis")
    assert (citation.journal, citation.doi) == ("Psychotherapy Research",
                                                "10.1080/10503307.2021.1937369")
    assert citation.fixes == ("the journal 'Psychotherapy Research' follows the title after "
                              "a comma; read as the journal",)


def test_a_lone_number_after_the_volume_is_an_article_number():
    citation = parse_citation("Moreau, C. (2020). A trial. BMC Invented Psychiatry, 20, 313. "
                              "https://doi.org/10.5555/bip.313")
    assert (citation.volume, citation.article, citation.pages) == ("20", "313", "")


def test_a_journal_that_is_a_place_and_a_publisher_makes_a_book_not_an_article():
    citation = parse_citation("Holt, D. (2010). An invented guide. New York: Guilford Press.")
    assert (citation.kind, citation.book.publisher, citation.book.address) == (
        "book", "Guilford Press", "New York")


@pytest.mark.parametrize(("authors", "expected", "incomplete"), [
    ("Watson, J. Timulak, L.", [("Watson", "J."), ("Timulak", "L.")], False),
    ("Yadin, E… Peterson, A.", [("Yadin", "E."), ("Peterson", "A.")], True),
    ("Gloster, A.T., Walder, N., ..., ... & Karekla, M.",
     [("Gloster", "A. T."), ("Walder", "N."), ("Karekla", "M.")], True),
    ("Cipriani, A., . . . Barbui, C.", [("Cipriani", "A."), ("Barbui", "C.")], True),
    ("Cuijpers, P., ….Karyotaki, E.", [("Cuijpers", "P."), ("Karyotaki", "E.")], True),
    ("Zwerenz, R. et al.", [("Zwerenz", "R.")], True),
    ("Cuijpers, P., &Furukawa, T.A.", [("Cuijpers", "P."), ("Furukawa", "T. A.")], False),
])
def test_author_list_slips_keep_the_listed_people_and_mark_an_elision(authors, expected,
                                                                      incomplete):
    people = parse_authors(authors)
    assert [(a.family, a.given) for a in people.people] == expected
    assert people.incomplete is incomplete
    assert not any("…" in a.family or "." in a.family for a in people.people)


def test_a_missing_comma_between_authors_is_reported():
    assert parse_authors("Watson, J. Timulak, L.").fixes == (
        "a comma was missing between 'Watson, J.' and 'Timulak'; read as two authors",)
