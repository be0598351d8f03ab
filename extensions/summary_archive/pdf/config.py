"""The PDF build's configuration: with ``-D archive_pdf=1`` (what ``make pdf``
passes), ``config-inited`` plans the collections from the sources
(``pdf.roots``), writes their root documents and declares one
``latex_documents`` entry each (a handout, one summary, uses Sphinx's short
``howto`` class), so a single LaTeX build writes every ``.tex``; ``pdf.build``
then runs latexmk on those whose text changed. The print layout itself is
``summaryarchive.sty``; the paper is Letter, or A4 with
``-D archive_pdf_paper=a4`` (``make pdf PAPER=a4``). Without it, the
root folders are excluded, so the HTML build never sees them.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.util import logging

from ..core.curated import selection_problems
from ..core.datafiles import located
from ..core.quoting import one_line, quoted
from ..core.selection import SelectionError, collection
from ..core.summaries import valid_summaries
from ..core.text import write_if_changed
from ..core.vocabulary import VocabularyError, load_vocabulary
from ..store.stop import stop_build
from .latex_text import LATEX_ENGINE, latex_text
from .roots import (PACKET_FOLDER, STANDARD_FOLDER, collections_json, load_yaml,
                    plan_collections, root_text, sync_roots)

logger = logging.getLogger(__name__)

STYLE = Path(__file__).with_name("summaryarchive.sty")  # the print layout
PAPERS = {"letter": "letterpaper", "a4": "a4paper"}  # Letter unless -D archive_pdf_paper=a4
# A measure of about 65 characters of 11pt FreeSerif, centred on either paper.
GEOMETRY = (r"\usepackage{geometry}\geometry{reset, %s, textwidth=4.1in, hcentering, "
            r"top=0.9in, bottom=1in, headsep=16pt, footskip=30pt}")

LATEX_ELEMENTS = {
    # No blank pages: one-sided, and months do not start pages of their own.
    "extraclassoptions": "openany,oneside",
    "pointsize": "11pt",
    "maketitle": "",  # our own title page, from the collection-title-page node
    "tableofcontents": "",  # emitted after that title page, when it helps
    "printindex": "",
    "releasename": "",
    "fncychap": "",
}
# The PDF's language (a BCP 47 tag) for screen readers, and its title (not its
# file name) in the viewer's window.
LANGUAGE_TAG = re.compile(r"[A-Za-z]{2,8}(?:-[A-Za-z0-9]{1,8})*")
PREAMBLE = "\\usepackage{summaryarchive}\n\\hypersetup{pdflang=%s, pdfdisplaydoctitle=true}\n"


def pdf_language(language: str | None) -> str:
    tag = (language or "en").replace("_", "-")
    return tag if LANGUAGE_TAG.fullmatch(tag) else "en"


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
    listed = config.archive_pdf_listed_summaries
    sync_roots(srcdir / folder, {c.name: root_text(c, by_docname, vocabulary, listed)
                                 for c in planned})
    paper = PAPERS.get(config.archive_pdf_paper)
    if paper is None:
        stop_build(f"archive_pdf_paper is {quoted(config.archive_pdf_paper)}; the PDFs can be "
                   f"printed on {' or '.join(repr(name) for name in PAPERS)}")
    config.latex_engine = LATEX_ENGINE
    # Sphinx writes a document's title and author into the .tex as LaTeX markup
    # (they head every page), so they are escaped like every other source string.
    config.latex_documents = [(f"{folder}/{c.name}", f"{c.name}.tex", latex_text(c.title),
                               latex_text(config.author),
                               "howto" if c.kind == "handout" else "manual", False)
                              for c in planned]
    config.latex_elements = {**LATEX_ELEMENTS, "papersize": paper,
                             "geometry": GEOMETRY % paper,
                             "preamble": PREAMBLE % pdf_language(config.language),
                             **config.latex_elements}
    config.latex_additional_files = [*config.latex_additional_files, str(STYLE)]
    config.latex_domain_indices = False
    write_if_changed(Path(app.outdir) / "collections.json", collections_json(planned))

