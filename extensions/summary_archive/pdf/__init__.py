"""The PDFs (LaTeX): the whole archive, each year, each topic and the curated
collections, each built from a generated root document, and the command that
runs LaTeX on the ones that changed (``pdf.build``: ``make pdf``)."""

from __future__ import annotations

from sphinx.application import Sphinx

from ..core.project import COLLECTIONS
from .config import configure_pdf_build
from .layout import (CollectionReferences, ShapeForPdf, citation_link, collection_references,
                     depart_citation_link, skip, visit_citation_link)
from .roots import LISTED_ON_TITLE_PAGE
from .titlepage import CollectionTitlePage, collection_title_page, visit_title_page


def setup_pdf(app: Sphinx) -> None:
    app.add_config_value("archive_pdf", False, "env", types=[bool])
    app.add_config_value("archive_pdf_packet", "", "env", types=[str])
    app.add_config_value("archive_collections", COLLECTIONS, "env", types=[str])
    app.add_config_value("archive_pdf_paper", "letter", "env", types=[str])
    app.add_config_value("archive_pdf_listed_summaries", LISTED_ON_TITLE_PAGE, "env",
                         types=[int])
    others = {name: (skip, None) for name in ("html", "text", "man", "texinfo")}
    app.add_node(collection_title_page, latex=(visit_title_page, None), **others)
    app.add_node(collection_references, latex=(skip, None), **others)
    app.add_node(citation_link, latex=(visit_citation_link, depart_citation_link))
    app.add_directive("collection-title-page", CollectionTitlePage)
    app.add_directive("collection-references", CollectionReferences)
    app.add_post_transform(ShapeForPdf)
    # Before the vocabulary is loaded at builder-inited, and before Sphinx
    # compares the configuration with the last build's.
    app.connect("config-inited", configure_pdf_build)
