"""The controlled vocabularies: topics and research types.

Pure data and lookups, no Sphinx: the build and ``make check`` share them.
One YAML file is the single source of truth (``docs/_data/vocabulary.yml``).
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from .datafiles import item_lines, key_lines, read_yaml
from .quoting import codepoint, first_control, quoted
from .text import SLUG

MAX_LABEL = 200  # a label is a few words; it heads pages and PDFs


class VocabularyError(ValueError):
    """The vocabulary file itself is unusable; the message is for people.

    ``str()`` is ``source:line: message`` (the line where known)."""

    def __init__(self, source: str, message: str, line: int | None = None) -> None:
        super().__init__(f"{source}:{line}: {message}" if line else f"{source}: {message}")
        self.source, self.message, self.line = source, message, line
        self.more: list[VocabularyError] = []  # the other problems found with it


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


def _one_line(value: object, what: str, source: str, line: int | None) -> str:
    """A label, description or alias: one line of plain text."""
    if not isinstance(value, (str, int, float)) or isinstance(value, bool):
        raise VocabularyError(source, f"{what} must be text, not {quoted(value)}", line)
    text = str(value).strip()
    control = first_control(text)
    if control is not None:
        raise VocabularyError(source, f"{what} {quoted(text)} holds the control character "
                              f"{codepoint(control)}; it must be one line of plain text", line)
    if len(text) > MAX_LABEL:
        raise VocabularyError(source, f"{what} {quoted(text)} is {len(text)} characters long; "
                              f"at most {MAX_LABEL} are allowed", line)
    return text


def _term(entry: object, position: int, name: str, source: str, line: int | None) -> Term:
    if not isinstance(entry, dict) or not entry.get("slug") or not entry.get("label"):
        raise VocabularyError(source, f"{name} entry {position} needs at least 'slug' and "
                              "'label'", line)
    aliases = entry.get("aliases") or ()
    if isinstance(aliases, str):
        aliases = (aliases,)
    if not isinstance(aliases, (list, tuple)):
        raise VocabularyError(source, f"{name} entry {position}: 'aliases' must be a list "
                              "of spellings", line)
    slug = str(entry["slug"])
    if not SLUG.fullmatch(slug) or slug == "index":
        raise VocabularyError(source, f"{name} slug {quoted(slug)} must be lowercase words "
                              "joined by hyphens, and not 'index'", line)
    return Term(slug=slug, label=_one_line(entry["label"], f"the label of {slug!r}", source, line),
                description=_one_line(entry.get("description") or "",
                                      f"the description of {slug!r}", source, line),
                aliases=tuple(_one_line(alias, f"an alias of {slug!r}", source, line)
                              for alias in aliases))


def _terms(entries: object, name: str, source: str, node: object,
           errors: list[VocabularyError]) -> tuple[Term, ...]:
    """The terms of one facet; each broken entry adds its error to ``errors``."""
    key_line = key_lines(node).get(name)
    if not isinstance(entries, list) or not entries:
        errors.append(VocabularyError(source, f"'{name}' must be a non-empty list of terms",
                                      key_line))
        return ()
    lines = item_lines(node, name) or [key_line] * len(entries)
    terms, term_lines = [], []
    for position, (entry, line) in enumerate(zip(entries, lines), 1):
        try:
            terms.append(_term(entry, position, name, source, line))
            term_lines.append(line)
        except VocabularyError as error:
            errors.append(error)
    slugs = [term.slug for term in terms]
    duplicates = sorted({slug for slug in slugs if slugs.count(slug) > 1})
    if duplicates:
        errors.append(VocabularyError(
            source, f"duplicate {name} slug(s): {', '.join(duplicates)}",
            term_lines[slugs.index(duplicates[0], slugs.index(duplicates[0]) + 1)]))
    else:
        errors.extend(_spelling_errors(terms, name, source, term_lines))
    return tuple(terms)


def _spelling_errors(terms: list[Term], name: str, source: str,
                     lines: list) -> list[VocabularyError]:
    """No spelling may name two terms: an alias equal to another term's slug or
    label would silently move that term's summaries."""
    owner: dict[str, tuple[Term, str]] = {}
    errors = []
    for term, line in zip(terms, lines):
        for kind, spelling in (("slug", term.slug), ("label", term.label),
                               *(("alias", alias) for alias in term.aliases)):
            folded = _fold(spelling)
            if not folded:
                errors.append(VocabularyError(source, f"the {kind} of {term.slug!r} is empty",
                                              line))
                continue
            first = owner.setdefault(folded, (term, kind))
            if first[0].slug != term.slug:
                errors.append(VocabularyError(
                    source, f"the {kind} {quoted(spelling)} of {name} {term.slug!r} is also "
                    f"the {first[1]} of {first[0].slug!r}; a spelling may name only one term "
                    "(otherwise summaries would be filed under the wrong one)", line))
    return errors


def vocabulary_from_data(data: object, source: str = "vocabulary",
                         node: object = None) -> Vocabulary:
    if not isinstance(data, dict):
        raise VocabularyError(source, "expected a mapping with 'topics' and 'research_types'")
    errors: list[VocabularyError] = []
    topics = _terms(data.get("topics"), "topics", source, node, errors)
    research_types = _terms(data.get("research_types"), "research_types", source, node, errors)
    if errors:  # every broken entry, the first raised with the others
        errors[0].more = errors[1:]
        raise errors[0]
    return Vocabulary(topics=Facet("topic", topics),
                      research_types=Facet("research type", research_types))


def load_vocabulary(path: Path) -> Vocabulary:
    if not path.exists() and not path.is_symlink():
        raise VocabularyError(str(path), "cannot read the vocabulary (No such file or "
                              "directory)")
    data, node, problem = read_yaml(path)
    if problem:
        raise VocabularyError(str(path), f"the vocabulary cannot be used: {problem.message}",
                              problem.line)
    return vocabulary_from_data(data, str(path), node)
