"""Unit tests for proposed topics and research types (against the archive's own vocabulary).

The texts are invented for the tests.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from summary_archive.importer.proposals import label_phrases, propose, stems
from summary_archive.core.vocabulary import load_vocabulary, vocabulary_from_data

VOCAB = load_vocabulary(Path(__file__).resolve().parents[2] / "docs/_data/vocabulary.yml")


def test_label_parts_and_aliases_become_stemmed_phrases():
    assert label_phrases("Alliance and Therapeutic Relationship") == (
        ("allianc",), ("therapeut", "relationship"))
    assert label_phrases("Trauma and/or PTSD") == (("ptsd",), ("trauma",))
    assert ("cbt",) in label_phrases("Cognitive Therapy (CT) and Cognitive-Behavioural "
                                     "Therapy (CBT)", ("cbt",))
    assert label_phrases("Client Factors") == (("client", "factor"),)
    assert stems("Randomly assigned") == stems("randomly assigned")


@pytest.mark.parametrize(("headline", "title", "text", "topics", "research_type"), [
    ("Groups for Veterans With PTSD", "Group therapy for PTSD: A meta-analysis",
     "We pooled 40 trials of group psychotherapy for trauma survivors with PTSD.",
     {"group-psychotherapy", "trauma-and-ptsd"}, "meta-analysis"),
    ("Telling the Therapist About Suicidal Thoughts",
     "What helps disclosure of suicidal thoughts",
     "In interviews, patients described themes of trust and empathy; a qualitative "
     "analysis found that crisis planning and suicide risk talk went better when the "
     "alliance was strong and the therapeutic relationship felt safe.",
     {"suicide-and-crisis-intervention", "alliance-and-therapeutic-relationship"},
     "qualitative-study"),
    ("Matching Clients to Therapists", "Matching by strengths: A randomized clinical trial",
     "Patients were randomly assigned to a matched therapist or care as usual; depression "
     "and anxiety scores improved more in the matched group.",
     {"depression-and-depressive-symptoms", "anxiety-disorders"},
     "randomized-controlled-trial"),
    ("Tears in Session", "Crying in therapy: A survey",
     "A survey of 100 patients: questionnaire scores for attachment correlated with "
     "crying, and crying correlated with the alliance.",
     {"attachment", "alliance-and-therapeutic-relationship"}, "survey-correlational-study"),
])
def test_obvious_topics_and_research_types_are_proposed(headline, title, text, topics,
                                                        research_type):
    proposal = propose(VOCAB, headline, title, text)
    assert topics <= set(proposal.topics)
    assert len(proposal.topics) <= 3
    assert set(proposal.topics) <= set(VOCAB.topics.slugs)
    assert proposal.research_type == research_type
    assert proposal.notes == ()


def test_without_any_cue_the_proposals_are_placeholders_and_say_so():
    proposal = propose(VOCAB, "A Quiet Month", "Notes", "Nothing here matches a word.")
    assert proposal.topics == ("miscellaneous",)
    assert proposal.research_type == "meta-analysis"
    assert proposal.notes == ("no topic words found; 'miscellaneous' is a placeholder",
                              "no research-type cue words found; 'meta-analysis' is a "
                              "placeholder")


def test_a_vocabulary_without_miscellaneous_falls_back_to_its_first_topic():
    small = vocabulary_from_data({
        "topics": [{"slug": "empathy", "label": "Empathy"}, {"slug": "training",
                                                             "label": "Training"}],
        "research_types": [{"slug": "review", "label": "Review"}]})
    assert propose(small, "A", "B", "C").topics == ("empathy",)
    assert propose(small, "Empathy training", "B", "Training in empathy.").topics == (
        "empathy", "training")
