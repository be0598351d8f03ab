"""The source blog page: its six citation lines parse, its shape splits into
two months of three summaries, and importing it into the real archive changes
nothing, because the archive already summarizes all six articles.

The citation lines are facts and are quoted as published. The page's prose is
not copied into the repository: the shape is rebuilt below with our own
placeholder sentences. When the machine also has the original page (the
project's shared seeds folder), the same checks run on it, read-only.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from summary_archive.importer.bibentry import base_key, resolve
from summary_archive.importer.blogpage import read_page
from summary_archive.importer.citation import parse_citation
from summary_archive.importer.plan import Source, plan_import
from summary_archive.importer.run import load_existing
from summary_archive.core.vocabulary import load_vocabulary

REPO = Path(__file__).resolve().parents[2]
SEED = Path("/work/shared/seeds/000_7d019b837135c98e.txt")
ARCHIVE_KEYS = ["cuijpers2021effects", "genova2021patients", "love2021you",
                "constantino2021effect", "moritz2019it", "delgadillo2018associations"]

SEED_CITATIONS = {  # line -> the DOI it gives once its slips are read the intended way
    # (long titles are split across source lines; the strings are the lines as published)
    "Cuijpers, P., Karyotaki, E., Ciharova, M., Miguel, C., Hisashi, N., &Furukawa, T.A. (2021). The effects of psychotherapies for depression on response, remission, reliable change, and deterioration: A meta-analysis. Acta Psychiatrica Scandinavica, 10.1111/acps.13335. Advance online publication.": "10.1111/acps.13335",
    "Genova, F., Zingaretti, P., Gazzillo, F., Tanzilli, A., Lingiardi, V., Katz, M., & Hilsenroth, M. (2021). Patients’ crying experiences in psychotherapy and relationship with working alliance, therapeutic change and attachment styles. Psychotherapy, 58(1), 160–171.": "",
    "Love, H. A., & Morgan, P. C. (2021, March 18). You Can Tell Me Anything: Disclosure of Suicidal Thoughts "
    "and Behaviors in Psychotherapy. Psychotherapy. Advance online publication.": "",
    "Constantino, M.J., Boswell, J.F., Coyne, A.E., Swales, T.P., & Kraus, D.R. (2021). Effect of matching therapists to patients vs assignment as usual on adult psychotherapy outcomes: A randomized clinical trial. JAMA Psychiatry, doi: 10:1001/jamapsychiatry.2021.1221.": "10.1001/jamapsychiatry.2021.1221",
    "Moritz, S., Nestoriuc, Y., Rief, W., Klein, J.P., Jelinek, L., Peth, J. (2019). It can’t hurt, right? Adverse effects of psychotherapy "
    "in patients with depression. European Archives of Psychiatry and Clinical Neuroscience, 269, 577–586.": "",
    "Delgadillo, J., Saxon, D., & Barkham, M. (2018). Associations between therapists’ occupational burnout and their patients’ depression and anxiety treatment outcomes. Depression and Anxiety, 35, 844–850.": "",
}


@pytest.mark.parametrize("line", SEED_CITATIONS)
def test_every_seed_citation_parses_with_its_doi(line):
    citation = parse_citation(line)
    assert citation.doi == SEED_CITATIONS[line]
    assert citation.authors and citation.title and citation.journal
    assert 2018 <= citation.year <= 2021



def skeleton() -> str:
    """The seed page's shape with our own placeholder text around its citations."""
    lines = ["Blog", "A placeholder for the page header.", "Topics", "- Empathy"]
    for number, citation in enumerate(SEED_CITATIONS):
        if number % 3 == 0:
            lines.append("August 2021" if number == 0 else "July 2021")
        lines += [f"Placeholder headline {number + 1}", citation,
                  "A placeholder paragraph standing for the summary.",
                  "Practice Implications", "A placeholder paragraph for practice."]
    return "\n".join(lines) + "\n"


def seed_pages() -> list[str]:
    return [skeleton()] + ([SEED.read_text(encoding="utf-8")] if SEED.exists() else [])


@pytest.mark.parametrize("line", SEED_CITATIONS)
def test_every_seed_citation_parses_with_its_doi(line):
    citation = parse_citation(line)
    assert citation.doi == SEED_CITATIONS[line]
    assert citation.authors and citation.title and citation.journal
    assert 2018 <= citation.year <= 2021


@pytest.mark.parametrize("text", seed_pages())
def test_the_seed_page_has_two_months_of_three_summaries(text):
    page = read_page(text, html=False)
    assert page.findings == ()
    assert [(m.month.year, m.month.month, len(m.summaries)) for m in page.months] == [
        (2021, 8, 3), (2021, 7, 3)]
    dois = [parse_citation(s.citation).doi for s in page.summaries]
    assert dois == list(SEED_CITATIONS.values())
    assert all(s.body and s.implications for s in page.summaries)


def test_seed_citations_get_the_archive_keys_and_reuse_its_entries():
    existing = load_existing(REPO / "docs", REPO / "references.bib")
    citations = [parse_citation(line) for line in SEED_CITATIONS]
    assert [base_key(c) for c in citations] == ARCHIVE_KEYS
    resolved = [resolve(c, existing.bib, set()) for c in citations]
    assert [(r.key, r.new) for r in resolved] == [(key, False) for key in ARCHIVE_KEYS]
    assert [r.matched_by for r in resolved] == ["DOI", "title", "title", "DOI", "title",
                                                "title"]


@pytest.mark.parametrize("text", seed_pages())
def test_importing_the_seed_into_the_real_archive_would_change_nothing(text):
    existing = load_existing(REPO / "docs", REPO / "references.bib")
    vocabulary = load_vocabulary(REPO / "docs/_data/vocabulary.yml")
    plan = plan_import([Source("seed.txt", read_page(text, html=False))], existing, vocabulary,
                       "Giorgio A. Tasca", dt.date(2026, 11, 26))
    assert plan.pages == {} and plan.entries == {}
    assert len(plan.report.left_alone) == 6
    for item in plan.report.left_alone:  # the seed's own headlines can give an existing slug
        assert ("already summarized in 2021/" in item.message
                or item.message.endswith("already exists; left alone"))
    assert plan.report.usable == 6
