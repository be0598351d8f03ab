"""`make serve`: a live preview that rebuilds only what an edit changed, and
then stays quiet: the extension writes generated pages only when their text
changes, so a build writes nothing into the watched folders and cannot set
off another one (checked on the files themselves, not by waiting)."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

from helpers import strip_ansi
from repo_copy import MAKE, make_env, repo  # noqa: F401  (the repository-copy fixture)

PAGE = "2021/08/disclosing-suicidal-thoughts"
GROWING = ("1", "2", "topics/", "research-types/")  # summaries, years, months, term pages


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Output:
    """The server's output lines, collected as they come."""

    def __init__(self, stream) -> None:
        self.lines: list[str] = []
        threading.Thread(target=self._read, args=(stream,), daemon=True).start()

    def _read(self, stream) -> None:
        for line in stream:
            self.lines.append(strip_ansi(line.rstrip("\n")))

    def count(self, text: str) -> int:
        return sum(text in line for line in self.lines)

    def wait_for(self, text: str, times: int = 1, timeout: float = 180) -> None:
        deadline = time.monotonic() + timeout
        while self.count(text) < times:
            assert time.monotonic() < deadline, f"no {text!r} after {timeout}s:\n" + \
                "\n".join(self.lines[-30:])
            time.sleep(0.2)


def fetch(port: int, page: str, timeout: float = 30) -> str:
    # "Serving on" is printed just before the server starts listening.
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/{page}.html",
                                        timeout=10) as response:
                return response.read().decode("utf-8")
        except urllib.error.URLError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def watched_files(repo: Path) -> dict[Path, int]:
    """Every file `make serve` watches (the sources, the bibliography, the extension,
    conf.py), with its modification time."""
    roots = [repo / "docs", repo / "references.bib", repo / "conf.py"]
    files = [path for root in roots for path in ([root] if root.is_file() else root.rglob("*"))
             if path.is_file()]
    return {path: path.stat().st_mtime_ns for path in files}


def test_serve_rebuilds_only_the_edited_page_and_does_not_loop(repo: Path):  # noqa: F811
    port = free_port()
    server = subprocess.Popen(
        [*MAKE, "serve", f"SERVE_PORT={port}"], cwd=repo, env=make_env(),
        stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        start_new_session=True)  # its own process group, ended below
    try:
        output = Output(server.stdout)
        output.wait_for(f"Serving on http://127.0.0.1:{port}")
        output.wait_for("build succeeded")
        assert "What Helps Patients Tell" in fetch(port, PAGE)
        assert output.count("build succeeded") == 1
        watched = watched_files(repo)

        source = repo / "docs" / f"{PAGE}.md"
        source.write_text(source.read_text().replace('title: "What Helps',
                                                     'title: "Edited: What Helps'))
        output.wait_for("build succeeded", times=2)
        rebuild = output.lines[output.lines.index("[sphinx-autobuild] Rebuilding..."):]
        reread = {line.rsplit(" ", 1)[-1] for line in rebuild
                  if line.startswith("reading sources")}
        assert PAGE in reread, "\n".join(rebuild)
        # No other summary and no page whose size grows with the archive is read
        # again (a fixed page that depends on build output may be).
        assert not {docname for docname in reread - {PAGE}
                    if docname.startswith(GROWING) or docname in ("archive", "index")}
        assert "Edited: What Helps Patients Tell" in fetch(port, PAGE)
        assert "Edited: What Helps Patients Tell" in fetch(port, "topics/empathy")

        # No loop: the rebuild wrote nothing where the server watches but the
        # edited page, so nothing can set off another build.
        changed = {path for path, mtime in watched_files(repo).items()
                   if watched.get(path) != mtime}
        assert changed == {source}
        assert output.count("build succeeded") == 2
        assert output.count("Detected changes") == 1
        assert not (repo / "_build/html").exists()  # the preview never touches the archive
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
