"""Reading packets made in the browser, from static files only.

On the Downloads page (``{packet-builder}``) an educator picks topics,
research types, months or single summaries; ``static/packet-chooser.js`` shows
what the packet holds and links the packet page (``{reading-packet}``), whose
address carries the choice. That page (``static/packet-page.js``) shows the
chosen summaries in full with one APA reference list, prints like the PDFs
(``static/packet.css``), and offers the list as BibTeX, RIS and CSL-JSON. The
rules of a choice, shared by both, are in ``static/packet-choice.js``.

The HTML build writes what the script reads, under ``packet-data/``, each file
only when its text changed:

- ``index.json``: every summary's metadata and the works it cites, in order;
- ``summaries/<docname>.json``: a summary's body as printed (``views.printable``:
  no web-only blocks), rendered by Sphinx's HTML writer when the page is written
  (a summary whose file is missing is written again);
- ``works/<id>.json``: one work's APA reference (as text runs), CSL-JSON,
  BibTeX (pybtex) and RIS (``citations.ris``).
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from docutils import nodes
from docutils.utils import new_document
from pybtex.database import BibliographyData
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from ..citations.citethis import BIBTEX_WRITER, archive_name
from ..citations.ris import ris_record
from ..core.text import write_if_changed
from ..store.citing import works_cited
from ..store.domain import reference_id
from ..store.references import apa_references, bib_entries, bib_fingerprint, csl_items
from ..views.markup import markup_nodes
from ..views.printable import WEB_ONLY, practice_sections
from .feeds import is_html_build

FOLDER = "packet-data"
PLACES = ("packet-builder", "reading-packet")
STYLES = {nodes.emphasis: "i", nodes.strong: "b", nodes.superscript: "sup",
          nodes.subscript: "sub"}


class PacketPlace(SphinxDirective):
    """``{packet-builder} packet`` / ``{reading-packet} downloads``: where the
    script builds the form or the packet; the argument is the other page,
    linked for readers without JavaScript too."""

    required_arguments = 1

    def run(self) -> list[nodes.Node]:
        kind = self.name
        place = nodes.container(classes=[kind, "packet-place"])
        text = {"packet-builder": "Make a reading packet of your own choice: ",
                "reading-packet": "This page shows the summaries chosen on the Downloads page, "
                                  "in full, with their references in one list, ready to print "
                                  "or to save as a PDF; its address holds the choice. Choose "
                                  "them on "}[kind]
        link = addnodes.pending_xref("", refdomain="std", reftype="doc",
                                     reftarget="/" + self.arguments[0], refdoc=self.env.docname,
                                     refexplicit=True, refwarn=True)
        label = {"packet-builder": "the reading packet page",
                 "reading-packet": "the Downloads page"}[kind]
        link += nodes.inline(label, label, classes=["packet-other-page"])
        place += nodes.paragraph("", text, link, nodes.Text(" (it needs JavaScript)."),
                                 classes=["packet-fallback"])
        return [place]


# -- the data -----------------------------------------------------------------

def work_file(key: str) -> str:
    """A file name for any bib key (keys may hold characters URLs dislike)."""
    return hashlib.blake2b(key.encode("utf-8"), digest_size=10).hexdigest() + ".json"


def text_runs(markup: str) -> list[dict]:
    """citeproc's markup as runs of text with their style (and links), for a
    script that puts each into the page as text."""
    runs: list[dict] = []
    for text in nodes.paragraph("", "", *markup_nodes(markup)).findall(nodes.Text):
        run: dict = {"t": str(text)}
        parent = text.parent
        while parent is not None:
            style = STYLES.get(type(parent))
            if style:
                run[style] = 1
            if "small-caps" in parent.get("classes", ()):
                run["sc"] = 1
            if isinstance(parent, nodes.reference) and parent.get("refuri"):
                run["href"] = parent["refuri"]
            parent = parent.parent
        runs.append(run)
    return runs


def work_data(env, key: str) -> dict | None:
    entry = bib_entries(env).get(key)
    markup = apa_references(env).reference(key)
    if entry is None or markup is None:
        return None
    csl = csl_items(env)[key]  # mapped once per bibliography (store.references)
    return {"key": key, "anchor": reference_id(key), "apa": text_runs(markup), "csl": csl,
            "bibtex": BIBTEX_WRITER.to_string(BibliographyData(entries={key: entry})),
            "ris": ris_record(csl)}


def data_fingerprint(env) -> str:
    """What the works' files are made from: the bibliography as parsed, and
    the extension's code (its env version changes with any of its files);
    hashed, so the published index names no path of the build machine."""
    made_from = repr((bib_fingerprint(env), env.version.get("summary_archive")))
    return hashlib.blake2b(made_from.encode("utf-8"), digest_size=12).hexdigest()


def index_data(app: Sphinx) -> dict:
    """Every summary's metadata and the works each one cites (all in APA's order)."""
    env = app.env
    domain = env.get_domain("archive")
    catalogue, vocabulary = domain.catalogue, domain.vocabulary
    apa = apa_references(env)
    order = {key: number for number, key in enumerate(apa.keys)}
    known = bib_entries(env)
    summaries = []
    for summary in catalogue.chronological:
        summaries.append({
            "docname": summary.docname, "url": app.builder.get_target_uri(summary.docname),
            "title": summary.title, "month": summary.month.key,
            "month_label": summary.month.label, "year": summary.month.year,
            "research_type": summary.research_type, "topics": list(summary.topics),
            "author": summary.author, "reviews": summary.reviews,
            "works": [key for key in works_cited(env, [summary.docname])
                      if key in order and key in known],
            "data": f"{FOLDER}/summaries/{summary.docname}.json"})
    cited = sorted({key for summary in summaries for key in summary["works"]}, key=order.get)
    return {
        "archive": archive_name(app.config),
        "fingerprint": data_fingerprint(env),
        "topics": [{"slug": t.slug, "label": t.label} for t in vocabulary.topics.terms],
        "research_types": [{"slug": t.slug, "label": t.label}
                           for t in vocabulary.research_types.terms],
        "summaries": summaries,
        "works": {key: {"order": order[key], "data": f"{FOLDER}/works/{work_file(key)}"}
                  for key in cited},
    }


def set_aside(section: nodes.section) -> list[tuple[nodes.Element, int, nodes.Node]]:
    """Take the title, the header and the web-only blocks out of ``section``;
    returns where each was, for ``put_back``."""
    chosen = [node for node in section.children
              if isinstance(node, nodes.title) or (isinstance(node, nodes.field_list)
                                                   and "summary-meta" in node["classes"])]
    chosen += [element for element in section.findall(nodes.Element)
               if WEB_ONLY.intersection(element.get("classes", ()))]
    outermost, inside = [], set()
    for node in sorted(set(chosen), key=chosen.index):
        if not any(id(parent) in inside for parent in ancestors(node)):
            outermost.append(node)
        inside.add(id(node))
    taken = []
    for node in reversed(outermost):  # the last first: indices of the others hold
        parent = node.parent
        taken.append((parent, parent.index(node), node))
        parent.remove(node)
    return taken


def ancestors(node: nodes.Node):
    while node.parent is not None:
        node = node.parent
        yield node


def put_back(taken: list[tuple[nodes.Element, int, nodes.Node]]) -> None:
    for parent, index, node in reversed(taken):
        parent.insert(index, node)


def printable_body(app: Sphinx, docname: str, doctree: nodes.document) -> str | None:
    """The summary's text as printed, as HTML: without its title and header
    (the packet shows them from the index) and without web-only blocks.

    Rendered from the page's own resolved nodes, with those parts set aside
    for the moment and put back after (a copy of the section cost more than
    rendering it), by Sphinx's own HTML writer on the nodes as they are (its
    render_partial would run every transform again: a second a page)."""
    section = next(iter(doctree.findall(nodes.section)), None)
    if section is None:
        return None
    taken = set_aside(section)
    practice = practice_sections(section)
    for found in practice:
        found["classes"].append("practice-implications")
    document = new_document(docname, doctree.settings)
    document.children.append(section)  # walked as the document's; its parent stays
    try:
        translator = app.builder.create_translator(document, app.builder)
        document.walkabout(translator)
        return "".join(translator.fragment)
    finally:
        document.children.clear()
        for found in practice:
            found["classes"].pop()  # the one appended here: the page keeps its own
        put_back(taken)


def write_json(path: Path, data: object) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    write_if_changed(path, json.dumps(data, ensure_ascii=False, indent=1) + "\n")


def body_path(app: Sphinx, docname: str) -> Path:
    return Path(app.outdir, FOLDER, "summaries", f"{docname}.json")


def write_body(app: Sphinx, pagename: str, _templatename: str, _context: dict,
               doctree: nodes.document | None) -> None:
    """html-page-context: each summary page written writes its printable body."""
    if doctree is None or not is_html_build(app) \
            or pagename not in app.env.get_domain("archive").summaries:
        return
    body = printable_body(app, pagename, doctree)
    if body is not None:
        write_json(body_path(app, pagename), {"docname": pagename, "body": body})


def missing_bodies(app: Sphinx, env, _added, _changed, _removed) -> list[str]:
    """env-get-outdated: summaries whose body file is missing are written again."""
    if not is_html_build(app):
        return []
    return [docname for docname in env.get_domain("archive").summaries
            if not body_path(app, docname).is_file()]


def write_packet_data(app: Sphinx, exception: Exception | None) -> None:
    """build-finished: the index and the works; stale files go."""
    if exception is not None or not is_html_build(app) \
            or app.env.get_domain("archive").catalogue is None:
        return
    folder = Path(app.outdir, FOLDER)
    index = index_data(app)
    try:
        before = json.loads((folder / "index.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        before = {}
    # A work's file is made again only when the bibliography or the code changed
    # (CSL-JSON and BibTeX cost milliseconds a work).
    same = before.get("fingerprint") == index["fingerprint"]
    for key in index["works"]:
        path = folder / "works" / work_file(key)
        if not (same and path.is_file()) and (data := work_data(app.env, key)) is not None:
            write_json(path, data)
    write_json(folder / "index.json", index)
    wanted = {Path(item["data"]).relative_to(FOLDER) for item in index["summaries"]}
    wanted |= {Path("works", work_file(key)) for key in index["works"]}
    for path in [*folder.glob("summaries/**/*.json"), *folder.glob("works/*.json")]:
        if path.relative_to(folder) not in wanted:
            path.unlink()


def add_assets(app: Sphinx, pagename: str, templatename: str, context: dict,
               doctree: nodes.document | None) -> None:
    """html-page-context: the script and styles only on the two pages using them."""
    if doctree is None:
        return
    scripts = {"packet-builder": "packet-chooser.js", "reading-packet": "packet-page.js"}
    for container in doctree.findall(nodes.container):
        kind = next((name for name in scripts if name in container["classes"]), None)
        if kind is not None:
            app.add_js_file("packet-choice.js", loading_method="defer")
            app.add_js_file(scripts[kind], loading_method="defer")
            app.add_css_file("packet.css")
            return


def setup_packet(app: Sphinx) -> None:
    for name in PLACES:
        app.add_directive(name, PacketPlace)
    app.connect("env-get-outdated", missing_bodies)
    app.connect("html-page-context", write_body)
    app.connect("build-finished", write_packet_data)
    app.connect("html-page-context", add_assets)
