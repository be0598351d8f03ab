"""summary_archive: a Sphinx extension for an archive of research summaries.

Each summary is a MyST page whose front matter names its month, topics,
research type and reviewed article. The extension validates that metadata,
keeps it in one store, and builds the archive's navigation from it. This
module only composes the parts, each set up by its own package:

- ``core``, ``citations``: the pure data model and the references (no Sphinx)
- ``store``: what the build knows of each page (the domain, reading, checks)
- ``views``: lists, headers, references and citations, for any builder
- ``web``: what only the HTML archive has (feeds, facets, head tags)
- ``pdf``: the PDF collections (LaTeX)
- ``cli``, ``importer``: contributor commands that run without Sphinx
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sphinx.application import Sphinx

__version__ = "0.2.0"


def _code_fingerprint() -> int:
    """Changes with any of the extension's source files: saved environments and
    pages made by other code are then rebuilt, not reused with stale output."""
    digest = hashlib.blake2b(digest_size=4)
    sources = [*Path(__file__).parent.rglob("*.py"), *Path(__file__).parent.rglob("*.js")]
    for source in sorted(sources):
        digest.update(source.read_bytes())
    return int.from_bytes(digest.digest(), "big")


def setup(app: Sphinx) -> dict[str, Any]:
    # Imported here, not above: the commands that run without Sphinx import
    # this package too, and must not pay for (or depend on) Sphinx.
    from .pdf import setup_pdf
    from .store import setup_store
    from .store.domain import ArchiveDomain
    from .views import setup_views
    from .web import setup_web

    app.setup_extension("sphinxcontrib.bibtex")
    setup_store(app)
    setup_views(app)
    setup_web(app)
    setup_pdf(app)
    return {
        "version": __version__,
        "env_version": ArchiveDomain.data_version * 2**32 + _code_fingerprint(),
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
