"""Unit tests for summary_archive.core.vocabulary (no Sphinx application needed)."""

from __future__ import annotations

from pathlib import Path

import pytest

from summary_archive.core.vocabulary import (
    Term,
    VocabularyError,
    load_vocabulary,
    vocabulary_from_data,
)

REAL_VOCABULARY = Path(__file__).resolve().parents[2] / "docs" / "_data" / "vocabulary.yml"


def small_data() -> dict:
    return {
        "topics": [
            {"slug": "adherence", "label": "Adherence", "aliases": ["adherance"],
             "description": "Following the manual."},
            {"slug": "alliance-and-therapeutic-relationship",
             "label": "Alliance and Therapeutic Relationship"},
            {"slug": "empathy", "label": "Empathy"},
            {"slug": "cognitive-behavioural-therapy",
             "label": "Cognitive Therapy (CT) and Cognitive-Behavioural Therapy (CBT)",
             "aliases": ["cbt", "cognitive-behavioral-therapy"]},
        ],
        "research_types": [
            {"slug": "meta-analysis", "label": "Meta-analysis"},
            {"slug": "randomized-controlled-trial", "label": "Randomized controlled trial"},
        ],
    }


@pytest.fixture
def vocab():
    return vocabulary_from_data(small_data())


# -- building -----------------------------------------------------------------


def test_terms_keep_file_order_and_fields(vocab):
    assert vocab.topics.name == "topic"
    assert vocab.research_types.name == "research type"
    assert vocab.topics.slugs == ("adherence", "alliance-and-therapeutic-relationship",
                                  "empathy", "cognitive-behavioural-therapy")
    assert vocab.research_types.slugs == ("meta-analysis", "randomized-controlled-trial")
    assert vocab.topics.get("adherence") == Term(
        slug="adherence", label="Adherence", description="Following the manual.",
        aliases=("adherance",))
    assert vocab.topics.get("empathy").description == ""
    assert vocab.topics.get("empathy").aliases == ()


def test_a_single_alias_may_be_a_string():
    data = small_data()
    data["topics"][2]["aliases"] = "empathic"
    vocab = vocabulary_from_data(data)
    assert vocab.topics.get("empathy").aliases == ("empathic",)
    assert vocab.topics.resolve("empathic") == "empathy"


# -- resolve / suggest ----------------------------------------------------------


@pytest.mark.parametrize("spelling, slug", [
    ("adherence", "adherence"),
    ("Adherence", "adherence"),
    ("ADHERENCE", "adherence"),
    ("adherance", "adherence"),
    ("Adherance", "adherence"),
    ("Alliance and Therapeutic Relationship", "alliance-and-therapeutic-relationship"),
    ("alliance_and_therapeutic_relationship", "alliance-and-therapeutic-relationship"),
    ("  alliance   and therapeutic relationship ", "alliance-and-therapeutic-relationship"),
    ("CBT", "cognitive-behavioural-therapy"),
    ("cognitive-behavioral-therapy", "cognitive-behavioural-therapy"),
])
def test_resolve_accepts_slugs_labels_and_aliases_in_any_case(vocab, spelling, slug):
    assert vocab.topics.resolve(spelling) == slug


@pytest.mark.parametrize("spelling", ["aliance", "empath", "", "meta-analysis"])
def test_resolve_unknown_is_none(vocab, spelling):
    # A research type is not a topic: the facets are separate.
    assert vocab.topics.resolve(spelling) is None


def test_research_types_resolve_labels(vocab):
    assert vocab.research_types.resolve("Randomized controlled trial") == \
        "randomized-controlled-trial"
    assert vocab.research_types.resolve("Meta-Analysis") == "meta-analysis"


@pytest.mark.parametrize("typo, slug", [
    ("aliance", "alliance-and-therapeutic-relationship"),  # first word of a long slug
    ("empathie", "empathy"),
    ("adherense", "adherence"),
])
def test_suggest_near_misses(vocab, typo, slug):
    assert vocab.topics.resolve(typo) is None
    assert vocab.topics.suggest(typo) == slug


def test_suggest_for_research_types(vocab):
    assert vocab.research_types.suggest("randomised-controlled-trial") == \
        "randomized-controlled-trial"


def test_suggest_nothing_for_far_misses(vocab):
    assert vocab.topics.suggest("zzzz") is None
    assert vocab.topics.suggest("neuroscience") is None


# -- a broken vocabulary ------------------------------------------------------


def test_not_a_mapping():
    with pytest.raises(VocabularyError) as error:
        vocabulary_from_data(["adherence"], "vocab.yml")
    assert str(error.value) == \
        "vocab.yml: expected a mapping with 'topics' and 'research_types'"


@pytest.mark.parametrize("topics", [None, [], "adherence", {"slug": "x"}])
def test_topics_must_be_a_non_empty_list(topics):
    data = small_data()
    data["topics"] = topics
    with pytest.raises(VocabularyError) as error:
        vocabulary_from_data(data, "vocab.yml")
    assert str(error.value) == "vocab.yml: 'topics' must be a non-empty list of terms"


def test_missing_research_types():
    data = small_data()
    del data["research_types"]
    with pytest.raises(VocabularyError, match="'research_types' must be a non-empty list"):
        vocabulary_from_data(data, "vocab.yml")


@pytest.mark.parametrize("entry", [{"slug": "x"}, {"label": "X"}, "x", {"slug": "", "label": "X"}])
def test_entry_needs_slug_and_label(entry):
    data = small_data()
    data["topics"].insert(1, entry)
    with pytest.raises(VocabularyError) as error:
        vocabulary_from_data(data, "vocab.yml")
    assert str(error.value) == "vocab.yml: topics entry 2 needs at least 'slug' and 'label'"


def test_duplicate_slugs_are_named():
    data = small_data()
    data["research_types"].append({"slug": "meta-analysis", "label": "Another"})
    with pytest.raises(VocabularyError) as error:
        vocabulary_from_data(data, "vocab.yml")
    assert str(error.value) == "vocab.yml: duplicate research_types slug(s): meta-analysis"


def test_load_missing_file(tmp_path):
    path = tmp_path / "nope.yml"
    with pytest.raises(VocabularyError) as error:
        load_vocabulary(path)
    assert str(error.value) == f"{path}: cannot read the vocabulary (No such file or directory)"


def test_load_invalid_yaml(tmp_path):
    path = tmp_path / "vocabulary.yml"
    path.write_text("topics:\n  - slug: 'a\n    label: A\n", encoding="utf-8")
    with pytest.raises(VocabularyError) as error:
        load_vocabulary(path)
    assert str(error.value).startswith(f"{path}:2: the vocabulary cannot be used: the file is "
                                       "not valid YAML (")


def test_load_names_the_file_in_errors(tmp_path):
    path = tmp_path / "vocabulary.yml"
    path.write_text("topics: []\nresearch_types: []\n", encoding="utf-8")
    with pytest.raises(VocabularyError) as error:
        load_vocabulary(path)
    assert str(error.value) == f"{path}:1: 'topics' must be a non-empty list of terms"


# -- the real vocabulary file ---------------------------------------------------


def test_real_vocabulary_file():
    vocab = load_vocabulary(REAL_VOCABULARY)
    assert len(vocab.topics.terms) == 36
    assert len(vocab.research_types.terms) == 6
    assert vocab.topics.resolve("adherance") == "adherence"
    for facet in (vocab.topics, vocab.research_types):
        assert len(set(facet.slugs)) == len(facet.slugs)
        # No label or alias is shadowed by another term's spelling.
        for term in facet.terms:
            for spelling in (term.slug, term.label, *term.aliases):
                assert facet.resolve(spelling) == term.slug, spelling
    all_slugs = vocab.topics.slugs + vocab.research_types.slugs
    assert len(set(all_slugs)) == len(all_slugs)
