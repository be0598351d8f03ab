"""The content policy in the build (``core.policy`` says what is allowed).

- Before reading: no symbolic link under the source folder or the static
  folders (the build stops, naming each), and docutils' own switches for
  file insertion and the ``raw`` directive are off for every page.
- While reading (``collect``): a page that breaks the policy is reported at
  its lines and read as a one-line placeholder instead, so MyST never runs
  what it holds.
- After parsing, a backstop: anything the check let through that reads or
  publishes a file from outside the source folder, or a script link, is
  removed with a located warning (it should never fire; a test keeps it so).
"""

from __future__ import annotations

import json
from pathlib import Path

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform
from sphinx.util import logging

from ..core.frontmatter import FrontMatter
from ..core.policy import SAFE_SCHEMES, scheme_of
from ..core.quoting import first_control, one_line, quoted
from ..core.tree import LINK_PROBLEM, symlinks
from .stop import stop_build

logger = logging.getLogger(__name__)

PLACEHOLDER_BODY = ("This page was left out of the archive: it breaks the content policy "
                    "(the build's messages say where and why).\n")


def placeholder(docname: str, front: FrontMatter, toctrees: str) -> str:
    """What the build reads instead of a refused page: a plain-text title, whether
    it is an orphan, and its toctrees; nothing else it held."""
    title = front.fields.get("title")
    title = title.strip() if isinstance(title, str) else ""
    if not title or first_control(title):
        title = f"Left out: {docname}" if first_control(docname) is None else "Left out"
    fields = {"title": title, **({"orphan": True} if front.fields.get("orphan") else {})}
    head = "".join(f"{name}: {json.dumps(value, ensure_ascii=False)}\n"
                   for name, value in fields.items())
    return f"---\n{head}---\n\n{PLACEHOLDER_BODY}\n{toctrees}"


def checked_folders(app: Sphinx) -> list[Path]:
    confdir = Path(app.confdir)
    static = [confdir / name for name in (*app.config.html_static_path,
                                          *app.config.html_extra_path,
                                          *app.config.templates_path)]
    bibfiles = [confdir / name for name in getattr(app.config, "bibtex_bibfiles", [])]
    return [Path(app.srcdir), *(p for p in static if p.exists() or p.is_symlink()),
            *(p for p in bibfiles if p.is_symlink())]


def refuse_links_and_file_insertion(app: Sphinx) -> None:
    """builder-inited: stop on any symbolic link; switch docutils' file reading off."""
    found = symlinks(checked_folders(app))
    for path in found[:-1]:
        logger.error(f"{path}: {LINK_PROBLEM}", type="archive", subtype="policy")
    if found:
        stop_build(f"{found[-1]}: {LINK_PROBLEM}")
    # include, literalinclude, csv-table :file:/:url:, raw :file: and raw itself
    app.env.settings["file_insertion_enabled"] = False
    app.env.settings["raw_enabled"] = False


def inside(path: str, srcdir: Path) -> bool:
    resolved = Path(path).resolve()
    return resolved == srcdir or srcdir in resolved.parents


def in_front_matter(node: nodes.Node) -> bool:
    parent = node.parent
    while parent is not None:
        if isinstance(parent, (nodes.docinfo, nodes.field_list)):
            return True
        parent = parent.parent
    return False


class PolicyBackstop(SphinxTransform):
    """Remove what reads or publishes files from outside the source folder."""

    default_priority = 100  # right after parsing, before the collectors at doctree-read

    def warn(self, node: nodes.Node, message: str) -> None:
        logger.warning(one_line(message), location=node, type="archive", subtype="policy")

    def apply(self) -> None:
        srcdir = Path(self.env.srcdir).resolve()
        docname = self.env.docname
        for image in list(self.document.findall(nodes.image)):
            uri = image.get("uri", "")
            if scheme_of(uri) is None and not inside(self.env.relfn2path(uri, docname)[1],
                                                     srcdir):
                self.warn(image, f"the image {quoted(uri)} is outside docs/ and was left out")
                image.parent.remove(image)
        for download in list(self.document.findall(addnodes.download_reference)):
            target = download.get("reftarget", "")
            if scheme_of(target) is None and not inside(
                    self.env.relfn2path(target, docname)[1], srcdir):
                self.warn(download, f"the download {quoted(target)} is outside docs/ and was "
                          "left out")
                download.replace_self(nodes.Text(download.astext()))
        for reference in list(self.document.findall(nodes.reference)):
            scheme = scheme_of(reference.get("refuri", ""))
            if scheme is not None and scheme not in SAFE_SCHEMES:
                self.warn(reference, f"the link {quoted(reference['refuri'])} uses the scheme "
                          f"'{scheme}:' and was left out")
                reference.replace_self(nodes.Text(reference.astext()))
        source = self.document.get("source")
        for raw in list(self.document.findall(nodes.raw)):
            # MyST's raw HTML from the page's text; in the front matter's fields it is
            # inert (Sphinx keeps those as plain text and drops the nodes).
            if raw.source == source and raw.line and not in_front_matter(raw):
                self.warn(raw, "raw HTML was left out")
                raw.parent.remove(raw)


def setup_policy(app: Sphinx) -> None:
    app.connect("builder-inited", refuse_links_and_file_insertion, priority=300)
    app.add_transform(PolicyBackstop)
