"""Hostile pages, all planted in one copy of the repository, refused alike by
`make check` and `make html`: each with one message at its own line, no
traceback, no byte of a host file (the canaries) in any output, and the last
good build with its downloads/ untouched.

One good build first (the archive as published), then every hostile page at
once: one `make check` and one `make html` serve all the cases, so the suite
costs two builds whatever the number of cases.
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

import pytest

from hostile import (Canary, Outputs, live_script, location, make, message_text,
                     messages_for, no_traceback, snapshot)

MONTH = "docs/2021/07"
KEY = "cuijpers2021effects"  # a real entry, reviewed by a real summary too
BODY_LINE = 12  # where a summary's hostile body starts (see ``summary``)
PAGE_LINE = 8  # where a hand-written page's hostile body starts (see ``page``)


class Case(NamedTuple):
    path: str  # relative to the repository
    text: str
    line: int | None
    fragment: str  # what the one message says


def summary(name: str, body: str = "", *, title: str | None = None,
            author: str = "Test Author", extra: str = "") -> str:
    title_line = f'title: "Hostile case {name}"' if title is None else f"title: {title}"
    return (f"---\n{title_line}\ndate: 2021-07\nauthor: {author}\ntopics: [empathy]\n"
            f"research_type: meta-analysis\nreviews: {KEY}\n{extra}---\n\n"
            f"Body reviewing {{cite:t}}`{KEY}`.\n\n{body}\n\n## Practice Implications\n\n"
            "Something practical.\n")


def page(name: str, body: str, extra: str = "") -> str:
    return f'---\ntitle: "Hostile page {name}"\norphan: true\n{extra}---\n\nText.\n\n{body}\n'


def canary_path(name: str) -> str:
    return f"../../../../canary-{name}.txt"  # from docs/2021/07/: outside the repository


def page_canary(name: str) -> str:
    return f"../../canary-{name}.txt"  # from docs/: outside the repository


# name: (body, what its one message says[, its line below the body's first])
POLICY = {
    # raw HTML, wherever Markdown lets it in
    "script-block": ("<script>alert(1)</script>", "raw HTML ('<script>alert(1)</script>')"),
    "inline-img-onerror": ("Text <img src=x onerror=alert(1)> more.", "raw HTML ('<img src=x"),
    "iframe-in-list": ("- an item <iframe src=javascript:alert(1)></iframe>", "raw HTML"),
    "script-in-quote": ("> <script>alert(1)</script>", "raw HTML"),
    "handler-in-table": ("| a | b |\n|---|---|\n| <b onclick=alert(1)>x</b> | y |",
                         "raw HTML", 2),
    "svg-in-heading": ("### A heading <svg onload=alert(1)>", "raw HTML"),
    "comment-then-script": ("<!-- a note --><script>alert(1)</script>", "raw HTML"),
    "raw-in-footnote": ("A claim.[^1]\n\n[^1]: <i onmouseover=alert(1)>note</i>",
                        "raw HTML", 2),
    # directives that pass raw text or read files
    "raw-directive": ("```{raw} html\n<script>alert(1)</script>\n```",
                      "the directive {raw} is not allowed in any page"),
    "include": (f"```{{include}} {canary_path('include')}\n```",
                "the directive {include} is not allowed in any page: it reads another file"),
    "include-colon-fence": (f":::{{include}} {canary_path('include-colon-fence')}\n:::",
                            "the directive {include} is not allowed in any page"),
    "literalinclude": (f"```{{literalinclude}} {canary_path('literalinclude')}\n```",
                       "the directive {literalinclude} is not allowed in any page"),
    "literalinclude-capitals": (f"```{{LiteralInclude}} {canary_path('literalinclude-capitals')}"
                                "\n```", "the directive {literalinclude} is not allowed"),
    "literalinclude-tilde-fence": (f"~~~{{literalinclude}} "
                                   f"{canary_path('literalinclude-tilde-fence')}\n~~~",
                                   "the directive {literalinclude} is not allowed"),
    "literalinclude-in-card": (f"::::{{card}} A card\n```{{literalinclude}} "
                               f"{canary_path('literalinclude-in-card')}\n```\n::::",
                               "the directive {literalinclude} is not allowed", 1),
    "eval-rst-include": (f"```{{eval-rst}}\n.. include:: {canary_path('eval-rst-include')}\n```",
                         "the directive {eval-rst} is not allowed in any page"),
    "code-block-in-summary": ("```{code-block} python\nprint('summaries are prose')\n```",
                              "the directive {code-block} is not allowed in a summary"),
    # images, downloads and links to files outside docs/
    "image-directive": (f"```{{image}} {canary_path('image-directive')}\n```",
                        "points outside docs/"),
    "figure-directive": (f"```{{figure}} {canary_path('figure-directive')}\n```",
                         "points outside docs/"),
    "markdown-image": (f"![alt]({canary_path('markdown-image')})", "the image"),
    "encoded-image-path": ("![alt](%2e%2e/%2e%2e/%2e%2e/%2e%2e/canary-encoded-image-path.txt)",
                           "points outside docs/"),
    "markdown-link-download": (f"[the data]({canary_path('markdown-link-download')})",
                               "the link target"),
    "path-scheme-link": (f"[the data](path:{canary_path('path-scheme-link')})",
                         "the link target"),
    "reference-style-link": (f"[the data][d]\n\n[d]: {canary_path('reference-style-link')}",
                             "the link target"),
    "download-role": (f"{{download}}`data <{canary_path('download-role')}>`",
                      "the role {download} is not allowed in a summary"),
    "card-image": (f"```{{card}} A card\n:img-top: {canary_path('card-image')}\n```",
                   "the image", 1),
    "card-script-link": ("```{card} A card\n:link: javascript:alert(1)\n```",
                         "uses the scheme 'javascript:'", 1),
    "unknown-role": ("{raw-html}`<b>bold</b>`", "the role {raw-html} is not allowed"),
}


def cases(folder: Path) -> dict[str, Case]:
    found = {name: Case(f"{MONTH}/hostile-{name}.md", summary(name, body),
                        BODY_LINE + (offset[0] if offset else 0), fragment)
             for name, (body, fragment, *offset) in POLICY.items()}
    found["comment-then-script"] = found["comment-then-script"]._replace(
        fragment="raw HTML ('<!-- a note --><script>")
    # front matter that MyST renders as Markdown, or reads as page settings
    found["author-download-role"] = Case(
        f"{MONTH}/hostile-author-download-role.md",
        summary("author-download-role",
                author=f'"Ann {{download}}`{canary_path("author-download-role")}`"'),
        4, "the field 'author' is read as Markdown by MyST, so it must be plain text")
    found["author-image"] = Case(
        f"{MONTH}/hostile-author-image.md",
        summary("author-image", author=f'"Ann ![x]({canary_path("author-image")})"'),
        4, "the field 'author' is read as Markdown")
    found["summary-html-meta"] = Case(
        f"{MONTH}/hostile-summary-html-meta.md",
        summary("summary-html-meta", extra='html_meta:\n  "http-equiv=refresh": "0; '
                'url=https://evil.example"\n'), 8, "unknown field 'html_meta'")
    # front matter that MyST and the archive could read differently
    found["indented-fence-in-block-scalar"] = Case(
        f"{MONTH}/hostile-indented-fence.md",
        summary("indented-fence", title="|\n  Hostile\n  ---\n  <script>alert(1)</script>"),
        4, "would end the front matter for one of MyST's readers but not the other")
    found["document-end-marker"] = Case(
        f"{MONTH}/hostile-document-end.md",
        summary("document-end", extra="...\nmyst:\n  enable_extensions: [html_image]\n"),
        8, "would end the front matter for one of MyST's readers")
    found["line-separator"] = Case(
        f"{MONTH}/hostile-line-separator.md",
        summary("line-separator", title='"Hostile\u2028myst: 1"'), 2,
        "the front matter holds the invisible line break U+2028")
    found["opening-fence-with-text"] = Case(
        f"{MONTH}/hostile-opening-fence.md",
        summary("opening-fence").replace("---\n", "--- myst: 1\n", 1), 1,
        "the first line must be exactly '---'")
    # values that would blow up messages, or crash the writers
    found["nested-aliases-in-needs-review"] = Case(
        f"{MONTH}/hostile-aliases.md",
        summary("aliases", extra="a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a]"
                "\nc: &c [*b, *b, *b, *b, *b]\nneeds_review: [*c, *c, *c, *c, *c, *c, *c]\n"),
        9, "the front matter uses a YAML anchor or alias")
    found["control-character-in-title"] = Case(
        f"{MONTH}/hostile-bell.md", summary("bell", title='"Hostile \\a bell"'), 2,
        "'title' holds an invisible control character (U+0007)")
    found["newline-in-title"] = Case(
        f"{MONTH}/hostile-newline.md", summary("newline", title='"Hostile\\nnew line"'), 2,
        "'title' holds a line break (U+000A)")
    found["terminal-escape-in-author"] = Case(
        f"{MONTH}/hostile-escape.md", summary("escape", author='"\\e[31mRed author"'), 4,
        "'author' holds an invisible control character (U+001B)")
    long_title = '"' + "Long " * 600 + '"'
    found["long-duplicate-title"] = Case(
        f"{MONTH}/hostile-long-b.md", summary("long-b", title=long_title), 2,
        "is already the title of 2021/07/hostile-long-a")
    # other pages are covered too (with toctrees and the rest of sphinx-design allowed)
    found["page-raw-html"] = Case("docs/hostile-page-raw.md",
                                  page("raw", "<script>alert(1)</script>"), PAGE_LINE,
                                  "raw HTML")
    found["page-csv-table-file"] = Case(
        "docs/hostile-page-csv.md",
        page("csv", f"```{{csv-table}}\n:file: {page_canary('page-csv-table-file')}\n```"),
        PAGE_LINE + 1, "the option :file: of {csv-table} reads a file")
    found["page-csv-table-url"] = Case(
        "docs/hostile-page-url.md",
        page("url", "```{csv-table}\n:url: https://example.org/data.csv\n```"),
        PAGE_LINE + 1, "the option :url: of {csv-table}")
    found["page-download-outside"] = Case(
        "docs/hostile-page-download.md",
        page("download", f"{{download}}`data <{page_canary('page-download-outside')}>`"),
        PAGE_LINE, "the download")
    found["page-myst-settings"] = Case(
        "docs/hostile-page-myst.md",
        page("myst", "Text.", extra="myst:\n  enable_extensions: [html_image]\n"), 4,
        "the front-matter field 'myst' is a per-page MyST setting")
    found["page-html-meta-redirect"] = Case(
        "docs/hostile-page-meta.md",
        page("meta", "Text.", extra='html_meta:\n  "http-equiv=refresh": "0; '
             'url=https://evil.example"\n'), 4, "the front-matter field 'html_meta'")
    found["page-toctree-script-entry"] = Case(
        "docs/hostile-page-toctree.md",
        page("toctree", "```{toctree}\n:hidden:\n\nClick <javascript://%0aalert(1)>\n```"),
        PAGE_LINE + 3, "the toctree entry 'javascript://%0aalert(1)' uses the scheme")
    found["page-badge-script-link"] = Case(
        "docs/hostile-page-badge.md",
        page("badge", "{bdg-link-primary}`click <javascript:alert(1)>`"), PAGE_LINE,
        "the link of {bdg-link-primary} 'javascript:alert(1)' uses the scheme")
    found["page-button-script-link"] = Case(
        "docs/hostile-page-button.md",
        page("button", "```{button-link} javascript:alert(1)\nClick\n```"), PAGE_LINE,
        "the link of {button-link} 'javascript:alert(1)' uses the scheme")
    index = (folder / "docs/index.md").read_text(encoding="utf-8")
    found["landing-page-script"] = Case(
        "docs/index.md", index + "\n<script>alert(1)</script>\n",
        index.count("\n") + 2, "raw HTML")
    return found


@pytest.fixture(scope="module")
def attempt(published):
    """(repository, cases, make check, make html, the good build's snapshot, outputs).

    Planted in the shared published copy itself (its saved environment then
    serves, so only the hostile pages are read), and taken out afterwards: the
    failed build leaves its published archive as it was, as the cases check."""
    repo, folder = published, published.parent
    before = snapshot(repo / "_build/html")
    planted = cases(repo)
    originals = {case.path: (repo / case.path).read_bytes() for case in planted.values()
                 if (repo / case.path).exists()}
    for name, case in planted.items():
        Canary(folder, name)
        (repo / case.path).write_text(case.text, encoding="utf-8")
    extra = repo / MONTH / "hostile-long-a.md"
    extra.write_text(summary("long-a", title='"' + "Long " * 600 + '"'), encoding="utf-8")
    try:
        checked = make(repo, "check")
        built = make(repo, "html")
        outputs = Outputs([repo / "_build"], checked.stdout + built.stdout + built.stderr)
        outputs.live = live_script(repo / "_build")
        yield repo, planted, checked, built, before, outputs
    finally:
        for case in planted.values():
            (repo / case.path).unlink(missing_ok=True)
        extra.unlink()
        for path, data in originals.items():
            (repo / path).write_bytes(data)


@pytest.mark.parametrize("name", list(cases(Path(__file__).resolve().parents[2])))
def test_hostile_page_is_refused_alike_and_nothing_leaks(attempt, name):
    repo, planted, checked, built, before, outputs = attempt
    case = planted[name]
    path = repo / case.path
    # exit status: both refuse (make says which command failed, and its status)
    assert checked.returncode == 2 and "check] Error 1" in checked.stderr
    assert built.returncode == 2 and "html] Error 1" in built.stderr
    no_traceback(checked.stdout, checked.stderr, built.stdout, built.stderr)
    # one located message each, at the case's line, saying the same
    [from_check] = messages_for(checked.stdout, path.relative_to(repo))
    [from_build] = messages_for(built.stderr, path)
    expected = f"{path.relative_to(repo)}:{case.line}" if case.line else f"{path.relative_to(repo)}"
    assert location(from_check) == expected, from_check
    assert location(from_build) == f"{path}:{case.line}", from_build
    assert case.fragment in message_text(from_check), from_check
    assert message_text(from_build) == message_text(from_check)
    assert len(from_check) < 2000 and "\x1b" not in from_check  # bounded, inert
    # nothing of the host file in any output, nor in what the commands printed
    token = (repo.parent / f"canary-{name}.txt").read_text().split()[0]
    assert outputs.leaks(token) == []
    # no live script in what was built (the failed build is kept to look at)
    assert outputs.live == []
    # the last good archive and its downloads are as they were
    assert snapshot(repo / "_build/html") == before
