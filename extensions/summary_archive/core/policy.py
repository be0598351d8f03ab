"""The content policy: what a page of the archive may contain.

Summaries are prose: emphasis, links, lists, headings, tables, the cite
roles, the archive's own directives and sphinx-design's cards and badges.
Other pages (the landing page, the generated navigation and PDF pages) may
also use toctrees, admonitions and the rest of sphinx-design. No page may
hold raw HTML, the ``raw``, ``include``, ``literalinclude`` or ``eval-rst``
directives, options that read a file or fetch a URL (``:file:``, ``:url:``),
images or downloads from outside the source folder, links with a script
scheme, or per-page MyST settings in its front matter.

Pure: ``page_problems`` judges a page's text (walked by ``markdown``, as MyST
reads it); ``make check`` and the build (``store.policy``) both call it, so
they refuse the same pages with the same sentences.
"""

from __future__ import annotations

import posixpath
import re
from urllib.parse import unquote

from .frontmatter import FrontMatter
from .markdown import Item, blocks, content_lines, inline_items, options
from .problem import Problem
from .quoting import quoted

ARCHIVE_DIRECTIVES = frozenset({"summary-list", "month-summaries", "latest-month", "topic-index",
                                "research-type-index", "month-index", "term-description",
                                "reference-list", "summary-facets", "pdf-downloads"})
CARDS = frozenset({"card", "grid", "grid-item", "grid-item-card"})
SUMMARY_DIRECTIVES = ARCHIVE_DIRECTIVES | CARDS | {"image", "figure"}
PAGE_DIRECTIVES = SUMMARY_DIRECTIVES | {
    "toctree", "collection-title-page", "collection-references", "bibliography",
    "footbibliography",
    # the Downloads page's packet chooser and the reading-packet page (web.packet)
    "packet-builder", "reading-packet",
    # sphinx-design
    "button-link", "button-ref", "card-carousel", "card-header", "card-footer", "dropdown",
    "tab-set", "tab-item", "tab-set-code", "article-info", "div",
    # admonitions and prose blocks
    "admonition", "attention", "caution", "danger", "error", "hint", "important", "note",
    "seealso", "tip", "warning", "versionadded", "versionchanged", "deprecated", "rubric",
    "topic", "epigraph", "highlights", "pull-quote", "container", "glossary",
    # code and tables written in the page itself
    "code-block", "code", "sourcecode", "list-table", "table", "csv-table", "math",
}
NEVER = {
    "raw": "passes its text into the output unchecked (or reads it from a file)",
    "include": "reads another file into the page",
    "literalinclude": "reads another file into the page",
    "eval-rst": "runs reStructuredText, which can do all of the above",
}
FILE_OPTIONS = frozenset({"file", "url", "source"})  # read a file or fetch a URL
IMAGE_OPTIONS = frozenset({"img-top", "img-bottom", "img-background", "avatar"})
LINK_OPTIONS = frozenset({"link", "target"})
BADGE = re.compile(r"bdg(?:-(?!link|ref)[a-z]+(?:-line)?)?")
SUMMARY_ROLES = frozenset({"sub", "sup", "abbr", "doc", "ref"})
SAFE_SCHEMES = frozenset({"http", "https", "mailto", "ftp"})  # MyST's url_schemes
SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
# Front-matter keys MyST reads as settings for the page (or as head tags).
MYST_SETTINGS = ("myst", "mystnb", "substitutions", "html_meta")
# Fields docutils treats as bibliographic, which MyST parses as Markdown.
MARKDOWN_FIELDS = ("author", "authors", "organization", "address", "contact", "version",
                   "revision", "status", "date", "copyright", "dedication", "abstract")

PROSE = ("emphasis, links to web pages or other pages, lists, headings, tables, "
         "the {cite} roles")


SUMMARY_ROLE_LIST = ("cite, cite:t, cite:p, " + ", ".join(sorted(SUMMARY_ROLES))
                     + " and the badges (bdg, bdg-primary, ...)")


def role_allowed(name: str, kind: str) -> bool:
    if kind != "summary":
        return True
    return (name == "cite" or name.startswith("cite:") or name in SUMMARY_ROLES
            or bool(BADGE.fullmatch(name)))


def outside_source(target: str, docname: str) -> bool:
    """Whether a local path, as Sphinx resolves it from the page, leaves the source folder."""
    path = unquote(target.split("#", 1)[0].split("?", 1)[0])
    joined = path.lstrip("/") if path.startswith("/") else \
        posixpath.join(posixpath.dirname(docname), path)
    normal = posixpath.normpath(joined.replace("\\", "/"))
    return normal == ".." or normal.startswith("../")


def scheme_of(target: str) -> str | None:
    match = SCHEME.match(unquote(target).strip())
    return match[1].lower() if match else None


def link_problem(target: str, docname: str, what: str) -> str | None:
    scheme = scheme_of(target)
    if scheme in SAFE_SCHEMES:
        return None
    if scheme in ("path", "project"):
        target = target.split(":", 1)[1]
    elif scheme is not None:
        return (f"the {what} {quoted(target)} uses the scheme '{scheme}:'; links may go to "
                "http, https or mailto addresses, or to pages and files inside docs/")
    if outside_source(target, docname):
        return (f"the {what} {quoted(target)} points outside docs/; links, images and "
                "downloads may only name files inside the source folder")
    return None


def _target(text: str) -> str:
    """The target of ``Title <target>``, or the text itself."""
    text = text.strip()
    return text[text.rindex("<") + 1:-1].strip() if text.endswith(">") and "<" in text else text


def script_link(target: str, what: str) -> str | None:
    """A link whose scheme could run a script (``javascript://`` included)."""
    scheme = scheme_of(target)
    if scheme is None or scheme in SAFE_SCHEMES:
        return None
    return (f"{what} {quoted(target)} uses the scheme '{scheme}:'; links may go to http, "
            "https or mailto addresses, or to pages inside docs/")


def image_problem(target: str, docname: str, kind: str) -> str | None:
    scheme = scheme_of(target)
    if scheme is not None and (kind == "summary" or scheme not in ("http", "https")):
        return (f"the image {quoted(target)} is not a file inside docs/; a summary's images "
                "are files in the repository's docs/ folder" if kind == "summary" else
                f"the image {quoted(target)} uses the scheme '{scheme}:'; use a file inside "
                "docs/ or an https address")
    if scheme is None and outside_source(target, docname):
        return (f"the image {quoted(target)} points outside docs/; images may only be files "
                "inside the source folder")
    return None


def directive_problems(item: Item, docname: str, kind: str) -> list[tuple[str, int]]:
    name, line = item.name, item.line
    if name in NEVER:
        return [(f"the directive {{{name}}} is not allowed in any page: it {NEVER[name]}", line)]
    allowed = SUMMARY_DIRECTIVES if kind == "summary" else PAGE_DIRECTIVES
    if name not in allowed:
        what = "a summary, which is prose" if kind == "summary" else "a page of the archive"
        return [(f"the directive {{{quoted(name)[1:-1]}}} is not allowed in {what}; allowed "
                 f"directives: {', '.join(sorted(allowed))}", line)]
    found = []
    if name in ("image", "figure"):
        found.append((image_problem(item.argument.strip(), docname, kind), line))
    if name == "button-link":
        found.append((script_link(item.argument.strip(), f"the link of {{{name}}}"), line))
    if name == "toctree":  # an entry "Title <target>" with a scheme is an external link
        found += [(script_link(_target(entry), "the toctree entry"), line + 1 + offset)
                  for offset, entry in content_lines(item.body)]
    for option, value, offset in options(item.body):
        at = line + 1 + offset
        if option in FILE_OPTIONS:
            found.append((f"the option :{option}: of {{{name}}} reads a file or fetches an "
                          "address into the page, which is not allowed; write the content "
                          "in the page itself", at))
        elif option in IMAGE_OPTIONS:
            found.append((image_problem(value, docname, kind), at))
        elif option in LINK_OPTIONS:
            found.append((link_problem(value, docname, f":{option}: of {{{name}}}"), at))
    return [(message, at) for message, at in found if message]


def item_problems(item: Item, docname: str, kind: str) -> list[tuple[str, int]]:
    """What is wrong with one thing on a page, each with its line."""
    if item.kind == "directive":
        return directive_problems(item, docname, kind)
    return [(message, item.line) for message in _inline_problems(item, docname, kind)]


def _inline_problems(item: Item, docname: str, kind: str) -> list[str]:
    if item.kind in ("html_block", "html_inline"):
        snippet = " ".join(item.argument.split())
        return [f"raw HTML ({quoted(snippet)}) is not allowed in a page; write Markdown "
                f"instead ({PROSE})"]
    if item.kind == "role":
        if not role_allowed(item.name, kind):
            return [f"the role {{{quoted(item.name)[1:-1]}}} is not allowed in a summary; "
                    f"allowed roles: {SUMMARY_ROLE_LIST}"]
        if item.name == "download":
            problem = link_problem(_target(item.argument), docname, "download")
            return [problem] if problem else []
        problem = script_link(_target(item.argument), f"the link of {{{item.name}}}") \
            if item.argument.strip().endswith(">") else None
        return [problem] if problem else []
    if item.kind == "image":
        problem = image_problem(item.argument, docname, kind)
        return [problem] if problem else []
    if item.kind == "link":
        problem = link_problem(item.argument, docname, "link target")
        return [problem] if problem else []
    return []


def field_problems(front: FrontMatter, kind: str) -> list[Problem]:
    """Front-matter values MyST does more with than keep as text."""
    found = []
    for name, value in front.fields.items():
        line = front.line_of(name)
        if name in MYST_SETTINGS and kind != "summary":  # a summary's are unknown fields
            found.append(Problem(f"the front-matter field {name!r} is a per-page MyST setting, "
                                 "which is not allowed: it changes how the page is read or "
                                 "what its HTML head holds", line))
        elif name in MARKDOWN_FIELDS and isinstance(value, str):
            active = [item for item in inline_items(value)
                      if item.kind in ("role", "image", "link")]
            if active:
                found.append(Problem(f"the field {name!r} is read as Markdown by MyST, so it "
                                     f"must be plain text: no roles, images or links "
                                     f"(found {quoted(value)})", line))
    return found


def page_problems(text: str, front: FrontMatter, docname: str, kind: str,
                  extensions: frozenset[str] = frozenset({"colon_fence"})) -> list[Problem]:
    """Every breach of the policy on one page, each with its line.

    ``kind`` is 'summary' for a summary page, anything else for other pages;
    ``text`` is the whole page (its front matter is skipped)."""
    if front.present and front.error:
        return []  # the page is not read at all; its front matter's problem says why
    problems = field_problems(front, kind)
    html_lines: set[int] = set()  # one raw-HTML message a line: "<b>x</b>" is one mistake
    for item in blocks(text, extensions):
        for message, line in item_problems(item, docname, kind):
            if item.kind.startswith("html"):
                if line in html_lines:
                    continue
                html_lines.add(line)
            problem = Problem(message, line)
            if problem not in problems:
                problems.append(problem)
    return problems


def needs_quarantine(front: FrontMatter, problems: list[Problem]) -> bool:
    """Whether the build must not let MyST read the page as it is: it breaks the
    policy, sets MyST options, or has front matter that cannot be trusted."""
    return (bool(problems) or bool(front.present and front.error)
            or any(name in front.fields for name in MYST_SETTINGS))


def kept_toctrees(text: str, extensions: frozenset[str] = frozenset({"colon_fence"})) -> str:
    """A refused page's toctrees, which the build keeps (their entries are page
    names, checked by Sphinx) so that the pages below it stay in the tree."""
    def safe(body: str) -> str:
        entries = dict(content_lines(body))  # the rest are its options
        return "".join(f"{line}\n" for offset, line in enumerate(body.split("\n"))
                       if offset not in entries or not script_link(_target(line), ""))

    return "".join(f"```{{toctree}} {item.argument}\n{safe(item.body)}```\n\n"
                   for item in blocks(text, extensions)
                   if item.kind == "directive" and item.name == "toctree" and not item.depth)
