"""Cite this summary: its APA reference, a BibTeX entry, and citation meta tags.

A summary is cited as what it is, a blog post: author, date, title, the
archive's name and the page's address (``archive_base_url`` + the page). The
APA text comes from the same CSL engine as every other reference; the BibTeX
entry is written by pybtex; the ``citation_*`` meta tags are read by Zotero and
Google Scholar. Pure: the web layer puts the tags and the ``.bib`` download
on each summary page.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from pybtex.database import BibliographyData, Entry, Person
from pybtex.plugin import find_plugin

from ..core.crosscheck import slug_of
from ..core.model import Summary
from ..core.text import MONTH_NAMES
from .csl_json import csl_name, literal_text

AUTHOR_SEPARATOR = re.compile(r"\s+(?:and|&)\s+")


class CiteThis(NamedTuple):
    """Everything the cite-this block shows (and so what to compare)."""

    reference: str  # APA markup
    bibtex: str
    bib_filename: str
    url: str


def authors(summary: Summary) -> list[Person]:
    return [Person(name) for name in AUTHOR_SEPARATOR.split(summary.author.strip()) if name]


def page_url(base_url: str, docname: str) -> str:
    return f"{base_url.rstrip('/')}/{docname}.html" if base_url else ""


def bib_filename(docname: str) -> str:
    """A summary's BibTeX download, named by its slug; it sits beside the page."""
    return f"{slug_of(docname)}.bib"


def archive_name(config) -> str:
    return config.archive_name or config.project


def summary_csl(summary: Summary, name: str, url: str) -> dict:
    date = [summary.month.year, summary.month.month] + ([summary.day] if summary.day else [])
    # The title is the summary's own text, not CSL rich text: "<" and "&" stay
    # characters (citeproc-js escapes them), only its markup tags are neutralised.
    item = {"id": "summary", "type": "post-weblog", "title": literal_text(summary.title),
            "author": [csl_name(person) for person in authors(summary)],
            "container-title": literal_text(name), "issued": {"date-parts": [date]}}
    if url:
        item["URL"] = url
    return item


def bibtex_key(summary: Summary) -> str:
    family = authors(summary)[0].last_names[-1] if authors(summary) else "summary"
    slug = summary.docname.rsplit("/", 1)[-1]
    return re.sub(r"[^a-z0-9-]", "", f"{family.lower()}{summary.month.year}-{slug}")


# Found once: pybtex's to_string() searches the installed entry points each call.
BIBTEX_WRITER = find_plugin("pybtex.database.output", "bibtex")()


def summary_bibtex(summary: Summary, name: str, url: str) -> str:
    # pybtex's writer escapes LaTeX specials (& % _ ...); the braces keep the title's case.
    fields = {"title": "{" + summary.title.replace("{", "(").replace("}", ")") + "}",
              "howpublished": name,
              "year": str(summary.month.year),
              "month": MONTH_NAMES[summary.month.month - 1][:3].lower()}
    if summary.day:
        fields["day"] = str(summary.day)
    if url:
        fields["url"] = url
    entry = Entry("misc", fields=fields, persons={"author": authors(summary)})
    return BIBTEX_WRITER.to_string(BibliographyData({bibtex_key(summary): entry}))


def meta_tags(summary: Summary, config) -> list[tuple[str, str]]:
    """Highwire Press tags, as Google Scholar and Zotero's embedded-metadata reader want."""
    date = f"{summary.month.year}/{summary.month.month:02d}" + (
        f"/{summary.day:02d}" if summary.day else "")
    tags = [("citation_title", summary.title)]
    tags += [("citation_author", plain_author(person)) for person in authors(summary)]
    tags += [("citation_date", date), ("citation_publication_date", date),
             ("citation_journal_title", archive_name(config)),
             ("citation_publisher", config.author), ("citation_language", "en")]
    url = page_url(config.archive_base_url, summary.docname)
    if url:
        tags += [("citation_public_url", url), ("citation_abstract_html_url", url)]
    return tags


def plain_author(person: Person) -> str:
    """"Tasca, Giorgio A.", the form citation_author asks for."""
    name = csl_name(person)
    if "literal" in name:
        return name["literal"]
    return ", ".join(part for part in (name["family"], name.get("given", "")) if part)

