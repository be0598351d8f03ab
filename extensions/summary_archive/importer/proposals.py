"""Propose topics and a research type for an imported summary.

The published page does not carry them, so these are guesses for a person to
confirm (the page is marked ``needs_review``). Words are stemmed with
snowballstemmer (already installed with Sphinx), so "depressed" meets
"depression" and "randomly assigned" meets "random assignment".

Topics: the parts of each topic's label ("Alliance and Therapeutic
Relationship" -> "alliance", "therapeutic relationship") and its aliases are
counted in the headline, the article's title and the text, and the words of its
description that few other topics use add a little. Research type: cue phrases
("meta-analysis", "randomly assigned", "qualitative", "survey", ...) plus the
type's own label.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from typing import NamedTuple

import snowballstemmer

from ..core.vocabulary import Facet, Vocabulary

MAX_TOPICS = 3
MAX_PHRASE = 5  # words; label parts and cues are shorter
MIN_TOPIC_SCORE = 2.0  # or, when no topic reaches it, the best with any evidence
FALLBACK_TOPIC = "miscellaneous"
TITLE_WEIGHT = 3
STOPWORDS = frozenset("""a an and or of the in on for to with from by as at is are be that this
their its into such how what who whether than more other not""".split())
# A label part made only of these says nothing on its own ("Client Factors"
# is a phrase; "outcomes" alone would match almost every summary).
GENERIC = frozenset("outcom factor therapi treatment effect research patient client therapist "
                    "symptom disord practic".split())
# "Anxiety Disorders" should also meet "anxiety"; not so "Personality Disorders"
# and "person", which is what the stemmer makes of "personality".
DROPPABLE = frozenset({"disord", "symptom"})
AMBIGUOUS = frozenset({("person",)})
SYNONYMS = {"psychotherapi": "therapi"}  # "group therapy" is "group psychotherapy"
RESEARCH_CUES = {
    "meta-analysis": ("meta-analysis", "meta-analyses", "meta-analytic", "pooled studies"),
    "review": ("systematic review", "narrative review", "scoping review", "literature review"),
    "randomized-controlled-trial": ("randomized", "randomised", "randomly assigned",
                                    "randomly allocated", "random assignment",
                                    "controlled trial", "clinical trial"),
    "qualitative-study": ("qualitative", "interviews", "interviewed", "themes", "thematic",
                          "focus groups"),
    "practice-based-study": ("naturalistic", "routine care", "routine practice",
                             "practice-based", "routine outcome monitoring", "archival"),
    "survey-correlational-study": ("survey", "questionnaire", "questionnaires", "correlation",
                                   "correlated", "associated with"),
}


class Proposal(NamedTuple):
    topics: tuple[str, ...]
    research_type: str
    notes: tuple[str, ...] = ()  # when a proposal is only a placeholder


@functools.cache
def _stemmer():
    return snowballstemmer.stemmer("english")


@functools.lru_cache(maxsize=65536)
def _stem(word: str) -> str:
    # The stemmer is pure Python and words repeat: caching makes it ~20x faster.
    stem = _stemmer().stemWord(word)
    return SYNONYMS.get(stem, stem)


def stems(text: str) -> tuple[str, ...]:
    words = re.findall(r"[a-z0-9]+", text.casefold().replace("’", "'").replace("'", ""))
    return tuple(_stem(word) for word in words if word not in STOPWORDS)


def phrase_counts(words: tuple[str, ...]) -> Counter:
    """How often each run of up to MAX_PHRASE words occurs: counted once per text."""
    return Counter(words[i:i + size] for size in range(1, MAX_PHRASE + 1)
                   for i in range(len(words) - size + 1))


@functools.cache
def label_phrases(label: str, aliases: tuple[str, ...] = ()) -> tuple[tuple[str, ...], ...]:
    parts = re.split(r"\band/or\b|\band\b|[,/()]", label)
    phrases = {stems(part) for part in (*parts, *aliases)}
    phrases |= {tuple(s for s in phrase if s not in DROPPABLE) for phrase in phrases}
    return tuple(sorted(p for p in phrases
                        if p and not (len(p) == 1 and p[0] in GENERIC) and p not in AMBIGUOUS))


def propose(vocabulary: Vocabulary, headline: str, article_title: str,
            text: str) -> Proposal:
    title_words = phrase_counts(stems(f"{headline} {article_title}"))
    text_words = phrase_counts(stems(text))
    topics, topic_note = propose_topics(vocabulary.topics, title_words, text_words)
    research_type, type_note = propose_research_type(
        vocabulary.research_types, phrase_counts(stems(article_title)), text_words)
    return Proposal(topics, research_type, tuple(n for n in (topic_note, type_note) if n))


def propose_topics(facet: Facet, title_words: Counter,
                   text_words: Counter) -> tuple[tuple[str, ...], str]:
    distinctive = _distinctive_description_stems(facet)
    present = {gram[0] for gram in (*title_words, *text_words) if len(gram) == 1}
    scores: dict[str, float] = {}
    for term in facet.terms:
        if term.slug == FALLBACK_TOPIC:
            continue
        score = 0.0
        for phrase in label_phrases(term.label, term.aliases):
            score += TITLE_WEIGHT * min(title_words[phrase], 1)
            score += min(text_words[phrase], 3)
        score += 0.5 * len(distinctive[term.slug] & present)
        if score > 0:
            scores[term.slug] = score
    if any(score >= MIN_TOPIC_SCORE for score in scores.values()):
        scores = {slug: score for slug, score in scores.items() if score >= MIN_TOPIC_SCORE}
    scores = {slug: score for slug, score in scores.items() if score >= 1}
    order = {slug: i for i, slug in enumerate(facet.slugs)}
    best = sorted(scores, key=lambda slug: (-scores[slug], order[slug]))[:MAX_TOPICS]
    if best:
        return tuple(sorted(best, key=order.get)), ""
    fallback = FALLBACK_TOPIC if FALLBACK_TOPIC in facet.slugs else facet.slugs[0]
    return (fallback,), f"no topic words found; '{fallback}' is a placeholder"


@functools.cache
def _distinctive_description_stems(facet: Facet) -> dict[str, set[str]]:
    """Description words (4+ letters) used by at most two topics."""
    per_term = {term.slug: {s for s in stems(term.description) if len(s) >= 4} - GENERIC
                for term in facet.terms}
    frequency = Counter(s for words in per_term.values() for s in words)
    return {slug: {s for s in words if frequency[s] <= 2} for slug, words in per_term.items()}


def propose_research_type(facet: Facet, title_words: Counter,
                          text_words: Counter) -> tuple[str, str]:
    scores: dict[str, int] = {}
    for term in facet.terms:
        cues = {stems(cue) for cue in (*RESEARCH_CUES.get(term.slug, ()), *term.aliases)}
        cues |= set(label_phrases(term.label))
        score = sum(TITLE_WEIGHT * title_words[cue] + text_words[cue]
                    for cue in cues if cue)
        if score:
            scores[term.slug] = score
    if not scores:
        return facet.slugs[0], f"no research-type cue words found; '{facet.slugs[0]}' " \
                               "is a placeholder"
    # Ties go to the stronger design: a meta-analysis talks about trials too.
    precedence = {slug: i for i, slug in enumerate(RESEARCH_CUES)}
    return min(scores, key=lambda slug: (-scores[slug], precedence.get(slug, 99))), ""
