"""The views that show references: the References page, a summary's own
reference list, and its cite-this-summary block.

Each is a kind of ``archive_view`` placeholder (see ``registry``), filled for
any builder; what it shows is compared between builds, so a page is written
again exactly when that changes.
"""

from __future__ import annotations

from docutils import nodes
from sphinx import addnodes
from sphinx.environment import BuildEnvironment

from ..citations.citethis import archive_name
from ..store.citing import cited_keys, citing_pages
from ..store.domain import reference_id
from ..store.references import apa_references, cite_this_of
from .markup import markup_nodes
from .registry import ViewKind
from .render import NOT_SEARCHED


def references_shown(env: BuildEnvironment, _argument: str, _docname: str) -> object:
    apa = apa_references(env)
    citing = citing_pages(env)
    titles = {doc: summary.title for doc, summary in env.get_domain("archive").summaries.items()}
    return [(key, apa.reference(key), [(doc, titles.get(doc, "")) for doc in citing.get(key, ())])
            for key in apa.keys]


def page_references_shown(env: BuildEnvironment, _argument: str, docname: str) -> object:
    apa = apa_references(env)
    return [apa.reference(key) for key in apa.in_apa_order(cited_keys(env, docname))]


def cite_this_shown(env: BuildEnvironment, _argument: str, docname: str) -> object:
    # Its inputs, not its text: rendering it costs citeproc time.
    return (env.get_domain("archive").summaries.get(docname), archive_name(env.config),
            env.config.archive_base_url)


def apa_paragraph(markup: str, *extra: nodes.Node, classes: tuple[str, ...] = ()) -> nodes.paragraph:
    paragraph = nodes.paragraph(classes=["apa-reference", *classes])
    paragraph.extend(extra)
    paragraph.extend(markup_nodes(markup))
    return paragraph


def references_page(renderer, _argument: str) -> list[nodes.Node]:
    """Every work, in APA order, each with links to the summaries that cite it."""
    env = renderer.env
    apa = apa_references(env)
    summaries = env.get_domain("archive").summaries
    citing = citing_pages(env)
    container = nodes.container(classes=["apa-references"])
    for key in apa.keys:
        entry = nodes.container(classes=["apa-entry"])
        anchor = nodes.target("", "", ids=[reference_id(key)])
        entry += apa_paragraph(apa.reference(key), anchor)
        pages = [doc for doc in citing.get(key, ()) if doc in summaries]
        if pages:
            back = nodes.paragraph(classes=["apa-cited-by"])
            back += nodes.Text("Summarised in: ")
            for index, doc in enumerate(pages):
                if index:
                    back += nodes.Text("; ")
                back += renderer.link(doc, summaries[doc].title)
            entry += back
        container += entry
    if not apa.keys:
        container += nodes.paragraph("", "No references yet.", classes=["archive-empty"])
    return [container]


def page_references(renderer, _argument: str) -> list[nodes.Node]:
    """The works a summary cites, in APA order, under a "References" heading."""
    apa = apa_references(renderer.env)
    keys = apa.in_apa_order(cited_keys(renderer.env, renderer.docname))
    if not keys:
        return []
    container = nodes.container(classes=["summary-references"])
    container += nodes.rubric("", "References")
    for key in keys:
        container += apa_paragraph(apa.reference(key))
    return [container]


def cite_this_block(renderer, _argument: str) -> list[nodes.Node]:
    summary = renderer.env.get_domain("archive").summaries.get(renderer.docname)
    if summary is None:
        return []
    citation = cite_this_of(renderer.env, summary)
    container = nodes.container(classes=["cite-this"])
    if renderer.builder is None or renderer.builder.format == "html":
        # Not searched: its words are the page's own title and the archive's name.
        # (Only HTML has a search; LaTeX would wrap the block in one more class.)
        container["classes"].append(NOT_SEARCHED)
    container += nodes.rubric("", "Cite this summary")
    container += apa_paragraph(citation.reference, classes=("cite-this-apa",))
    container += nodes.paragraph("", "BibTeX:", classes=["cite-this-bibtex-label"])
    block = nodes.literal_block(citation.bibtex, citation.bibtex, language="bibtex",
                                classes=["cite-this-bibtex"])
    container += block
    # The .bib file is written next to the HTML page (see web.citation_meta).
    download = addnodes.only(expr="html")
    download += nodes.paragraph("", "", nodes.reference(
        "", "Download the BibTeX entry", refuri=citation.bib_filename,
        classes=["cite-this-download"]))
    container += download
    return [container]



VIEW_KINDS = (
    ViewKind("references", references_shown, references_page),
    ViewKind("page-references", page_references_shown, page_references),
    ViewKind("cite-this", cite_this_shown, cite_this_block, searched=False),
)
