"""``make new``: create a summary page with complete front matter and sections.

Values come from arguments (``make new TITLE=... MONTH=2021-09 ...``) or, in a
terminal, by asking. The page is validated by the same model the build uses
before it is written; an unknown topic, a bad month or a slug or title that
is already taken is refused with the reason, and nothing is written.

Usage: archive-new [SOURCE_FOLDER] [-c CONF_FOLDER]
       [--title T] [--month YYYY-MM] [--author A] [--topics a,b]
       [--research-type R] [--reviews KEY] [--slug S]
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
from collections.abc import Callable
from pathlib import Path

from ..citations.bibliography import bibliography_problems
from ..core import frontmatter
from ..core.crosscheck import duplicate_problems, slug_of
from ..core.model import summary_from_front_matter
from ..core.project import project_files
from ..core.summaries import summary_paths, valid_summaries
from ..core.template import PLACEHOLDER, summary_page
from ..core.text import SLUG, slugify
from ..core.vocabulary import Vocabulary, VocabularyError, load_vocabulary
from .output import shown

FIELDS = ("title", "month", "author", "topics", "research_type", "reviews")
ARGUMENT_OF = {"title": "TITLE", "month": "MONTH", "author": "AUTHOR", "topics": "TOPICS",
               "research_type": "TYPE", "reviews": "KEY", "slug": "SLUG"}
BIB_KEY = re.compile(r"[^\s,{}()\"'#%=\\]+")


class Refused(Exception):
    """The page cannot be created; the message says why, for people."""


def split_topics(value: str) -> list[str]:
    return [topic for topic in re.split(r"[,\s]+", value.strip()) if topic]


def field_problems(values: dict[str, str], slug: str, srcdir: Path, vocabulary: Vocabulary,
                   today: dt.date) -> dict[str, list[str]]:
    """Problems per field, found by the build's own model on the page to be written."""
    problems: dict[str, list[str]] = {}
    if not SLUG.fullmatch(slug):
        problems["slug"] = [f"slug {slug!r} is not a file name: use lowercase letters, digits "
                            "and single hyphens (no '/', '..' or spaces), e.g. therapist-burnout"]
    if not BIB_KEY.fullmatch(values["reviews"]):
        problems["reviews"] = [f"bib key {values['reviews']!r} cannot be a BibTeX key: no "
                               "spaces, commas, braces or quotes, e.g. smith2021warmth"]
    if "\n" in values["title"] or "\n" in values["author"]:
        problems.setdefault("title", []).append("title and author must be one line each")
    month_match = re.fullmatch(r"(\d{4})-(\d{2})", values["month"])
    if not month_match:
        problems["month"] = [f"month {values['month']!r} is not a month: write it as YYYY-MM, "
                             "e.g. 2021-09"]
    if problems:
        return problems
    docname = f"{month_match[1]}/{month_match[2]}/{slug}"
    text = summary_page(title=values["title"], month=values["month"], author=values["author"],
                        topics=split_topics(values["topics"]),
                        research_type=values["research_type"], reviews=values["reviews"])
    front = frontmatter.parse(text)
    summary, model_problems = summary_from_front_matter(docname, front, vocabulary, today)
    field_at = {line: name for name, line in front.lines.items()}
    for problem in model_problems:
        name = "month" if field_at.get(problem.line) == "date" else field_at.get(problem.line)
        problems.setdefault(name or "title", []).append(problem.message)
    if summary is None or problems:
        return problems
    existing = valid_summaries(srcdir, vocabulary, today)
    for other in existing:
        if slug_of(other.docname) == slug:
            problems["slug"] = [f"slug {slug!r} is already taken by {other.docname}.md; "
                                "choose another (make new SLUG=...)"]
    for docname_, problem in duplicate_problems([*existing, summary], {}):
        if docname_ == docname and "title" in problem.message:
            problems["title"] = [problem.message]
    taken = [d for d, _ in summary_paths(srcdir) if slug_of(d) == slug]
    if taken and "slug" not in problems:  # a page too broken to have a record
        problems["slug"] = [f"slug {slug!r} is already taken by {taken[0]}.md; choose another"]
    return problems


def ask(name: str, vocabulary: Vocabulary, read: Callable[[str], str]) -> str:
    hints = {
        "title": "Title of the summary (plain text)",
        "month": "Month it is published, YYYY-MM",
        "author": "Author of the summary (your name)",
        "topics": "Topics, separated by commas; allowed: " + ", ".join(vocabulary.topics.slugs),
        "research_type": "Research type; allowed: " + ", ".join(vocabulary.research_types.slugs),
        "reviews": "BibTeX key of the reviewed article (e.g. smith2021warmth)",
        "slug": "File name (slug)",
    }
    return read(f"{hints[name]}: ").strip()


def create(srcdir: Path, confdir: Path, given: dict[str, str | None], today: dt.date,
           read: Callable[[str], str] | None = None) -> tuple[Path, list[str]]:
    """Write the page; return its path and the next steps. Raises Refused."""
    files = project_files(srcdir, confdir)
    try:
        vocabulary = load_vocabulary(files.vocabulary)
    except VocabularyError as error:
        raise Refused(str(error)) from None
    values = {name: (given.get(name) or "").strip() for name in FIELDS}
    slug = (given.get("slug") or "").strip()
    while True:
        missing = [name for name in FIELDS if not values[name]]
        if missing and read is None:
            raise Refused("missing: " + ", ".join(f"{ARGUMENT_OF[n]}=..." for n in missing)
                          + "; give them as `make new TITLE=\"...\" MONTH=2021-09 ...`, or run "
                          "`make new` in a terminal to be asked")
        for name in missing:
            values[name] = ask(name, vocabulary, read)
        slug = slug or slugify(values["title"])
        problems = field_problems(values, slug, srcdir, vocabulary, today)
        if not problems:
            break
        messages = [message for found in problems.values() for message in found]
        if read is None:
            raise Refused("\n".join(messages))
        for message in messages:  # the allowed values were shown with the question
            print(f"  {message.split(' Allowed ')[0]}", file=sys.stderr)
        for name in problems:  # ask again for what was wrong
            if name == "slug":
                slug = ask("slug", vocabulary, read)
            else:
                values[name] = ""

    path = srcdir / values["month"][:4] / values["month"][5:7] / f"{slug}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    text = summary_page(title=values["title"], month=values["month"], author=values["author"],
                        topics=split_topics(values["topics"]),
                        research_type=values["research_type"], reviews=values["reviews"])
    try:
        with path.open("x", encoding="utf-8") as page:  # never overwrite
            page.write(text)
    except FileExistsError:
        raise Refused(f"{path} already exists; nothing was written") from None

    steps = [f"Edit {shown(path)}: replace each {PLACEHOLDER} (the teaser, the summary in your own "
             "words, and the Practice Implications)."]
    keys: set[str] = set()
    for bibfile in files.bibfiles:
        keys |= {key.casefold() for key in bibliography_problems(bibfile)[0]}
    if values["reviews"].casefold() not in keys and files.bibfiles:
        bib = shown(files.bibfiles[0])
        steps.append(f"Add the article's BibTeX entry with the key '{values['reviews']}' to "
                     f"{bib} (copy it from the journal or your reference manager; leave out "
                     "what the article does not give).")
    steps.append("Run `make check` until it reports no problems, and `make serve` to "
                 "preview the page.")
    return path, steps


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="make new", description=__doc__.split("\n\n")[0])
    parser.add_argument("srcdir", nargs="?", default="docs", type=Path)
    parser.add_argument("-c", dest="confdir", type=Path, default=None)
    for name in (*FIELDS, "slug"):
        parser.add_argument(f"--{name.replace('_', '-')}", dest=name)
    args = parser.parse_args(argv)
    confdir = args.confdir or args.srcdir
    read = input if sys.stdin.isatty() else None
    try:
        path, steps = create(args.srcdir, confdir, vars(args), dt.date.today(), read)
    except Refused as refused:
        print(f"make new: nothing was written.\n{refused}", file=sys.stderr)
        return 1
    except (EOFError, KeyboardInterrupt):
        print("\nmake new: stopped; nothing was written.", file=sys.stderr)
        return 1
    print(f"Created {shown(path)}.\nNext:")
    for number, step in enumerate(steps, 1):
        print(f"  {number}. {step}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
