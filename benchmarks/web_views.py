"""How the per-build web work grows with the archive: related summaries for
every summary page (computed in env-updated for change detection), the Atom
feeds and the facets' JSON index (written after each HTML build).

Usage: .venv/bin/python benchmarks/web_views.py [N ...]   (default: 400 2000)
Synthetic summaries with 1-4 of 36 topics each, spread over the months of 20
years; medians of 3 runs. Pure functions only, no Sphinx build.
"""

from __future__ import annotations

import random
import statistics
import sys
import time
from pathlib import Path

from summary_archive.core.catalogue import Catalogue
from summary_archive.web.facets import archive_index
from summary_archive.web.feeds import digest_line, feed_document, plan_feeds
from summary_archive.core.model import Month, Summary
from summary_archive.core.vocabulary import vocabulary_from_data

TOPICS = [f"topic-{i:02d}" for i in range(36)]
VOCAB = vocabulary_from_data({
    "topics": [{"slug": t, "label": t.title(), "description": f"About {t}."} for t in TOPICS],
    "research_types": [{"slug": f"type-{i}", "label": f"Type {i}"} for i in range(6)],
})


def archive(n: int) -> list[Summary]:
    rng = random.Random(n)
    return [Summary(f"{2000 + i % 20}/{1 + i % 12:02d}/s{i}", f"Summary {i}",
                    Month(2000 + i % 20, 1 + i % 12), rng.randint(1, 28), "A. Author",
                    tuple(rng.sample(TOPICS, rng.randint(1, 4))), f"type-{i % 6}", f"key{i}",
                    "One sentence that says what the study found.")
            for i in range(n)]


def median_seconds(work) -> float:
    times = []
    for _ in range(3):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main(sizes: list[int]) -> None:
    print(f"{'summaries':>9} {'related, all pages':>19} {'37 feeds, unchanged':>20} "
          f"{'37 feeds, generated':>20} {'JSON index':>11}")
    for n in sizes:
        catalogue = Catalogue(archive(n), VOCAB, {})
        base = "https://example.org/"
        related = median_seconds(lambda: [catalogue.related(s.docname)
                                          for s in catalogue.chronological])
        def plan():
            return plan_feeds(catalogue, "Archive", base, lambda d: f"{base}{d}.html")

        unchanged = median_seconds(lambda: [digest_line(feed) for feed in plan().values()])
        generated = median_seconds(lambda: [feed_document(feed) for feed in plan().values()])
        index = median_seconds(lambda: archive_index(catalogue, lambda d: f"{d}.html"))
        print(f"{n:>9} {related:>18.2f}s {unchanged:>19.2f}s {generated:>19.2f}s {index:>10.3f}s")


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [400, 2000])
