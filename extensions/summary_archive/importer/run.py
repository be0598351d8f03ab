"""The importer's command line: read sources, plan, write, report.

``--crossref`` checks each citation line against Crossref (``crossref``); the
answers are kept in ``.crossref-cache/`` beside the bibliography, so a later
run gives the same result offline.

Exit status: 0 when at least one complete summary was found (imported now, or
already in the archive, so a second run also succeeds); 1 when nothing usable
was found in any source; 2 when the command cannot run at all (a missing
source, an unreadable bibliography or vocabulary).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import tempfile
from pathlib import Path

from pybtex.database import BibliographyData, parse_string

from ..citations.bibliography import located, read_bibliography
from ..core import frontmatter
from ..core.project import VOCABULARY
from ..core.sources import MAX_PAGE_BYTES
from ..core.sources import read_page as read_page_text
from ..core.summaries import summary_paths
from ..core.vocabulary import VocabularyError, load_vocabulary
from .bibfile import updated_text
from .blogpage import BlogPage, Finding, read_page
from .crossref import CROSSREF_API, CrossrefLookup
from .plan import Existing, Plan, Source, plan_import

DEFAULT_AUTHOR = "Giorgio A. Tasca"  # every summary on the blog is his
SOURCE_SUFFIXES = (".txt", ".html", ".htm")
MAX_SOURCE_BYTES = 5 * MAX_PAGE_BYTES  # a month of a blog, saved with its markup


class UsageError(Exception):
    """The import cannot start; the message is for people."""


def source_files(paths: list[Path]) -> list[Path]:
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files += sorted(p for p in path.rglob("*")
                            if p.is_file() and p.suffix.lower() in SOURCE_SUFFIXES
                            and not any(part.startswith(".") for part in p.relative_to(path).parts))
        elif path.is_file():
            files.append(path)
        else:
            raise UsageError(f"{path}: no such file or folder")
    return files


def read_source(path: Path) -> Source:
    try:
        size = path.stat().st_size
        if size > MAX_SOURCE_BYTES:  # a pasted log or an archive, not a saved blog page
            return Source(str(path), BlogPage((), (Finding(None, (
                f"the file is {size / 1e6:.0f} MB; a saved blog page is at most "
                f"{MAX_SOURCE_BYTES / 1e6:.0f} MB, so it was not read")),)))
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        return Source(str(path), BlogPage((), (Finding(None, "not UTF-8 text; save the page "
                                                             "as UTF-8 text or HTML"),)))
    except OSError as error:
        return Source(str(path), BlogPage((), (Finding(None, f"cannot be read ({error.strerror})"),)))
    html = path.suffix.lower() in (".html", ".htm") or text.lstrip().startswith("<")
    return Source(str(path), read_page(text, html, path.name))


def load_bib(path: Path) -> BibliographyData:
    if not path.is_file():
        raise UsageError(f"{path}: the bibliography does not exist")
    bib, problem = read_bibliography(path)  # its wording, with the entry and line
    if problem:
        raise UsageError(located(path, problem))
    return bib


def load_existing(docs: Path, bib: Path) -> Existing:
    pages, reviewed, page_reviews = set(), {}, {}
    for docname, path in summary_paths(docs):
        relative = f"{docname}.md"
        pages.add(relative)
        text, _problem = read_page_text(path)  # an unreadable page reviews nothing
        key = frontmatter.parse(text).fields.get("reviews") if text else None
        if isinstance(key, str) and key:
            reviewed.setdefault(key.lower(), relative)
            page_reviews[relative] = key
    files = frozenset(path.relative_to(docs).as_posix() for path in docs.glob("*/*/*")
                      if path.is_file())
    return Existing(frozenset(pages), reviewed, load_bib(bib), page_reviews, files)


def apply(plan: Plan, docs: Path, bib: Path) -> list[str]:
    """Write the new pages, add and update entries; never replace a page.

    Returns what could not be written (a page that appeared meanwhile)."""
    if plan.entries or plan.updates:
        new = updated_text(bib.read_text(encoding="utf-8"), plan.updates, plan.entries)
        parse_string(new, "bibtex")  # the file must stay readable
        _replace(bib, new)
    failed = []
    for relative, text in plan.pages.items():
        path = docs / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            with path.open("x", encoding="utf-8") as handle:  # "x": never overwrite
                handle.write(text)
        except FileExistsError:
            failed.append(f"{path}: appeared while importing; not overwritten")
    return failed


def _replace(path: Path, text: str) -> None:
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    with os.fdopen(handle, "w", encoding="utf-8") as stream:
        stream.write(text)
    os.replace(temporary, path)


def parser() -> argparse.ArgumentParser:
    cli = argparse.ArgumentParser(
        prog="archive-import",
        description="Import saved blog pages (text or HTML) as summary pages and "
                    "BibTeX entries. Existing pages are never changed; of the entries, "
                    "only those the importer made and nobody edited since are updated.")
    cli.add_argument("sources", nargs="+", type=Path, metavar="SOURCE",
                     help="a saved blog page (.txt or .html) or a folder of them")
    cli.add_argument("--docs", type=Path, default=Path("docs"),
                     help="the archive's source folder (default: docs)")
    cli.add_argument("--bib", type=Path, default=Path("references.bib"),
                     help="the bibliography to add entries to (default: references.bib)")
    cli.add_argument("--vocabulary", type=Path,
                     help="the vocabularies (default: DOCS/_data/vocabulary.yml)")
    cli.add_argument("--author", default=DEFAULT_AUTHOR,
                     help=f"the summaries' author (default: {DEFAULT_AUTHOR})")
    cli.add_argument("--dry-run", action="store_true",
                     help="report what would be imported, write nothing")
    cli.add_argument("--crossref", action="store_true",
                     help="check each citation line against Crossref (needs the internet "
                          "once; answers are cached)")
    cli.add_argument("--crossref-cache", type=Path, metavar="FOLDER",
                     help="where Crossref's answers are kept (default: .crossref-cache "
                          "beside the bibliography)")
    cli.add_argument("--crossref-url", default=CROSSREF_API, metavar="URL",
                     help=f"Crossref's REST API (default: {CROSSREF_API})")
    cli.add_argument("--mailto", metavar="EMAIL",
                     help="an address Crossref may write to about the queries (its "
                          "'polite pool')")
    cli.add_argument("--offline", action="store_true",
                     help="with --crossref: use only the cached answers")
    return cli


def main(argv: list[str] | None = None, today: dt.date | None = None) -> int:
    args = parser().parse_args(argv)
    vocabulary_path = args.vocabulary or args.docs / VOCABULARY
    try:
        if not args.docs.is_dir():
            raise UsageError(f"{args.docs}: the archive's source folder does not exist")
        vocabulary = load_vocabulary(vocabulary_path)
        files = source_files(args.sources)
        existing = load_existing(args.docs, args.bib)
    except (UsageError, VocabularyError) as error:
        print(f"import: {error}", file=sys.stderr)
        return 2
    if not files:
        print(f"import: no .txt or .html files in {', '.join(map(str, args.sources))}",
              file=sys.stderr)
        return 1
    lookup = None
    if args.crossref:
        cache = args.crossref_cache or args.bib.parent / ".crossref-cache"
        lookup = CrossrefLookup(cache, args.crossref_url, args.mailto, online=not args.offline)
    plan = plan_import([read_source(path) for path in files], existing, vocabulary,
                       args.author, today or dt.date.today(), lookup)
    plan.report.dry_run = args.dry_run
    failed = [] if args.dry_run else apply(plan, args.docs, args.bib)
    sys.stdout.write(plan.report.text(str(args.docs), str(args.bib)))
    for line in failed:
        print(f"import: {line}", file=sys.stderr)
    return 0 if plan.report.usable else 1
