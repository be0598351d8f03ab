"""The build's second line of defence: if the content policy ever missed
something (here it is switched off), docutils' file insertion is still off and
the backstop still drops images, downloads, script links and raw HTML that
would publish a host file or run a script, each with a located warning."""

from __future__ import annotations

import shutil
from pathlib import Path

from sphinx.testing.util import SphinxTestApp

from helpers import strip_ansi
from hostile import Canary, leaks, live_script

PAGE = """---
title: "Backstop"
date: 2021-07
author: Test Author
topics: [empathy]
research_type: meta-analysis
reviews: smith2020warmth
---

Body reviewing {{cite:t}}`smith2020warmth`.

```{{literalinclude}} {canary}
```

![image]({canary})

[download]({canary})

<script>alert(1)</script>

## Practice Implications

Something practical.
"""


def test_the_backstop_holds_when_the_policy_misses(rootdir, tmp_path, monkeypatch):
    from summary_archive.store import collect

    monkeypatch.setattr(collect, "page_problems", lambda *args, **kwargs: [])
    srcdir = tmp_path / "src"
    shutil.copytree(rootdir / "test-archive", srcdir)
    canary = Canary(tmp_path, "backstop")
    (srcdir / "2021/07/backstop.md").write_text(PAGE.format(canary="../../../canary-backstop.txt"),
                                                encoding="utf-8")
    app = SphinxTestApp("html", srcdir=srcdir)
    try:
        app.build()
    finally:
        app.cleanup()
    warnings = strip_ansi(app.warning.getvalue()).splitlines()
    page = str(srcdir / "2021/07/backstop.md")
    assert any(line.startswith(f"{page}:12: WARNING: File insertion disabled")
               for line in warnings), warnings
    for line, what in ((15, "the image"), (17, "the download"), (19, "raw HTML was left out")):
        assert any(entry.startswith(f"{page}:{line}: WARNING: {what}") for entry in warnings), \
            (line, warnings)
    assert leaks(canary.token, [Path(app.outdir), Path(app.doctreedir)]) == []
    assert live_script(Path(app.outdir)) == []
