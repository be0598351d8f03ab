"""The PDF build's configuration: with ``-D archive_pdf=1`` (what ``make pdf``
passes), ``config-inited`` plans the collections from the sources
(``pdf.roots``), writes their root documents and declares one
``latex_documents`` entry each, so a single LaTeX build writes every ``.tex``;
``pdf.build`` then runs latexmk on those whose text changed. Without it, the
root folders are excluded, so the HTML build never sees them.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.util import logging

from ..core.curated import selection_problems
from ..core.datafiles import located
from ..core.quoting import one_line
from ..core.selection import SelectionError, collection
from ..core.summaries import valid_summaries
from ..core.text import write_if_changed
from ..core.vocabulary import VocabularyError, load_vocabulary

from ..store.stop import stop_build
from .latex_text import LATEX_ENGINE, latex_text
from .roots import (PACKET_FOLDER, STANDARD_FOLDER, collections_json, load_yaml,
                    plan_collections, root_text, sync_roots)

logger = logging.getLogger(__name__)

# The date a PDF was built comes from <name>.built, written by pdfbuild only
# when the PDF's text changed, so an unchanged .tex stays byte-identical.
PREAMBLE = r"""
\newcommand{\ArchiveBuiltDate}{\IfFileExists{\jobname.built}{\input{\jobname.built}\unskip}{}}
% Months and summaries unnumbered; a month is a plain heading, not "Chapter One".
\setcounter{secnumdepth}{-1}
\titleformat{\chapter}[block]{\normalfont\sffamily\huge\bfseries\color{TitleColor}}{}{0pt}{}
\titlespacing*{\chapter}{0pt}{0pt}{18pt}
"""

LATEX_ELEMENTS = {
    # No blank pages: chapters (months) may start on any page, one-sided.
    "extraclassoptions": "openany,oneside",
    "maketitle": "",  # our own title page, from the collection-title-page node
    "tableofcontents": "",  # emitted after that title page
    "printindex": "",
    "releasename": "",
    "fncychap": "",
    "preamble": PREAMBLE,
    "sphinxsetup": ("div.note_border-TeXcolor={RGB}{46,110,158}, "
                    "div.note_background-TeXcolor={RGB}{235,243,250}, "
                    "div.note_border-width=1pt, div.note_padding=8pt, "
                    "div.note_border-radius=3pt"),
}


def configure_pdf_build(app: Sphinx, config: Config) -> None:
    """config-inited: plan the collections and their root documents."""
    roots = (STANDARD_FOLDER, PACKET_FOLDER)
    if not config.archive_pdf:
        config.exclude_patterns = [*config.exclude_patterns, *roots]
        return
    packet_file = config.archive_pdf_packet
    folder = PACKET_FOLDER if packet_file else STANDARD_FOLDER
    config.exclude_patterns = [*config.exclude_patterns, *(r for r in roots if r != folder)]
    srcdir = Path(app.srcdir)
    try:
        vocabulary = load_vocabulary(srcdir / config.archive_vocabulary)
    except VocabularyError as error:
        stop_build(str(error))
    summaries = valid_summaries(srcdir, vocabulary, dt.date.today())
    declared = Path(packet_file) if packet_file else srcdir / config.archive_collections
    try:
        if packet_file:
            planned = [collection(load_yaml(declared) or {}, "packet", summaries, vocabulary)]
        else:
            planned = plan_collections(summaries, vocabulary, load_yaml(declared), str(declared))
    except SelectionError as error:
        problems = [located(declared, problem) for problem in selection_problems(error, declared)]
        for message in problems[:-1]:
            logger.error(one_line(message), type="archive", subtype="input")
        stop_build(problems[-1])
    by_docname = {s.docname: s for s in summaries}
    sync_roots(srcdir / folder, {c.name: root_text(c, by_docname, vocabulary) for c in planned})
    config.latex_engine = LATEX_ENGINE
    # Sphinx writes a document's title and author into the .tex as LaTeX markup
    # (they head every page), so they are escaped like every other source string.
    config.latex_documents = [(f"{folder}/{c.name}", f"{c.name}.tex", latex_text(c.title),
                               latex_text(config.author), "manual", False) for c in planned]
    config.latex_elements = {**LATEX_ELEMENTS, **config.latex_elements}
    config.latex_domain_indices = False
    write_if_changed(Path(app.outdir) / "collections.json", collections_json(planned))
