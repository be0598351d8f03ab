"""The controlled vocabularies: topics and research types.

Pure data and lookups, no Sphinx: the build and ``make check`` share them.
One YAML file is the single source of truth (``docs/_data/vocabulary.yml``).
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .text import SLUG


class VocabularyError(ValueError):
    """The vocabulary file itself is unusable; the message is for people."""


@dataclass(frozen=True)
class Term:
    """One value of a controlled vocabulary."""

    slug: str
    label: str
    description: str = ""
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Facet:
    """An ordered controlled vocabulary that also knows old spellings."""

    name: str
    terms: tuple[Term, ...]
    _lookup: Mapping[str, str] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        lookup: dict[str, str] = {}
        for term in self.terms:
            # Slugs, labels and aliases all resolve, whatever their case.
            for spelling in (term.slug, term.label, *term.aliases):
                lookup.setdefault(_fold(spelling), term.slug)
        object.__setattr__(self, "_lookup", lookup)

    @property
    def slugs(self) -> tuple[str, ...]:
        return tuple(term.slug for term in self.terms)

    def get(self, slug: str) -> Term:
        return next(term for term in self.terms if term.slug == slug)

    def resolve(self, value: str) -> str | None:
        """The canonical slug for a slug, label or alias; None if unknown."""
        return self._lookup.get(_fold(value))

    def suggest(self, value: str) -> str | None:
        """The closest slug to a misspelt value, if any is close enough."""
        candidates = dict(self._lookup)
        for spelling, slug in self._lookup.items():
            # 'aliance' is a near miss of a long slug's first word, 'alliance'.
            candidates.setdefault(spelling.split("-")[0], slug)
        match = difflib.get_close_matches(_fold(value), candidates, n=1, cutoff=0.75)
        return candidates[match[0]] if match else None


@dataclass(frozen=True)
class Vocabulary:
    topics: Facet
    research_types: Facet


def _fold(text: str) -> str:
    return "-".join(text.casefold().replace("/", " ").replace("_", " ").split())


def _terms(entries: object, name: str, source: str) -> tuple[Term, ...]:
    if not isinstance(entries, list) or not entries:
        raise VocabularyError(f"{source}: '{name}' must be a non-empty list of terms")
    terms = []
    for position, entry in enumerate(entries, 1):
        if not isinstance(entry, dict) or not entry.get("slug") or not entry.get("label"):
            raise VocabularyError(
                f"{source}: {name} entry {position} needs at least 'slug' and 'label'")
        aliases = entry.get("aliases") or ()
        if isinstance(aliases, str):
            aliases = (aliases,)
        terms.append(Term(slug=str(entry["slug"]), label=str(entry["label"]),
                          description=str(entry.get("description") or ""),
                          aliases=tuple(str(alias) for alias in aliases)))
    for term in terms:
        if not SLUG.fullmatch(term.slug) or term.slug == "index":
            raise VocabularyError(f"{source}: {name} slug {term.slug!r} must be lowercase words "
                                  "joined by hyphens, and not 'index'")
    slugs = [term.slug for term in terms]
    duplicates = sorted({slug for slug in slugs if slugs.count(slug) > 1})
    if duplicates:
        raise VocabularyError(f"{source}: duplicate {name} slug(s): {', '.join(duplicates)}")
    return tuple(terms)


def vocabulary_from_data(data: object, source: str = "vocabulary") -> Vocabulary:
    if not isinstance(data, dict):
        raise VocabularyError(f"{source}: expected a mapping with 'topics' and 'research_types'")
    return Vocabulary(
        topics=Facet("topic", _terms(data.get("topics"), "topics", source)),
        research_types=Facet("research type",
                             _terms(data.get("research_types"), "research_types", source)),
    )


def load_vocabulary(path: Path) -> Vocabulary:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise VocabularyError(f"{path}: cannot read the vocabulary ({error.strerror})") from None
    except yaml.YAMLError as error:
        raise VocabularyError(f"{path}: the vocabulary is not valid YAML: {error}") from None
    return vocabulary_from_data(data, str(path))

