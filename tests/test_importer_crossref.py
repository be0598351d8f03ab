"""The importer's Crossref check, against a local fake Crossref (tests/fake_crossref.py).

A record is taken only when its title, year and first author agree with the
line; then its DOI, volume, issue and pages fill the entry, which records the
check. Answers are cached, so a re-run needs no network; without a connection
the import goes on and names each unverified entry. A later run brings the
importer's own untouched entries up to date, and never an edited one.
"""

from __future__ import annotations

import datetime as dt
import socket
from pathlib import Path

import pytest
from pybtex.database import parse_file

from fake_crossref import FakeCrossref, work
from summary_archive.importer.run import main

PAGE = Path(__file__).resolve().parent / "fixtures" / "importer" / "crossref" / "blog-2020.txt"
TODAY = dt.date(2026, 11, 26)
RECORDS = [
    work("10.5555/jics.2020.101", "An invented trial of warm greetings",
         [("Okafor", "Nneka"), ("Moreau", "Claire")], 2021, online=2020,
         journal="Journal of Invented Counselling Studies", volume="12", issue="3",
         page="200-210"),
    work("10.5555/tjgp.2020.7", "Another invented study entirely", [("Varga", "Eva")], 2020,
         volume="16", page="1-9"),
    work("10.5555/ijtd.2018.8", "An invented survey of supervision", [("Quist", "Hanna")],
         2018, volume="8", page="10-20"),
    work("10.5555/qtr.2020.9", "An invented study of waiting rooms", [("Stone", "Will")],
         2020, volume="9", page="1-12"),
    work("10.5555/jts.2020.999", "An invented audit of notes", [("Holt", "Dana")], 2020,
         volume="15", page="3-4"),
]
VERIFIED_OKAFOR = {
    "title": "An invented trial of warm greetings", "year": "2020",
    "journal": "Journal of Invented Counselling Studies", "doi": "10.5555/jics.2020.101",
    "volume": "12", "number": "3", "pages": "200--210",
    "verified": "Crossref (doi, volume, number, pages)"}
UNVERIFIED_OKAFOR = {
    "title": "An invented trial of warm greetings", "year": "2020",
    "journal": "Journal of Invented Counselling Studies", "note": "Advance online publication"}


@pytest.fixture
def archive(copy_root) -> Path:
    return copy_root("archive")


def run(src: Path, capsys, *options: str) -> tuple[int, str]:
    code = main([str(PAGE), "--docs", str(src), "--bib", str(src / "refs.bib"),
                 "--author", "Test Author", *options], today=TODAY)
    out, err = capsys.readouterr()
    assert err == ""
    return code, out


def fields(src: Path, key: str) -> dict[str, str]:
    entry = parse_file(str(src / "refs.bib")).entries[key]
    return {name: value for name, value in entry.fields.items() if name != "imported"}


def closed_port_url() -> str:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}"  # nothing listens there now


def test_an_agreeing_record_fills_and_verifies_others_are_named_with_why(archive, capsys):
    with FakeCrossref(RECORDS) as crossref:
        code, out = run(archive, capsys, "--crossref", "--crossref-url", crossref.url)
    assert code == 0 and "Summaries imported: 6\n" in out
    assert fields(archive, "okafor2020invented") == VERIFIED_OKAFOR
    # Nothing from a record that disagrees: each of these is as its line says.
    assert fields(archive, "varga2020invented") == {
        "title": "An invented look at session length", "year": "2020",
        "journal": "Test Journal of Group Process", "volume": "16", "pages": "1--9"}
    assert fields(archive, "holt2020invented")["doi"] == "10.5555/jts.2020.1"
    assert "verified" not in fields(archive, "quist2020invented")
    # Each line went to Crossref's bibliographic query, whole, through habanero.
    lines = [line for line in PAGE.read_text(encoding="utf-8").splitlines()
             if "(2020)." in line]
    assert [r["query.bibliographic"] for r in crossref.requests] == lines
    assert {(r["path"], r["rows"]) for r in crossref.requests} == {("/works", "5")}
    assert all("habanero/" in r["user-agent"] for r in crossref.requests)
    assert "Verified by Crossref: 1 (okafor2020invented)\n" in out
    assert "Not verified: 5\n" in out
    for phrase in [
        "  varga2020invented: Crossref's closest record does not agree with the line: title "
        "'Another invented study entirely'\n",
        "  quist2020invented: Crossref's closest record does not agree with the line: year "
        "2018\n",
        "  abara2020invented: Crossref's closest record does not agree with the line: first "
        "author 'Stone'\n",
        "  holt2020invented: Crossref's matching record has the DOI 10.5555/jts.2020.999, the "
        "line 10.5555/jts.2020.1\n",
        "  novak2020invented: Crossref found no record for the line\n",
        f"{PAGE}:5: Crossref: 'Advance online publication' dropped: Crossref gives the "
        "published volume and pages\n",
    ]:
        assert phrase in out, phrase


def test_answers_are_cached_so_a_second_import_needs_no_network(archive, copy_root, capsys):
    cache = archive.parent / "cache"
    with FakeCrossref(RECORDS) as crossref:
        run(archive, capsys, "--crossref", "--crossref-url", crossref.url,
            "--crossref-cache", str(cache))
    asked = len(crossref.requests)
    assert asked == 6 and len(list(cache.glob("*.json"))) == 6
    other = copy_root("archive", "again")
    code, out = run(other, capsys, "--crossref", "--crossref-url", closed_port_url(),
                    "--crossref-cache", str(cache))
    assert code == 0 and "could not be reached" not in out
    assert (other / "refs.bib").read_text() == (archive / "refs.bib").read_text()
    assert len(crossref.requests) == asked
    third = copy_root("archive", "third")
    code, out = run(third, capsys, "--crossref", "--offline", "--crossref-cache", str(cache))
    assert (third / "refs.bib").read_text() == (archive / "refs.bib").read_text()


def test_without_a_connection_the_import_goes_on_and_says_what_is_unverified(archive, capsys):
    code, out = run(archive, capsys, "--crossref", "--crossref-url", closed_port_url())
    assert code == 0 and "Summaries imported: 6\n" in out
    assert fields(archive, "okafor2020invented") == UNVERIFIED_OKAFOR
    assert "Verified by Crossref: 0\n" in out and "Not verified: 6\n" in out
    assert out.count(": Crossref could not be reached (") == 6


def test_a_later_run_completes_the_importers_own_entry_and_keeps_it(archive, capsys):
    code, first = run(archive, capsys)
    assert fields(archive, "okafor2020invented") == UNVERIFIED_OKAFOR
    assert ("Not verified against Crossref: 6 new entries (run the import with --crossref to "
            "check them): okafor2020invented, ") in first
    with FakeCrossref(RECORDS) as crossref:
        code, second = run(archive, capsys, "--crossref", "--crossref-url", crossref.url)
    assert code == 0 and "Summaries imported: 0\n" in second
    assert fields(archive, "okafor2020invented") == VERIFIED_OKAFOR
    assert ("  updated okafor2020invented: note removed (was 'Advance online publication'); "
            "doi added: '10.5555/jics.2020.101'; volume added: '12'; number added: '3'; "
            "pages added: '200--210'; verified added: 'Crossref (doi, volume, number, "
            "pages)'\n") in second
    assert "0 entries added, 0 reused, 1 updated\n" in second
    after = (archive / "refs.bib").read_bytes()
    code, third = run(archive, capsys)  # no Crossref now: what it gave is kept
    assert (archive / "refs.bib").read_bytes() == after
    assert ", 0 updated\n" in third


def test_an_entry_a_person_edited_is_never_touched(archive, capsys):
    run(archive, capsys)
    bib = archive / "refs.bib"
    edited = bib.read_text(encoding="utf-8").replace(
        'journal = "Journal of Invented Counselling Studies"',
        'journal = "Journal of Invented Counselling Studies (Online)"', 1)
    bib.write_text(edited, encoding="utf-8")
    with FakeCrossref(RECORDS) as crossref:
        code, out = run(archive, capsys, "--crossref", "--crossref-url", crossref.url)
    assert code == 0
    assert bib.read_text(encoding="utf-8") == edited
    assert ", 0 updated\n" in out
    assert (f"{PAGE}:5: the entry okafor2020invented was edited since the import, so it is "
            "left as it is; the line would now give: journal: 'Journal of Invented Counselling "
            "Studies (Online)' -> 'Journal of Invented Counselling Studies'; ") in out
