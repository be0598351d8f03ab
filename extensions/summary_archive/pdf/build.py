"""Build the PDFs: ``archive-pdf all|packet ...`` (``make pdf``, ``make collection``).

``all`` (``make pdf``): one strict LaTeX build writes a ``.tex`` per collection
(see ``pdf``); latexmk runs only for those whose ``.tex`` (or Sphinx's LaTeX
support files) changed since the last build, and the PDFs are published in
``_build/html/downloads/`` with ``downloads.json`` (title, number of summaries,
pages, size) for the Downloads page.

``packet`` (``make collection``): checks a selection from the command line,
then builds that one PDF into ``_build/packets/`` and says where.

The date on a title page is written to ``<name>.built`` only when that PDF is
rebuilt: ``SOURCE_DATE_EPOCH`` if set (reproducible builds), else today.

Nothing is lost or left half-done: the build folder's lock keeps a second
build waiting; PDFs and the manifest are written beside their published copy
and renamed over it; a LaTeX run that was interrupted (Ctrl-C) or failed
leaves a ``<name>.running`` mark, and the next build starts that PDF afresh
instead of tripping over what the broken run left.
"""

from __future__ import annotations

import argparse
import datetime as dt
import filecmp
import hashlib
import json
import os
import re
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import yaml
from pypdf import PdfReader

from ..core.buildlock import build_lock, publish_file, publish_text
from ..core.project import project_files
from ..core.quoting import one_line
from ..core.selection import SelectionError, collection
from ..core.summaries import valid_summaries
from ..core.text import write_if_changed
from ..core.vocabulary import VocabularyError, load_vocabulary
from .config import PAPERS

SUPPORT_PATTERNS = ("*.sty", "*.cls", "latexmkrc")
# What latexmk and xelatex leave for a PDF; an interrupted run can leave them broken.
RUN_FILES = (".aux", ".toc", ".out", ".fdb_latexmk", ".fls", ".xdv", ".log", ".pdf")


class BuildFailed(Exception):
    """A step failed; the message says which and where to look."""


def build_date() -> str:
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    moment = (dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc) if epoch
              else dt.datetime.now(dt.timezone.utc))
    return f"{moment.day} {moment:%B %Y}"


def run_sphinx(source: Path, confdir: Path, workdir: Path, jobs: str,
               overrides: list[str]) -> list[dict]:
    """The strict LaTeX build; returns the collections it wrote."""
    outdir = workdir / "latex"
    command = [sys.executable, "-m", "sphinx", "-b", "latex", "-c", str(confdir), "-j", jobs,
               "-W", "--keep-going", "-n", "-q", "-D", "archive_pdf=1",
               *(arg for value in overrides for arg in ("-D", value)),
               "-d", str(workdir / "doctrees"), str(source), str(outdir)]
    if subprocess.run(command).returncode:
        raise BuildFailed("the LaTeX build of the PDFs failed (see the messages above)")
    return json.loads((outdir / "collections.json").read_text(encoding="utf-8"))


def digest(outdir: Path, name: str) -> str:
    """What a PDF is made from: its .tex and the LaTeX support files."""
    hasher = hashlib.blake2b(digest_size=16)
    support = sorted(p for pattern in SUPPORT_PATTERNS for p in outdir.glob(pattern))
    for path in [*support, outdir / f"{name}.tex"]:
        hasher.update(path.name.encode() + b"\0" + path.read_bytes())
    return hasher.hexdigest()


def latexmk(outdir: Path, name: str) -> None:
    env = {**os.environ, "FORCE_SOURCE_DATE": "1"} if "SOURCE_DATE_EPOCH" in os.environ \
        else dict(os.environ)
    running = outdir / f"{name}.running"
    if running.exists():  # the last run of this PDF was interrupted or failed
        for suffix in RUN_FILES:
            (outdir / f"{name}{suffix}").unlink(missing_ok=True)
    running.touch()
    result = subprocess.run(["latexmk", "-pdfxe", "-interaction=nonstopmode", "-halt-on-error",
                             "-quiet", f"{name}.tex"], cwd=outdir, env=env,
                            capture_output=True, text=True)
    if result.returncode:
        log = outdir / f"{name}.log"
        errors = [line for line in log.read_text(errors="replace").splitlines()
                  if line.startswith("!")] if log.is_file() else []
        raise BuildFailed(f"xelatex failed on {outdir / name}.tex: "
                          + ("; ".join(errors[:3]) or result.stdout[-500:])
                          + f" (full log: {log})")
    running.unlink()


def compile_changed(outdir: Path, names: list[str], state_file: Path) -> list[str]:
    """Run latexmk for the PDFs whose sources changed; returns their names."""
    state = json.loads(state_file.read_text()) if state_file.is_file() else {}
    digests = {name: digest(outdir, name) for name in names}
    stale = [n for n in names if state.get(n) != digests[n] or not (outdir / f"{n}.pdf").is_file()
             or (outdir / f"{n}.running").exists()]
    date = build_date()
    for name in stale:
        (outdir / f"{name}.built").write_text(date + "\n", encoding="utf-8")
        state.pop(name, None)  # a failed build must not look up to date next time
    state_file.write_text(json.dumps(state, indent=1, sort_keys=True))
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        failures = []
        for name, future in [(n, pool.submit(latexmk, outdir, n)) for n in stale]:
            try:
                future.result()
                state[name] = digests[name]
            except BuildFailed as error:
                failures.append(str(error))
    state = {name: value for name, value in state.items() if name in digests}
    state_file.write_text(json.dumps(state, indent=1, sort_keys=True))
    if failures:
        raise BuildFailed("\n".join(failures))
    return stale


def publish(outdir: Path, collections: list[dict], target: Path) -> None:
    """Copy changed PDFs to the downloads folder, drop stale ones, write the manifest.

    Each file is written beside its published copy and renamed over it, so a
    failure (a full disk) leaves every published file whole; it is reported."""
    try:
        _publish(outdir, collections, target)
    except OSError as error:
        raise BuildFailed(f"could not publish the PDFs in {target}/ ({error.strerror or error}: "
                          f"{error.filename or ''}); every file published before is whole "
                          "and unchanged") from None


def _publish(outdir: Path, collections: list[dict], target: Path) -> None:
    target.mkdir(parents=True, exist_ok=True)
    manifest = []
    for item in collections:
        built, published = outdir / f"{item['name']}.pdf", target / f"{item['name']}.pdf"
        if not published.is_file() or not filecmp.cmp(built, published, shallow=False):
            publish_file(built, published)
        manifest.append({**{k: v for k, v in item.items() if k != "docnames"},
                         "file": published.name, "pages": len(PdfReader(published).pages),
                         "bytes": published.stat().st_size})
    names = {f"{item['name']}.pdf" for item in collections}
    for path in target.glob("*.pdf"):
        if path.name not in names:
            path.unlink()
    publish_text(json.dumps(manifest, indent=1, ensure_ascii=False) + "\n",
                 target / "downloads.json")


def paper_override(args: argparse.Namespace) -> list[str]:
    return [f"archive_pdf_paper={args.paper}"] if args.paper else []


def build_all(args: argparse.Namespace) -> None:
    workdir = args.build / "pdf"
    collections = run_sphinx(args.source, args.confdir, workdir, args.jobs,
                             paper_override(args))
    if not collections:
        print("No summaries yet, so no PDFs.")
        return
    outdir = workdir / "latex"
    names = [item["name"] for item in collections]
    rebuilt = compile_changed(outdir, names, workdir / "state.json")
    target = args.build / "html" / "downloads"
    publish(outdir, collections, target)
    print(f"PDFs: {len(rebuilt)} built, {len(names) - len(rebuilt)} unchanged; "
          f"all {len(names)} are in {target}/.")


def build_packet(args: argparse.Namespace) -> None:
    fields = {"title": args.title or "Reading packet", "subtitle": args.subtitle,
              "topics": args.topics, "research_types": args.types, "since": args.since,
              "until": args.until, "summaries": args.summaries}
    if not any(fields[name] for name in ("topics", "research_types", "since", "until",
                                         "summaries")):
        raise SelectionError("choose the summaries: give TOPICS, TYPES, SINCE, UNTIL or "
                             "SUMMARIES, e.g. make collection TOPICS=empathy SINCE=2019-01")
    vocabulary = load_vocabulary(project_files(args.source, args.confdir).vocabulary)
    # Check the selection now: a bad one stops here, before any PDF exists.
    summaries = valid_summaries(args.source, vocabulary, dt.date.today())
    packet = collection(fields, "packet", summaries, vocabulary)
    workdir = args.build / "packet"
    workdir.mkdir(parents=True, exist_ok=True)
    packet_file = (workdir / "packet.yml").resolve()
    write_if_changed(packet_file, yaml.safe_dump({k: v for k, v in fields.items() if v},
                                                 allow_unicode=True, sort_keys=False))
    run_sphinx(args.source, args.confdir, workdir, args.jobs,
               [f"archive_pdf_packet={packet_file}", *paper_override(args)])
    outdir = workdir / "latex"
    compile_changed(outdir, [packet.name], workdir / "state.json")
    target = args.build / "packets" / f"{packet.name}.pdf"
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        publish_file(outdir / f"{packet.name}.pdf", target)
    except OSError as error:
        raise BuildFailed(f"could not write {target} ({error.strerror or error})") from None
    pages = len(PdfReader(target).pages)
    noun = "summary" if len(packet.docnames) == 1 else "summaries"
    print(f"Wrote {target} ({packet.title!r}: {len(packet.docnames)} {noun}, {pages} pages).")


def jobs(value: str) -> str:
    """JOBS: a number of processes or 'auto' (it becomes one sphinx-build argument)."""
    value = value.strip() or "auto"
    if not re.fullmatch(r"auto|[1-9][0-9]{0,2}", value):
        raise argparse.ArgumentTypeError(f"JOBS={value[:40]!r} is not a number of processes; "
                                         "use a number such as 2, or auto")
    return value


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="archive-pdf",
                                     description=__doc__.split("\n\n")[0])
    parser.add_argument("--source", type=Path, default=Path("docs"))
    parser.add_argument("--confdir", type=Path, default=Path("."))
    parser.add_argument("--build", type=Path, default=Path("_build"))
    parser.add_argument("--jobs", default="auto", type=jobs)
    parser.add_argument("--paper", default="",
                        help="the paper the PDFs are set for: letter or a4 (default: letter, "
                             "or archive_pdf_paper in conf.py)")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("all", help="every standard and curated PDF")
    packet = commands.add_parser("packet", help="one PDF from a selection")
    for option in ("title", "subtitle", "topics", "types", "since", "until", "summaries"):
        packet.add_argument(f"--{option}", default="")
    args = parser.parse_args(argv)
    what = "make pdf" if args.command == "all" else "make collection"
    if args.paper and args.paper not in PAPERS:
        print(f"error: --paper is {one_line(args.paper)!r}; the PDFs can be set for "
              f"{' or '.join(map(repr, PAPERS))}", file=sys.stderr)
        return 2
    try:
        with build_lock(args.build, what):
            (build_all if args.command == "all" else build_packet)(args)
    except (SelectionError, VocabularyError) as error:
        print(f"error: {one_line(str(error))}", file=sys.stderr)
        return 2
    except BuildFailed as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(f"\n{what}: interrupted; the PDFs published before are unchanged, and the next "
              "build starts the interrupted ones afresh.", file=sys.stderr)
        return 130
    return 0


if __name__ == "__main__":
    sys.exit(main())
