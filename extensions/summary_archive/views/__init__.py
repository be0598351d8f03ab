"""The views (any builder): lists, indexes, a summary's header and ending,
references and in-text citations, and the navigation pages that hold them.

Directives and the summary pages leave ``archive_view`` placeholders; after
reading, ``FillArchiveViews`` fills them for whichever builder runs (HTML and
LaTeX alike), and ``registry`` names the pages whose views changed.
"""

from __future__ import annotations

from sphinx.application import Sphinx

from . import cite_roles, lists, references, registry, summary_page
from .directives import DIRECTIVES
from .nodes import archive_citation, archive_view
from .pages import write_navigation_pages
from .render import FillArchiveViews, fill_when_written, leave_filled, note_builder


def setup_views(app: Sphinx) -> None:
    app.add_config_value("archive_generate_pages", True, "env", types=[bool])
    registry.register(*lists.VIEW_KINDS, *summary_page.VIEW_KINDS, *references.VIEW_KINDS,
                      *cite_roles.VIEW_KINDS)
    app.add_node(archive_view, html=(fill_when_written, leave_filled))
    app.add_node(archive_citation)
    for name, directive in DIRECTIVES.items():
        app.add_directive(name, directive)
    cite_roles.register_roles(app)
    app.connect("builder-inited", write_navigation_pages)  # after the store's data (500)
    app.connect("doctree-read", summary_page.add_summary_views)
    app.connect("builder-inited", note_builder)
    app.add_post_transform(FillArchiveViews)
    app.add_post_transform(cite_roles.FillCitations)
    app.connect("env-updated", registry.pages_to_rewrite)
