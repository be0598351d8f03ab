"""The archive reads a page as MyST reads it, or refuses it; CI gives a
stranger's pull request nothing to steal; messages stay short and inert; every
TeX special character leaves latex_text as text.

The oracles are MyST itself (its markdown-it parser built from the real
configuration, its front-matter reader and YAML loader) and the workflow file.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from markdown_it.renderer import RendererHTML
from myst_parser.config.main import MdParserConfig, TopmatterReadError, read_topmatter
from myst_parser.parsers.mdit import create_md_parser

from summary_archive.core import frontmatter, markdown
from summary_archive.core.quoting import MAX_MESSAGE, one_line, quoted
from summary_archive.pdf.latex_text import latex_text

REPO = Path(__file__).resolve().parents[2]
MYST = create_md_parser(MdParserConfig(enable_extensions={"colon_fence"}), RendererHTML)

FRONT_MATTERS = {
    "plain": "---\ntitle: A\ndate: 2021-07\n---\nBody\n",
    "trailing spaces on fences": "---  \ntitle: A\n---   \nBody\n",
    "block scalar": "---\ntitle: |\n  two\n  lines\nauthor: B\n---\nBody\n",
    "indented dashes in a block scalar": "---\ntitle: |\n  x\n  ---\n  <script>\n---\nBody\n",
    "document end marker": "---\ntitle: A\n...\nmyst: {enable_extensions: [html_image]}\n---\n",
    "dashes with text": "---\ntitle: A\n---x\nb: 1\n---\n",
    "four dashes opening": "----\ntitle: A\n---\nb: 2\n----\n",
    "text on the opening line": "--- title: x\ntitle: A\n---\n",
    "tab before dashes": "---\ntitle: A\n\t---\n---\n",
    "three spaces before dashes": "---\ntitle: A\n   ---\nb: 1\n---\n",
    "line separator": "---\ntitle: A\u2028myst: {enable_extensions: [html_image]}\n---\n",
    "next line": "---\ntitle: A\x85b: 1\n---\n",
    "form feed": "---\ntitle: A\x0c---\nb: 1\n---\n",
    "carriage returns": "---\r\ntitle: A\r\n---\r\nBody\r\n",
    "lone carriage returns": "---\rtitle: A\r---\rBody\r",
    "byte order mark": "\ufeff---\ntitle: A\n---\n",
    "never closed": "---\ntitle: A\nBody\n",
    "empty": "---\n---\nBody\n",
    "comment only": "---\n# nothing\n---\n",
    "quoted dashes": "---\ntitle: '---'\n---\n",
    "anchors": "---\na: &x 1\nb: *x\n---\n",
    "flow mapping over lines": "---\ntitle: {a: 1,\n  b: 2}\n---\n",
}


def myst_fields(text: str):
    """The fields MyST's renderer would take: its front-matter token, read by yaml.safe_load."""
    tokens = MYST.parse(text.lstrip("\ufeff"))
    if not tokens or tokens[0].type != "front_matter":
        return None
    return yaml.safe_load(tokens[0].content)


@pytest.mark.parametrize("name", FRONT_MATTERS)
def test_an_accepted_front_matter_means_the_same_to_myst(name):
    text = FRONT_MATTERS[name]
    ours = frontmatter.parse(text)
    if ours.error:  # refused: the build never lets MyST read the page
        assert ours.error_line is not None
        return
    normal = frontmatter.normalized(text)
    assert (myst_fields(normal) or {}) == ours.fields
    try:
        settings_view = read_topmatter(normal) or {}
    except TopmatterReadError:  # MyST then reads no per-page settings at all
        settings_view = {}
    assert settings_view == ours.fields


def test_a_readable_page_is_accepted():
    accepted = [name for name, text in FRONT_MATTERS.items() if not frontmatter.parse(text).error]
    assert {"plain", "trailing spaces on fences", "block scalar", "carriage returns",
            "byte order mark", "empty", "quoted dashes"} <= set(accepted)


PAGES = [REPO / "docs/index.md", *sorted((REPO / "docs").glob("20*/*/*.md")),
         *sorted((REPO / "tests/roots").glob("test-*/**/*.md"))]
MARKDOWN = (
    "Text <b>x</b>\n\n```{note} Title\n:class: x\nBody <i>y</i>\n```\n\n:::{card} C\n:img-top: a.png"
    "\n::::{grid}\n:::\n\n~~~{code}\n<script>\n~~~\n\n> quote <s>\n\n- item {cite:t}`k`\n"
    "  - nested [l](../x.md)\n\n| a | b |\n|---|---|\n| <u>c</u> | d |\n\n[^1]: foot <em>\n"
)


@pytest.mark.parametrize("text", [page.read_text(encoding="utf-8") for page in PAGES] + [MARKDOWN],
                         ids=[p.relative_to(REPO).as_posix() for p in PAGES] + ["constructs"])
def test_the_policy_reads_markdown_as_myst_does(text):
    """Every block the policy walks is where MyST's own parser puts it."""
    ours = markdown.parser().parse(text)
    theirs = MYST.parse(text)
    shape = lambda tokens: [(t.type, t.map, t.info, t.content) for t in tokens]  # noqa: E731
    assert shape(ours) == shape(theirs)


def test_quoted_values_stay_about_a_line_long():
    assert len(quoted("x" * 1_000_000)) <= 70
    nested: list = ["a"]
    for _ in range(50):
        nested = [nested] * 5
    assert len(quoted(nested)) <= 200


def test_printed_messages_are_bounded_and_inert():
    shown = one_line("title \x1b[2J\x07 and\nmore " + "y" * 10_000)
    assert "\x1b" not in shown and "\x07" not in shown and "\n" not in shown
    assert "\\x1b[2J" in shown and len(shown) <= MAX_MESSAGE


TEX_SPECIALS = {"#": r"\#", "$": r"\$", "%": r"\%", "&": r"\&", "_": r"\_", "{": r"\{",
                "}": r"\}", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}",
                "\\": r"\textbackslash{}"}


@pytest.mark.parametrize("char", TEX_SPECIALS)
def test_each_tex_special_character_becomes_text(char):
    assert latex_text(f"a{char}b") == f"a{TEX_SPECIALS[char]}b"


@pytest.mark.parametrize("attack", [r"\input{/etc/passwd}", r"{\catcode95=12 \input{x}}",
                                    "^^5cinput{x}", r"\write18{touch x}",
                                    "a\rb\x0cc\x00d\u2028e"])
def test_no_command_survives_latex_text(attack):
    escaped = latex_text(attack)
    # what is left of a backslash is only the commands that print a character
    assert set(re.findall(r"\\([A-Za-z]+)", escaped)) <= {"textbackslash", "textasciicircum",
                                                         "textasciitilde", "sphinxhyphen"}
    assert not re.search(r"(?<!\\)[{}]", escaped.replace("{}", "").replace(r"\{", "")
                         .replace(r"\}", ""))
    assert not re.search("[\x00-\x1f\u2028]", escaped)


def test_pull_requests_get_a_read_only_token_and_no_secrets():
    path = REPO / ".github/workflows/ci.yml"
    text = path.read_text(encoding="utf-8")
    workflow = yaml.safe_load(text)
    triggers = workflow.get("on", workflow.get(True))
    assert "pull_request" in triggers and "pull_request_target" not in triggers
    assert "workflow_run" not in triggers
    assert not re.search(r"\bsecrets\.\w", text)  # no secret is ever read
    assert workflow["permissions"] == {"contents": "read"}
    for name, job in workflow["jobs"].items():
        permissions = job.get("permissions", workflow["permissions"])
        writes = {scope for scope, access in permissions.items() if access != "read"}
        if writes:  # only after the build, only for pushes to main, never for a PR
            assert "github.event_name == 'push'" in job.get("if", ""), name
            assert "refs/heads/main" in job["if"], name
        for step in job.get("steps", []):
            if str(step.get("uses", "")).startswith("actions/checkout"):
                assert step.get("with", {}).get("persist-credentials") is False, name
