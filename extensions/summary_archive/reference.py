"""The reviewed article's full reference, from the shared ``references.bib``.

Formatting is delegated to pybtex through sphinxcontrib-bibtex's configured
style and docutils backend, so the reference reads like the bibliography.
"""

from __future__ import annotations

import functools

from docutils import nodes
from pybtex.plugin import find_plugin
from sphinx.environment import BuildEnvironment


@functools.cache
def _style(name: str):
    return find_plugin("pybtex.style.formatting", name)()


def bib_entries(env: BuildEnvironment) -> dict:
    return env.get_domain("cite").bibdata.data.entries


def entry_fingerprint(env: BuildEnvironment, key: str) -> str:
    """What a reference shows depends on these fields; cheap to compare."""
    entry = bib_entries(env).get(key)
    if entry is None:
        return ""
    persons = {role: [str(person) for person in people] for role, people in entry.persons.items()}
    return repr((entry.type, sorted(entry.fields.items()), sorted(persons.items())))


def reference_paragraph(env: BuildEnvironment, key: str) -> nodes.paragraph | None:
    entry = bib_entries(env).get(key)
    if entry is None:
        return None
    formatted = _style(env.config.bibtex_default_style).format_entry(label="", entry=entry)
    paragraph = env.get_domain("cite").backend.paragraph(formatted)
    paragraph["classes"].append("reviewed-reference")
    return paragraph
