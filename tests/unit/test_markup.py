"""citeproc's markup as docutils nodes: parsed once, a fresh copy each time."""

from __future__ import annotations

from docutils import nodes

from summary_archive.views.markup import markup_nodes

MARKUP = 'Doe, J. (2021). <i>A title</i>. https://doi.org/10.1000/x'


def test_each_call_gives_new_nodes_with_the_same_content():
    first, second = markup_nodes(MARKUP), markup_nodes(MARKUP)
    assert [n.astext() for n in first] == [n.astext() for n in second]
    assert all(a is not b for a, b in zip(first, second, strict=True))
    paragraph = nodes.paragraph()
    paragraph.extend(first)  # one tree takes them; the next call's are unattached
    assert all(node.parent is None for node in markup_nodes(MARKUP))
    assert any(isinstance(node, nodes.emphasis) for node in second)
