"""``make html``: build the HTML archive into a copy and publish it only whole.

The strict build runs on a copy of the last good archive (``html.next``,
with its saved environment, so the build stays incremental). Only when it
succeeds is the copy renamed into place, and each rename is checked: if one
fails, the last good archive is put back and the build fails, saying where
the new one is. A failed build is kept in ``html.failed`` to look at; the
published archive and its ``downloads/`` are never touched. A second build
waits for the first (``core.buildlock``); a build stopped between the two
renames is repaired by the next one.

Options for sphinx-build come from the environment, never from a shell
command line: ``SPHINXOPTS`` (split like a shell would, without running
anything) and ``JOBS`` (a number or ``auto``).

Usage: python -m summary_archive.cli.html SOURCE CONFDIR BUILDDIR
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

from ..core.buildlock import build_lock

STRICT = ("-W", "--keep-going", "-n")
# sphinx-build's options that take a value as the next word.
TAKES_VALUE = frozenset({"-D", "-A", "-t", "-j", "--define", "--html-define", "--tag",
                         "--jobs"})
# What make html decides itself: the builder, where the configuration comes
# from, where output and warnings go.
FIXED = frozenset({"-b", "--builder", "-M", "-c", "--conf-dir", "-C", "--isolated", "-d",
                   "--doctree-dir", "-w", "--warning-file"})


class Refused(Exception):
    """A problem with the command's arguments; the message says which."""


class PublishFailed(Exception):
    """A step of publishing failed; the message says what is where."""


def sphinx_options(environ: dict[str, str]) -> list[str]:
    """``-j JOBS`` and the options in ``SPHINXOPTS``, checked."""
    jobs = environ.get("JOBS", "").strip() or "auto"
    if not re.fullmatch(r"auto|[1-9][0-9]{0,2}", jobs):
        raise Refused(f"JOBS={jobs[:40]!r} is not a number of processes; use a number "
                      "such as 2, or auto")
    try:
        extra = shlex.split(environ.get("SPHINXOPTS", ""))
    except ValueError as error:
        raise Refused(f"SPHINXOPTS cannot be read ({error}); quote each option as in a "
                      "shell, e.g. SPHINXOPTS='-v -D language=en'") from None
    expects_value = False
    for word in extra:
        name = word.split("=", 1)[0] if word.startswith("--") else word[:2]
        if expects_value:
            expects_value = False
        elif not word.startswith("-") or word == "--":
            raise Refused(f"SPHINXOPTS: {word[:40]!r} is not an option of sphinx-build; "
                          "give options only, e.g. SPHINXOPTS='-v -D language=en'")
        elif name in FIXED:
            raise Refused(f"SPHINXOPTS: {name} is set by make html itself (the builder, the "
                          "configuration and the output folders cannot be changed)")
        else:
            expects_value = name in TAKES_VALUE and word == name
    return ["-j", jobs, *extra]


def recover(html: Path, old: Path) -> None:
    """Finish or undo a publication that was stopped between its two renames."""
    if old.exists() and not html.exists():
        os.rename(old, html)  # stopped after moving the old archive away: put it back
    elif old.exists():
        shutil.rmtree(old)  # stopped after the new one was in place: only cleanup was left


def swap(new: Path, html: Path, old: Path) -> None:
    """Put ``new`` in the place of ``html``; on any failure, keep the old archive."""
    had_old = html.exists()
    if had_old:
        os.rename(html, old)
    try:
        os.rename(new, html)
    except OSError:
        if had_old and not html.exists():
            os.rename(old, html)
        raise
    if had_old:
        shutil.rmtree(old)


def build(source: Path, confdir: Path, builddir: Path, environ: dict[str, str]) -> int:
    options = sphinx_options(environ)
    html, new, old, failed = (builddir / name for name in ("html", "html.next", "html.old",
                                                           "html.failed"))
    recover(html, old)
    for leftover in (new, failed):
        if leftover.exists():
            shutil.rmtree(leftover)
    if html.exists():
        copied = subprocess.run(["cp", "-a", "--", str(html), str(new)])
        if copied.returncode:
            shutil.rmtree(new, ignore_errors=True)
            raise PublishFailed(f"could not copy {html}/ to build on (see above); nothing "
                                "changed")
    command = [sys.executable, "-m", "sphinx", "-b", "html", "-c", str(confdir), *STRICT,
               *options, "--", str(source), str(new)]
    status = subprocess.run(command).returncode
    if status:
        if new.exists():
            os.rename(new, failed)
        print(f"The build failed (see above); the last good archive in {html}/ is unchanged. "
              f"The failed build is in {failed}/ to look at.", file=sys.stderr)
        return status
    try:
        swap(new, html, old)
    except OSError as error:
        raise PublishFailed(f"the new archive could not be put in place of {html}/ "
                      f"({error.strerror or error}); {html}/ still holds the last good "
                      f"archive and the new one is in {new}/") from None
    print(f"The HTML archive is in {html}/ (open {html}/index.html).")
    return 0


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 3:
        print(__doc__.rsplit("Usage: ", 1)[1], file=sys.stderr)
        return 2
    source, confdir, builddir = (Path(arg) for arg in args)
    try:
        with build_lock(builddir, "make html"):
            return build(source, confdir, builddir, dict(os.environ))
    except Refused as refused:
        print(f"make html: {refused}", file=sys.stderr)
        return 2
    except PublishFailed as failed:
        print(f"make html: {failed}", file=sys.stderr)
        return 1
    except OSError as error:
        print(f"make html: {error.strerror or error}: {error.filename}; the last good "
              "archive is unchanged", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("\nmake html: interrupted; the last good archive is unchanged.", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
