"""The store (Sphinx): what the build knows about each summary page.

One domain holds every per-page record, purged and merged per page so that
parallel reading is safe; summaries are collected while reading; the
bibliography is checked before sphinxcontrib-bibtex reads it, and rendered with
every citation in one batch after reading, when something changed; broken input
stops the build with one located sentence.
"""

from __future__ import annotations

from sphinx.application import Sphinx

from ..core.project import MONTH_INTROS, VOCABULARY
from . import collect, events, references
from .bibcheck import setup_bibcheck
from .integrity import setup_integrity
from .domain import ArchiveDomain
from .myst_warnings import quiet_replaced_warnings
from .policy import setup_policy
from .title import TitleFromFrontMatter


def setup_store(app: Sphinx) -> None:
    app.add_config_value("archive_vocabulary", VOCABULARY, "env", types=[str])
    app.add_config_value("archive_month_intros", MONTH_INTROS, "env", types=[str])
    # Where the archive is published (cite-this URLs, feeds, canonical URLs),
    # and the archive's name in citations.
    app.add_config_value("archive_base_url", "", "html", types=[str])
    app.add_config_value("archive_name", "", "env", types=[str])
    app.add_domain(ArchiveDomain)
    app.add_transform(TitleFromFrontMatter)
    quiet_replaced_warnings()
    setup_bibcheck(app)
    setup_policy(app)
    setup_integrity(app)
    app.connect("builder-inited", events.load_archive_data)
    app.connect("builder-inited", references.forget_build_memos)
    # After sphinxcontrib-bibtex parsed the bibliography (500) and bibcheck
    # checked its entries (600).
    app.connect("builder-inited", references.prefetch_references, priority=700)
    app.connect("build-finished", references.drop_prefetched)
    app.connect("env-get-outdated", collect.check_encodings)
    app.connect("source-read", collect.read_front_matter)
    app.connect("doctree-read", collect.note_teaser)
    app.connect("env-updated", events.refresh_catalogue)
    # After every page is read and merged, before the views compare what they
    # show (views.registry, 500) and before any page is written.
    app.connect("env-updated", references.refresh_references, priority=450)
