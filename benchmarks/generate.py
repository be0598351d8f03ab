"""Generate a synthetic archive of N summaries, for benchmarks and scale tests.

The pages look like the real ones: front matter with a month, 1-4 topics drawn
unevenly from the real vocabulary, a research type and a reviewed article in a
generated bib; about 500 words of body and a Practice Implications section.
The same pages can be laid out for our archive, for bare Sphinx (the same
extensions minus ours, with hand-made year and month toctrees instead of our
generated pages), so the two builds differ only by what the extension adds, or
for ablog (bare's layout with each page marked as a blog post, so ablog adds its
own tag, category and year archives and feeds): the peer a blog moving to
Sphinx would reach for first.

Usage: python benchmarks/generate.py N TARGET [--layout ours|bare|ablog] [--seed S]
"""

from __future__ import annotations

import argparse
import random
import shutil
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
VOCABULARY = REPO / "docs" / "_data" / "vocabulary.yml"
MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July",
               "August", "September", "October", "November", "December")
WORDS = ("patients therapists therapy outcome alliance session treatment study trial "
         "effect depression anxiety measure change sample clinicians practice evidence "
         "relationship feedback progress dropout symptoms improvement follow-up group "
         "individual sessions weekly reliable recovery rates results analysis data "
         "questionnaire interview moderate large small significant associated predicted "
         "reported across within between during after before compared higher lower").split()
FAMILIES = ("Smith Jones Garcia Müller Nguyễn Kowalski Ødegård Brown Rossi Tanaka Lee "
            "Dubois Novak Silva Cohen Okafor Larsen Haddad Ivanova Murphy").split()


def sentence(rng: random.Random, length: int) -> str:
    words = [rng.choice(WORDS) for _ in range(length)]
    return " ".join(words).capitalize() + "."


def paragraph(rng: random.Random, sentences: int) -> str:
    return " ".join(sentence(rng, rng.randint(10, 22)) for _ in range(sentences))


def months(n: int, rng: random.Random, last: tuple[int, int] = (2025, 12)):
    """Two or three summaries a month until there are n, ending at ``last``.

    Counted backwards from ``last`` so that every date is in the past however
    large n is (2,000 summaries reach back into the 1960s), which the archive
    requires; yielded oldest first.
    """
    # Two or three a month; three or four when that would reach back before
    # 1900 (beyond about 3,000), which the archive refuses as implausible.
    sizes = (2, 3) if n <= 3000 else (3, 4)
    counts = []
    while sum(counts) < n:
        counts.append(min(rng.choice(sizes), n - sum(counts)))
    year, month = last
    dated = []
    for count in counts:
        dated.append((year, month, count))
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
    yield from reversed(dated)


def summaries(n: int, seed: int = 2021) -> list[dict]:
    rng = random.Random(seed)
    vocabulary = yaml.safe_load(VOCABULARY.read_text(encoding="utf-8"))
    topics = [t["slug"] for t in vocabulary["topics"]]
    types = [t["slug"] for t in vocabulary["research_types"]]
    weights = [1 / (rank + 1) for rank in range(len(topics))]  # a few topics dominate
    result = []
    for year, month, count in months(n, rng):
        for index in range(count):
            number = len(result) + 1
            chosen = []
            while len(chosen) < rng.randint(1, 4):
                topic = rng.choices(topics, weights)[0]
                if topic not in chosen:
                    chosen.append(topic)
            family = rng.choice(FAMILIES)
            result.append({
                "slug": f"summary-{number:05d}",
                "year": year, "month": month, "day": 1 + index,
                "title": f"Synthetic summary {number}: {sentence(rng, 5)[:-1]}",
                "topics": chosen,
                "research_type": rng.choice(types),
                "key": f"{family.lower()}{year}s{number:05d}",
                "family": family,
                "body": [paragraph(rng, 6) for _ in range(3)],
                "implications": paragraph(rng, 5),
            })
    return result


LAYOUTS = ("bare", "ours", "ablog")


def page(summary: dict, layout: str) -> str:
    front = {"title": summary["title"], "date": f"{summary['year']}-{summary['month']:02d}",
             "author": "Bench Author", "topics": summary["topics"],
             "research_type": summary["research_type"], "reviews": summary["key"]}
    if layout == "ablog":  # ablog's own front-matter fields for the same facts
        front = {"blogpost": True, "title": summary["title"],
                 "date": f"{summary['year']}-{summary['month']:02d}-{summary['day']:02d}",
                 "author": "Bench Author", "tags": ", ".join(summary["topics"]),
                 "category": summary["research_type"]}
    body = "\n\n".join(summary["body"])
    return ("---\n" + yaml.safe_dump(front, sort_keys=False, allow_unicode=True) + "---\n\n"
            + f"As {{cite:t}}`{summary['key']}` report, {body}\n\n"
            + "## Practice Implications\n\n" + summary["implications"] + "\n")


def bib_entry(summary: dict) -> str:
    return (f"@article{{{summary['key']},\n  author = {{{summary['family']}, A. and Other, B.}},\n"
            f"  title = {{A synthetic study number {summary['slug'][-5:]}}},\n"
            f"  journal = {{Journal of Synthetic Psychotherapy Research}},\n"
            f"  year = {{{summary['year']}}},\n  volume = {{{summary['year'] - 1990}}},\n"
            f"  pages = {{1--10}},\n  doi = {{10.5555/synthetic.{summary['slug'][-5:]}}}\n}}\n")


CONF = '''project = "Synthetic archive"
extensions = ["myst_parser", "sphinx_design", "sphinxcontrib.bibtex"{ours}]
source_suffix = {{".md": "markdown"}}
exclude_patterns = ["_data", "_build"]
myst_enable_extensions = ["colon_fence"]
myst_title_to_header = {bare}
bibtex_bibfiles = ["references.bib"]
bibtex_reference_style = "author_year"
html_theme = "pydata_sphinx_theme"
html_theme_options = {{"navigation_depth": 2, "show_nav_level": 1, "collapse_navigation": True}}
archive_base_url = "https://bench.invalid/"  # ours: feeds and cite-this URLs
'''
ABLOG_CONF = '''
blog_path = "blog"
blog_title = "Synthetic archive"
blog_baseurl = "https://bench.invalid/"
post_date_format = "%Y-%m-%d"
blog_feed_archives = True  # a feed per tag and category, as ours has per topic and type
fontawesome_included = True
'''


def toctree(entries) -> str:
    return "```{toctree}\n:hidden:\n:maxdepth: 1\n\n" + "\n".join(entries) + "\n```\n"


def write_archive(target: Path, n: int, bare: bool = False, seed: int = 2021,
                  layout: str | None = None) -> list[dict]:
    """Lay out N summaries under ``target`` (conf.py in it); return the summaries.

    ``layout`` is one of LAYOUTS (``bare=True`` is the older spelling of "bare").
    """
    layout = layout or ("bare" if bare else "ours")
    bare = layout != "ours"  # ablog's pages stand on bare's navigation
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    items = summaries(n, seed)
    (target / "conf.py").write_text(CONF.format(
        bare=bare,
        ours={"ours": ', "summary_archive"', "bare": "", "ablog": ', "ablog"'}[layout])
        + (ABLOG_CONF if layout == "ablog" else ""))
    (target / "_data").mkdir()
    shutil.copy(VOCABULARY, target / "_data" / "vocabulary.yml")
    (target / "references.bib").write_text("\n".join(bib_entry(s) for s in items))
    by_month: dict[tuple[int, int], list[str]] = {}
    for summary in items:
        folder = target / f"{summary['year']}/{summary['month']:02d}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{summary['slug']}.md").write_text(page(summary, layout))
        by_month.setdefault((summary["year"], summary["month"]), []).append(summary["slug"])
    years = sorted({year for year, _ in by_month}, reverse=True)
    if bare:  # the same nesting our extension generates: index -> years -> months
        navigation = ["archive"] + (["blog"] if layout == "ablog" else [])
        if layout == "ablog":  # ablog's landing page of posts (its archives hang below it)
            (target / "blog.md").write_text("# Blog\n\n```{postlist}\n:date: \"%Y-%m-%d\"\n"
                                            ":excerpts:\n```\n")
        (target / "archive.md").write_text("# Archive\n\n" + toctree(f"{y}/index" for y in years))
        for year in years:
            months_of_year = sorted((m for y, m in by_month if y == year), reverse=True)
            (target / f"{year}/index.md").write_text(
                f"# {year}\n\n" + toctree(f"{m:02d}/index" for m in months_of_year))
        for (year, month), slugs in by_month.items():
            (target / f"{year}/{month:02d}/index.md").write_text(
                f"# {MONTH_NAMES[month - 1]} {year}\n\n" + toctree(sorted(slugs)))
    else:
        navigation = ["archive", "topics/index", "research-types/index"]
        (target / "_data" / "months.yml").write_text(yaml.safe_dump(
            {f"{y}-{m:02d}": f"Intro of {MONTH_NAMES[m - 1]} {y}." for y, m in by_month}))
    # Each layout's own reference list: sphinxcontrib-bibtex's, or ours (APA).
    references = "bibliography" if bare else "reference-list"
    (target / "references.md").write_text(f"# References\n\n```{{{references}}}\n```\n")
    (target / "index.md").write_text("# Synthetic archive\n\n"
                                     + ("" if bare else "```{latest-month}\n```\n\n")
                                     + toctree([*navigation, "references"]))
    return items


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int)
    parser.add_argument("target", type=Path)
    parser.add_argument("--layout", choices=LAYOUTS, default="ours")
    parser.add_argument("--bare", action="store_true", help='the same as --layout bare')
    parser.add_argument("--seed", type=int, default=2021)
    args = parser.parse_args()
    write_archive(args.target, args.n, seed=args.seed,
                  layout="bare" if args.bare else args.layout)
    print(f"wrote {args.n} summaries to {args.target}")


if __name__ == "__main__":
    main()
