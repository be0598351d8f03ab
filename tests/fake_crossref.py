"""A local stand-in for Crossref's REST API, on 127.0.0.1, for the importer's tests.

It answers ``GET /works?query.bibliographic=...&rows=N`` with a work list in
the shape Crossref documents (github.com/CrossRef/rest-api-doc, api_format.md:
a ``message`` of ``items``, each with ``DOI``, ``title`` and ``subtitle`` as
lists, ``author`` with ``family``/``given``/``sequence``, ``issued`` and
``published-*`` as ``date-parts``, ``volume``, ``issue``, ``page``,
``container-title``, ``type``). The records it knows are invented (DOI prefix
10.5555, Crossref's test prefix); a query gets every record whose title is in
the query, or whose first author is named in it, or none. It counts the requests it was sent.
"""

from __future__ import annotations

import http.server
import json
import threading
import urllib.parse


def work(doi: str, title: str, authors: list[tuple[str, str]], year: int, *,
         journal: str = "", volume: str = "", issue: str = "", page: str = "",
         subtitle: str = "", online: int | None = None) -> dict:
    item = {
        "DOI": doi, "type": "journal-article", "title": [title],
        "container-title": [journal] if journal else [], "publisher": "Invented Publisher",
        "author": [{"given": given, "family": family, "affiliation": [],
                    "sequence": "first" if number == 0 else "additional"}
                   for number, (family, given) in enumerate(authors)],
        "issued": {"date-parts": [[online or year]]},
        "published-print": {"date-parts": [[year, 3]]},
        "score": 50.0, "reference-count": 0, "source": "Crossref",
        "prefix": doi.split("/")[0], "member": "0",
    }
    if online:
        item["published-online"] = {"date-parts": [[online, 11, 2]]}
    if subtitle:
        item["subtitle"] = [subtitle]
    item.update({name: value for name, value in
                 (("volume", volume), ("issue", issue), ("page", page)) if value})
    return item


class FakeCrossref:
    def __init__(self, records: list[dict]) -> None:
        self.records = records
        self.requests: list[dict] = []  # the query parameters and User-Agent of each
        fake = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 - the base class's name
                url = urllib.parse.urlsplit(self.path)
                query = dict(urllib.parse.parse_qsl(url.query))
                fake.requests.append({**query, "path": url.path,
                                      "user-agent": self.headers.get("User-Agent", "")})
                if url.path.rstrip("/") != "/works":
                    return self.reply(404, {"status": "error", "message-type": "route-not-found",
                                            "message": [{"message": "no such route"}]})
                words = query.get("query.bibliographic", "").casefold()
                items = [r for r in fake.records if r["title"][0].casefold() in words
                         or r["author"][0]["family"].casefold() in words]
                rows = int(query.get("rows", "20"))
                return self.reply(200, {
                    "status": "ok", "message-type": "work-list", "message-version": "1.0.0",
                    "message": {"facets": {}, "total-results": len(items),
                                "items": items[:rows], "items-per-page": rows,
                                "query": {"start-index": 0, "search-terms": None}}})

            def reply(self, status: int, body: dict) -> None:
                data = json.dumps(body).encode("utf-8")
                self.send_response(status)
                self.send_header("Content-Type", "application/json;charset=utf-8")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, format, *args):  # noqa: A002
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> FakeCrossref:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()
