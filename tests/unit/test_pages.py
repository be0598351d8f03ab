"""Unit tests for summary_archive.core.navigation: plan_pages, sync_pages, summary_docnames."""

from __future__ import annotations

import os
import re

import pytest
import yaml

from summary_archive.core.frontmatter import parse
from summary_archive.core.navigation import MARKER, plan_pages, summary_docnames, sync_pages
from summary_archive.core.vocabulary import vocabulary_from_data

XSS = "Empathy <script>alert(1)</script>"
COLON = "Alliance: rupture & repair"

VOCAB = vocabulary_from_data({
    "topics": [
        {"slug": "empathy", "label": XSS},
        {"slug": "alliance", "label": COLON},
        {"slug": "adherence", "label": "Adherence"},
    ],
    "research_types": [
        {"slug": "meta-analysis", "label": "Meta-analysis"},
        {"slug": "review", "label": "Review"},
    ],
})
SUMMARIES = ["2021/08/crying", "2021/08/brief-therapy", "2021/07/burnout", "2020/12/old"]


@pytest.fixture
def plan() -> dict[str, str]:
    return plan_pages(VOCAB, SUMMARIES)


def front(text: str) -> dict:
    """The generated page's front matter, loaded by plain YAML."""
    match = re.match(r"---\n(.*?)\n---\n", text, re.S)
    assert match, text
    return yaml.safe_load(match.group(1))


def toctree(text: str) -> list[str]:
    match = re.search(r"```\{toctree\}\n:hidden:\n:maxdepth: 1\n\n(.*?)\n```", text, re.S)
    assert match, text
    return match.group(1).split("\n")


# -- plan_pages -----------------------------------------------------------------------


def test_plan_has_every_page(plan):
    assert sorted(plan) == sorted([
        "archive.md",
        "topics/index.md", "topics/empathy.md", "topics/alliance.md", "topics/adherence.md",
        "research-types/index.md", "research-types/meta-analysis.md",
        "research-types/review.md",
        "2021/index.md", "2020/index.md",
        "2021/08/index.md", "2021/07/index.md", "2020/12/index.md",
    ])


def test_every_page_carries_the_marker_and_a_title(plan):
    for relative, text in plan.items():
        assert text.startswith(f"---\n{MARKER}\n"), relative
        assert set(front(text)) == {"title"}, relative
        # frontmatter.parse (what the build uses) reads the same title
        assert parse(text).fields == front(text), relative


def test_archive_page(plan):
    text = plan["archive.md"]
    assert front(text) == {"title": "Archive"}
    assert toctree(text) == ["2021/index", "2020/index"]
    assert text.endswith("```{month-index}\n```\n\n```{summary-facets} all\n```\n")


def test_topic_and_type_pages_can_be_narrowed(plan):
    assert "```{summary-facets} topic:adherence\n```\n" in plan["topics/adherence.md"]
    assert "```{summary-facets} type:review\n```\n" in plan["research-types/review.md"]


def test_topic_and_type_indexes(plan):
    assert front(plan["topics/index.md"]) == {"title": "Topics"}
    assert toctree(plan["topics/index.md"]) == ["empathy", "alliance", "adherence"]
    assert plan["topics/index.md"].endswith("```{topic-index}\n```\n")
    assert front(plan["research-types/index.md"]) == {"title": "Research types"}
    assert toctree(plan["research-types/index.md"]) == ["meta-analysis", "review"]
    assert plan["research-types/index.md"].endswith("```{research-type-index}\n```\n")


def test_term_pages(plan):
    text = plan["topics/adherence.md"]
    assert front(text) == {"title": "Adherence"}
    assert "```{term-description} topic:adherence\n```\n" in text
    assert "```{summary-list} topic:adherence\n```\n" in text
    text = plan["research-types/review.md"]
    assert front(text) == {"title": "Review"}
    assert "```{term-description} type:review\n```\n" in text
    assert "```{summary-list} type:review\n```\n" in text


def test_topic_pages_exist_even_without_summaries():
    plan = plan_pages(VOCAB, [])
    assert sorted(plan) == sorted([
        "archive.md", "topics/index.md", "topics/empathy.md", "topics/alliance.md",
        "topics/adherence.md", "research-types/index.md",
        "research-types/meta-analysis.md", "research-types/review.md"])
    assert "{toctree}\n:hidden:\n:maxdepth: 1\n\n\n```" in plan["archive.md"]


def test_year_pages(plan):
    text = plan["2021/index.md"]
    assert front(text) == {"title": "2021"}  # a string, not the number 2021
    assert toctree(text) == ["08/index", "07/index"]
    assert "```{month-index} 2021\n```\n" in text
    assert toctree(plan["2020/index.md"]) == ["12/index"]


def test_month_pages_list_their_summaries_in_a_hidden_toctree(plan):
    text = plan["2021/08/index.md"]
    assert front(text) == {"title": "August 2021"}
    assert toctree(text) == ["brief-therapy", "crying"]
    assert "```{month-summaries} 2021-08\n```\n" in text
    assert toctree(plan["2021/07/index.md"]) == ["burnout"]
    assert front(plan["2020/12/index.md"]) == {"title": "December 2020"}
    assert toctree(plan["2020/12/index.md"]) == ["old"]


@pytest.mark.parametrize("relative, title", [("topics/empathy.md", XSS),
                                             ("topics/alliance.md", COLON)])
def test_titles_survive_yaml_as_plain_text(plan, relative, title):
    text = plan[relative]
    assert front(text) == {"title": title}
    assert parse(text).fields == {"title": title}
    # the label never reaches the Markdown body
    body = text.split("\n---\n", 1)[1]
    assert "<script>" not in body and "rupture" not in body


@pytest.mark.parametrize("title", ["a: b", "- item", "# not a comment", "'quoted'",
                                   '"double"', "yes", "2021", "null", "ü & <b>"])
def test_awkward_titles_round_trip(title):
    vocab = vocabulary_from_data({"topics": [{"slug": "t", "label": title}],
                                  "research_types": [{"slug": "r", "label": "R"}]})
    assert front(plan_pages(vocab, [])["topics/t.md"]) == {"title": title}


def test_plan_is_deterministic():
    assert plan_pages(VOCAB, SUMMARIES) == plan_pages(VOCAB, list(reversed(SUMMARIES)))


# -- sync_pages -----------------------------------------------------------------------


def test_sync_writes_everything_then_nothing(tmp_path, plan):
    written, removed, kept = sync_pages(tmp_path, plan)
    assert sorted(written) == sorted(plan)
    assert removed == [] and kept == []
    for relative, text in plan.items():
        assert (tmp_path / relative).read_text(encoding="utf-8") == text

    for relative in plan:
        os.utime(tmp_path / relative, ns=(10**18, 10**18))
    mtimes = {r: (tmp_path / r).stat().st_mtime_ns for r in plan}
    assert sync_pages(tmp_path, plan) == ([], [], [])
    assert {r: (tmp_path / r).stat().st_mtime_ns for r in plan} == mtimes


def test_sync_rewrites_only_changed_pages(tmp_path, plan):
    sync_pages(tmp_path, plan)
    for relative in plan:  # an old mtime, so a rewrite shows whatever the clock's grain
        os.utime(tmp_path / relative, ns=(10**18, 10**18))
    before = {r: (tmp_path / r).stat().st_mtime_ns for r in plan}
    changed = plan_pages(VOCAB, SUMMARIES + ["2021/08/new-one"])
    written, removed, kept = sync_pages(tmp_path, changed)
    assert written == ["2021/08/index.md"]
    assert removed == [] and kept == []
    assert toctree((tmp_path / "2021/08/index.md").read_text()) == [
        "brief-therapy", "crying", "new-one"]
    after = {r: (tmp_path / r).stat().st_mtime_ns for r in plan}
    assert {r for r in plan if before[r] != after[r]} == {"2021/08/index.md"}


def test_sync_removes_stale_generated_pages(tmp_path, plan):
    sync_pages(tmp_path, plan)
    smaller_vocab = vocabulary_from_data({
        "topics": [{"slug": "empathy", "label": XSS}],
        "research_types": [{"slug": "review", "label": "Review"}],
    })
    fewer = plan_pages(smaller_vocab, ["2021/08/crying"])
    written, removed, kept = sync_pages(tmp_path, fewer)
    assert sorted(removed) == sorted([
        "topics/alliance.md", "topics/adherence.md", "research-types/meta-analysis.md",
        "2020/index.md", "2021/07/index.md", "2020/12/index.md"])
    assert sorted(written) == sorted([
        "archive.md", "topics/index.md", "research-types/index.md", "2021/index.md",
        "2021/08/index.md"])
    assert kept == []
    for relative in removed:
        assert not (tmp_path / relative).exists()
    for relative in fewer:
        assert (tmp_path / relative).read_text(encoding="utf-8") == fewer[relative]


def test_sync_never_touches_hand_written_files(tmp_path, plan):
    hand = {
        "topics/empathy.md": "# My own empathy page\n",   # where a generated page goes
        "topics/my-notes.md": "# Notes\n",                  # a stale-looking path
        "2019/index.md": "# 2019 by hand\n",
        "archive.md": "---\ntitle: Archive\n---\n\nHand-made archive.\n",
    }
    for relative, text in hand.items():
        (tmp_path / relative).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / relative).write_text(text, encoding="utf-8")

    written, removed, kept = sync_pages(tmp_path, plan)
    assert sorted(kept) == ["archive.md", "topics/empathy.md"]
    assert removed == []
    assert sorted(written) == sorted(set(plan) - {"archive.md", "topics/empathy.md"})
    for relative, text in hand.items():
        assert (tmp_path / relative).read_text(encoding="utf-8") == text

    # Even with nothing planned, hand-written files stay; generated ones go.
    written, removed, kept = sync_pages(tmp_path, {})
    assert written == [] and kept == []
    assert sorted(removed) == sorted(set(plan) - {"archive.md", "topics/empathy.md"})
    assert sorted(p.relative_to(tmp_path).as_posix()
                  for p in tmp_path.rglob("*.md")) == sorted(hand)


def test_sync_leaves_summaries_alone(tmp_path, plan):
    summary = tmp_path / "2021/08/crying.md"
    summary.parent.mkdir(parents=True)
    summary.write_text(f"---\ntitle: Crying\n---\n\nMentions {MARKER} in passing.\n")
    sync_pages(tmp_path, plan)
    sync_pages(tmp_path, {})
    assert summary.exists()


# -- summary_docnames -------------------------------------------------------------------


def test_summary_docnames(tmp_path):
    for relative in [
        "2021/08/crying.md", "2021/08/brief.md", "2021/08/index.md",
        "2021/07/burnout.md", "2021/07/notes.txt",
        "2021/13/not-a-month.md", "2021/index.md", "2021/about.md",
        "2021/08/sub/deep.md", "drafts/2021/08/x.md", "topics/empathy.md", "index.md",
        "202/08/short-year.md", "2021/8/one-digit.md",
    ]:
        path = tmp_path / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("x")
    assert summary_docnames(tmp_path) == [
        "2021/07/burnout", "2021/08/brief", "2021/08/crying"]


def test_summary_docnames_empty(tmp_path):
    assert summary_docnames(tmp_path) == []


def test_summary_docnames_feed_plan_pages(tmp_path):
    for relative in ["2021/08/crying.md", "2021/08/index.md"]:
        (tmp_path / relative).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / relative).write_text("x")
    plan = plan_pages(VOCAB, summary_docnames(tmp_path))
    assert toctree(plan["2021/08/index.md"]) == ["crying"]
