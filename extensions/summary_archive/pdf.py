"""The PDF build: collections as LaTeX documents, one Sphinx run for all.

With ``-D archive_pdf=1`` (what ``make pdf`` passes), ``config-inited`` plans
the collections from the sources (``pdfroots``), writes their root documents
and declares one ``latex_documents`` entry each, so a single LaTeX build writes
every ``.tex``; ``pdfbuild`` then runs latexmk on those whose text changed.
Without it, the root folders are excluded, so the HTML build never sees them.

Layout in the PDF: a title page and contents (``collection-title-page``), the
months as chapters, each summary a section opening with its header (topics,
research type, full reference: the ``summary-header`` view, as in HTML), its
Practice Implications boxed, no "next summary" links, and one alphabetical,
de-duplicated references chapter (``collection-references``).
"""

from __future__ import annotations

import unicodedata
from pathlib import Path
from typing import Any

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.docutils import SphinxDirective

from .downloads import setup_downloads
from .pdfroots import (PACKET_FOLDER, STANDARD_FOLDER, collections_json, load_summaries,
                       load_yaml, plan_collections, root_text, sync_roots, write_if_changed)
from .reference import reference_paragraph
from .selection import SelectionError, collection
from .stop import stop_build
from .vocabulary import VocabularyError, load_vocabulary

PRACTICE_TITLE = "practice implications"

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
    summaries = load_summaries(srcdir, vocabulary)
    try:
        if packet_file:
            planned = [collection(load_yaml(Path(packet_file)) or {}, "packet", summaries,
                                  vocabulary)]
        else:
            declared = srcdir / config.archive_collections
            planned = plan_collections(summaries, vocabulary, load_yaml(declared), str(declared))
    except SelectionError as error:
        stop_build(str(error))
    by_docname = {s.docname: s for s in summaries}
    sync_roots(srcdir / folder, {c.name: root_text(c, by_docname, vocabulary) for c in planned})
    config.latex_engine = "xelatex"
    config.latex_documents = [(f"{folder}/{c.name}", f"{c.name}.tex", c.title, config.author,
                               "manual", False) for c in planned]
    config.latex_elements = {**LATEX_ELEMENTS, **config.latex_elements}
    config.latex_domain_indices = False
    write_if_changed(Path(app.outdir) / "collections.json", collections_json(planned))


# -- the title page ----------------------------------------------------------

class collection_title_page(nodes.General, nodes.Element):  # noqa: N801
    """Title, subtitle, scope, number of summaries, date built, then contents."""


class collection_references(nodes.General, nodes.Element):  # noqa: N801
    """Placeholder for the references of the summaries in ``docnames``."""


class CollectionTitlePage(SphinxDirective):
    option_spec = {name: directives.unchanged for name in
                   ("name", "title", "subtitle", "scope", "count", "keywords")}

    def run(self) -> list[nodes.Node]:
        return [collection_title_page("", **self.options)]


class CollectionReferences(SphinxDirective):
    has_content = True

    def run(self) -> list[nodes.Node]:
        docnames = [line.strip().lstrip("/") for line in self.content if line.strip()]
        return [collection_references("", docnames=docnames)]


def visit_title_page(translator, node: collection_title_page) -> None:
    esc = translator.escape
    count = int(node.get("count", 0))
    noun = "summary" if count == 1 else "summaries"
    author = esc(translator.config.author)
    subtitle = node.get("subtitle", "")
    translator.body.append(
        "\n\\hypersetup{pdftitle={%s}, pdfauthor={%s}, pdfsubject={%s}, pdfkeywords={%s}}\n"
        % (esc(node["title"]), author, esc(node.get("scope", "")), esc(node.get("keywords", "")))
        + "\\begingroup\\hypersetup{pageanchor=false}\n\\begin{titlepage}\n\\centering\n"
        "\\vspace*{0.18\\textheight}\n"
        "{\\sffamily\\bfseries\\Huge %s\\par}\n\\vspace{1.2em}\n" % esc(node["title"])
        + ("{\\sffamily\\Large %s\\par}\n\\vspace{2.5em}\n" % esc(subtitle) if subtitle else "")
        + "\\rule{0.5\\textwidth}{0.6pt}\\par\\vspace{1.5em}\n"
        "{\\large %s\\par}\n\\vspace{1em}\n" % esc(node.get("scope", ""))
        + "{\\large %d %s\\par}\n\\vfill\n" % (count, noun)
        + "{\\large %s\\par}\n\\vspace{0.5em}\n" % author
        + "{Built \\ArchiveBuiltDate\\par}\n\\end{titlepage}\n\\endgroup\n"
        "\\sphinxtableofcontents\n")
    raise nodes.SkipNode


def skip(translator, node: nodes.Node) -> None:
    raise nodes.SkipNode  # only the PDF build shows these


# -- filling the PDF's parts -------------------------------------------------

def sort_key(text: str) -> str:
    """Alphabetical regardless of accents and case: Müller files with Muller."""
    folded = unicodedata.normalize("NFKD", text)
    return "".join(c for c in folded if not unicodedata.combining(c)).casefold()


def author_year_title(env, key: str) -> str:
    """Sort references by first author's surname, then co-authors, year and title."""
    entry = env.get_domain("cite").bibdata.data.entries.get(key)
    if entry is None:
        return sort_key(key)
    people = entry.persons.get("author") or entry.persons.get("editor") or []
    names = " ".join(" ".join(p.last_names + p.first_names + p.middle_names) for p in people)
    return sort_key(f"{names} {entry.fields.get('year', '')} {entry.fields.get('title', '')}")


def cited_keys(env, docnames: list[str]) -> list[str]:
    """The reviewed article of each summary, then every other work it cites."""
    wanted = set(docnames)
    summaries = env.get_domain("archive").summaries
    keys = [summaries[d].reviews for d in docnames if d in summaries]
    for ref in env.get_domain("cite").citation_refs:
        if ref.docname in wanted:
            keys += [target.key for target in ref.targets]
    return list(dict.fromkeys(keys))


class ShapeForPdf(SphinxPostTransform):
    """Fill the references, box the Practice Implications, drop neighbour links."""

    builders = ("latex",)
    default_priority = 6  # after FillArchiveViews (5) has filled headers and footers

    def run(self, **kwargs: Any) -> None:
        if not self.config.archive_pdf:  # an ordinary LaTeX build keeps the HTML's shape
            return
        for placeholder in list(self.document.findall(collection_references)):
            keys = sorted(cited_keys(self.env, placeholder["docnames"]),
                          key=lambda key: author_year_title(self.env, key))
            paragraphs = [p for p in (reference_paragraph(self.env, key) for key in keys) if p]
            # One entry per work, even if two bib keys format identically.
            unique = {sort_key(p.astext()): p for p in paragraphs}
            placeholder.replace_self(list(unique.values()))
        for badge in list(self.document.findall(nodes.inline)):
            # Topic badges are boxes in HTML; in print they need separators.
            if "topic-badge" in badge["classes"]:
                line = badge.parent
                after = line.index(badge) + 1
                if after < len(line) and isinstance(line[after], nodes.Text) \
                        and not line[after].strip():
                    line[after] = nodes.Text(" · ")
        for container in list(self.document.findall(nodes.container)):
            if "summary-neighbours" in container["classes"]:
                container.parent.remove(container)
        for section in list(self.document.findall(nodes.section)):
            title = section.next_node(nodes.title)
            if title is not None and title.astext().strip().lower() == PRACTICE_TITLE:
                box = nodes.admonition(classes=["practice-implications"])
                box += nodes.title(title.astext(), title.astext())
                box.extend(child for child in section.children if child is not title)
                box["ids"] = section["ids"]
                section.replace_self(box)


def setup_pdf(app: Sphinx) -> None:
    app.add_config_value("archive_pdf", False, "env", types=[bool])
    app.add_config_value("archive_pdf_packet", "", "env", types=[str])
    app.add_config_value("archive_collections", "_data/collections.yml", "env", types=[str])
    others = {name: (skip, None) for name in ("html", "text", "man", "texinfo")}
    app.add_node(collection_title_page, latex=(visit_title_page, None), **others)
    app.add_node(collection_references, latex=(skip, None), **others)
    app.add_directive("collection-title-page", CollectionTitlePage)
    app.add_directive("collection-references", CollectionReferences)
    app.add_post_transform(ShapeForPdf)
    # Before the vocabulary is loaded at builder-inited, and before Sphinx
    # compares the configuration with the last build's.
    app.connect("config-inited", configure_pdf_build)
    setup_downloads(app)
