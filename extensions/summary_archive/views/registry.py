"""Every kind of view, registered once: how to render it and what it shows.

A view is what an ``archive_view`` placeholder stands for (a list, an index,
a summary's header...). Each kind is declared once, as a ``ViewKind`` next to
its rendering, and registered by its package's ``setup_*`` function:

- ``render(renderer, argument)`` gives its nodes, for any builder;
- ``shown_by(env, argument, docname)`` gives the plain data it shows, so a page
  is written again exactly when that data changes (``pages_to_rewrite``);
- ``from_catalogue``: it shows only what the catalogue holds (the summaries'
  records, the vocabulary, the month intros), so while the catalogue's inputs
  are those of the last build its data is known unchanged without asking;
- ``searched``: its text is for the search index. A view that is not (a list
  of other pages' titles and teasers, links to neighbours, cite-this) marks
  all it renders ``no-search``, and an HTML build renders it as the page is
  written, in the ``-j`` worker writing it, rather than in the main process.

A kind without ``render`` only marks a page as depending on something (the
in-text citations, the Downloads manifest); it has no placeholder of its own.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, NamedTuple

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

ShownBy = Callable[[BuildEnvironment, str, str], Any]
Render = Callable[[Any, str], list[nodes.Node]]


class ViewKind(NamedTuple):
    name: str
    shown_by: ShownBy
    render: Render | None = None
    from_catalogue: bool = False
    searched: bool = True


_KINDS: dict[str, ViewKind] = {}


def register(*kinds: ViewKind) -> None:
    """Make view kinds known (again, idempotently, for each Sphinx app)."""
    for view_kind in kinds:
        existing = _KINDS.get(view_kind.name)
        if existing is not None and existing != view_kind:
            raise ValueError(f"two archive views are named {view_kind.name!r}")
        _KINDS[view_kind.name] = view_kind


def kind(name: str) -> ViewKind:
    try:
        return _KINDS[name]
    except KeyError:
        raise ValueError(f"unknown archive view {name!r}") from None


def nothing(env: BuildEnvironment, argument: str, docname: str) -> None:
    """``shown_by`` of views that change only with the vocabulary (compared anyway)."""
    return None


def pages_to_rewrite(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """env-updated: the pages whose views now show something else."""
    domain = env.get_domain("archive")

    def describe(docname: str, view: tuple[str, str]) -> object:
        name, argument = view
        return kind(name).shown_by(env, argument, docname)

    return domain.changed_pages(describe, lambda view: kind(view[0]).from_catalogue)
