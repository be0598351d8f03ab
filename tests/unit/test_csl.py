"""APA 7 rendering, checked against citeproc-js (the CSL processor of Zotero).

The oracle (``tests/oracle/apa_oracle.js``) runs citeproc-js directly, with
the same apa.csl and en-US locale, on CSL-JSON written by hand as a reference
manager stores the works (``tests/roots/test-csl/_data/hard-cases.json``, and
``REAL_CSL`` below for the real bibliography), never on our mapping. Ours
starts from the BibTeX (``tests/roots/test-csl/refs.bib``, the same fictional
works) and goes through the whole path: pybtex, our CSL-JSON mapping, one
citeproc-js batch, our narrative form and our pieces for links. Every
reference (its markup: italics included) and every in-text case of the
hard-case page must be identical. A few results are also written out by hand
from the APA 7 rules, so that an oracle slip cannot hide either.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path

import pytest
from pybtex.database import parse_file

from summary_archive.citations import citeproc_js
from summary_archive.citations.csl_json import csl_item, literal_text, rich_text
from summary_archive.citations.engine import ApaBibliography, Cite, Rendering, plain_text
from summary_archive.citations.intext import markup, with_and

from apa_oracle import (CASES_PAGE, HARD_BIB, HARD_JSON, hard_items, hard_oracle, oracle,
                        page_cases)

REPO = Path(__file__).resolve().parents[2]


def mapped(bibfile: Path) -> dict[str, dict]:
    return {key: csl_item(key, entry) for key, entry in parse_file(str(bibfile)).entries.items()}


@functools.cache
def hard() -> tuple[ApaBibliography, dict, list[Cite]]:
    cases = page_cases(CASES_PAGE)
    ours = ApaBibliography.update(None, mapped(HARD_BIB), cases)
    return ours, hard_oracle(), cases


def test_the_hard_cases_cover_what_the_issue_asks():
    items = json.loads(HARD_JSON.read_text(encoding="utf-8"))
    assert len(items) >= 30
    counts = {len(item.get("author", ())) for item in items}
    assert {1, 2, 3, 7, 20, 21, 25} <= counts
    types = {item["type"] for item in items}
    assert {"article-journal", "book", "chapter", "report", "thesis", "webpage"} <= types
    cases = page_cases(CASES_PAGE)
    assert len(cases) >= 60
    assert {c.textual for c in cases} == {True, False}
    assert sum(len(c.keys) > 1 for c in cases) >= 10
    assert sorted(mapped(HARD_BIB)) == sorted(item["id"] for item in items)


def test_every_reference_is_citeproc_js_s_italics_included():
    ours, expected, _cases = hard()
    assert ours.keys == expected["order"]  # APA order, as citeproc-js sorts
    for key in ours.keys:
        assert ours.reference(key) == expected["references"][key], key


def test_every_in_text_case_is_citeproc_js_s():
    ours, expected, cases = hard()
    assert len(expected["cites"]) == len(cases)
    for case, want in zip(cases, expected["cites"], strict=True):
        assert markup(ours.citation(case.keys, case.textual)) == want, case


def test_each_work_of_a_citation_is_its_own_piece():
    ours, _expected, _cases = hard()
    okafor = ("okafor2021second", "okafor2019early", "okafor2021first")
    assert ours.citation(okafor, False) == (
        (None, "("), ("okafor2019early", "Okafor, 2019"), (None, ", "),
        ("okafor2021first", "2021a"), (None, ", "), ("okafor2021second", "2021b"), (None, ")"))
    assert ours.citation(okafor, True) == (
        (None, "Okafor "), (None, "("), ("okafor2019early", "2019"), (None, ", "),
        ("okafor2021first", "2021a"), (None, ", "), ("okafor2021second", "2021b"),
        (None, ")"))
    assert ours.citation(("pairson2021two", "abara2018seven"), True) == (
        ("pairson2021two", "Pairson and Müller (2021)"), (None, " and "),
        ("abara2018seven", "Abara et al. (2018)"))
    for case in hard()[2]:
        keys = {key for key, _text in ours.citation(case.keys, case.textual) if key}
        assert keys == set(case.keys), case  # every work links somewhere


# Written out by hand from the APA 7 rules (Publication Manual, ch. 8-10).
APA_BY_HAND = {
    "references": {
        "chapman2017chapter": "Chapman, M. N. (2017). A chapter in an edited book. In O. "
                              "Editorson & P. Q. Redactor (Eds.), The handbook of tests (3rd "
                              "ed., pp. 33–58). Test Press.",
        "lindgren2020handbook": "Lindgren, A. M., & Osei, K. (Eds.). (2020). The handbook of "
                                "session research (2nd ed.). Test Press.",
        "moreau2019thesis": "Moreau, C. (2019). Therapist humour and the working alliance "
                            "[Doctoral dissertation]. University of Testing.",
        "northwind2019report": "Northwind Health Institute. (2019). Waiting times for "
                               "outpatient psychotherapy (Report No. 7).",
        "ibsen2020article": "Ibsen, T. (2020). Outcomes reported with an article number. "
                            "Journal of Test Studies, 4(2), Article e0231457. "
                            "https://doi.org/10.1000/jts.2020.e0231457",
        "ferreira2025accepted": "Ferreira, L. (in press-a). Accepted and waiting. Journal of "
                                "Test Studies.",
        "okafor2021first": "Okafor, N. (2021a). Alliance ruptures in group therapy. Journal "
                           "of Test Studies, 5, 11–20.",
        "apa2020manual": "American Psychological Association. (2020). Publication manual of "
                         "the American Psychological Association (7th ed.). "
                         "https://doi.org/10.1037/0000165-000",
        "acronym2022protected": "Acker, J. (2022). CBT and iPhone apps: A pilot. Journal of "
                                "eHealth Research, 8, 14–19.",
        "clement2017accents": "Clément, É., Núñez, J., & Çelik, A. (2017). Café talk & naïve "
                              "50% rules. Journal of Test Studies, 1, 5–9.",
        "asker2016colon": "Asker, R. (2016). Does therapy work? A question with a colon: and "
                          "an answer. Journal of Test Studies, 1, 1–2.",
        "ender2015question": "Ender, S. (2015). Can a title end with a question? Journal of "
                             "Test Studies, 2, 3–4.",
        "early2024online": "Early, I. J., & Soon, K. (2024). Online before print. Journal of "
                           "Test Studies. Advance online publication. "
                           "https://doi.org/10.1000/jts.2024.1",
        "dupont2020hyphen": "Dupont, J.-P. (2020). Outcomes, 1990–2000, in review. Journal of "
                            "Test Studies, 4, 100–115.",
    },
    "cites": {
        (("okafor2021second", "okafor2019early", "okafor2021first"), False):
            "(Okafor, 2019, 2021a, 2021b)",
        (("okafor2021second", "okafor2019early", "okafor2021first"), True):
            "Okafor (2019, 2021a, 2021b)",
        (("dahl2022rest", "dahl2022mood"), False): "(M. K. Dahl, 2022; R. Dahl, 2022)",
        (("lindqvist2020sandberg", "lindqvist2020bergstrom"), False):
            "(Lindqvist, Bergström, et al., 2020; Lindqvist, Sandberg, et al., 2020)",
        (("wells2018partners",), True): "Wells & Partners Research Group (2018)",
        (("lindgren2020handbook",), True): "Lindgren and Osei (2020)",
        (("okafor2019early", "dahl2022mood", "okafor2021first", "wells2018partners"), True):
            "Okafor (2019, 2021a), M. K. Dahl (2022), and Wells & Partners Research Group (2018)",
        (("ortiz2022undated",), False): "(Ortiz, n.d.)",
    },
}


def test_results_match_apa_written_out_by_hand():
    ours, _expected, _cases = hard()
    for key, text in APA_BY_HAND["references"].items():
        assert plain_text(ours.reference(key)) == text, key
    for (keys, textual), text in APA_BY_HAND["cites"].items():
        assert plain_text(ours.narrative(*keys) if textual else ours.parenthetical(*keys)) \
            == text, keys
    # Zotero's form, kept: citeproc-js collapses "in press" with a semicolon
    # where APA (8.19) writes a comma, "(Ferreira, in press-a, in press-b)".
    assert plain_text(ours.parenthetical("ferreira2025forthcoming", "ferreira2025accepted")) \
        == "(Ferreira, in press-a; in press-b)"
    twentyone = plain_text(ours.reference("twentyone2022more"))
    assert "ToneAr, R., ToneAs, S., … ToneAu, U. (2022)." in twentyone  # 19, ellipsis, last
    assert "ToneAt" not in twentyone and "&" not in twentyone
    assert "TwentyAs, S., & TwentyAt, T. (2022)." in plain_text(ours.reference("twenty2022many"))
    assert "<i>Journal of Test Studies</i>, <i>4</i>(2), Article e0231457." in \
        ours.reference("ibsen2020article")


def journal(key, authors, title, container, year, **more) -> dict:
    return {"id": key, "type": "article-journal", "author": authors, "title": title,
            "container-title": container, "issued": {"date-parts": [[year]]}, **more}


def people(*names: str) -> list[dict]:
    """"Family, Given" strings as CSL names."""
    return [dict(zip(("family", "given"), name.split(", "), strict=True)) for name in names]


REAL_CSL = [
    journal("cuijpers2021effects",
            people("Cuijpers, P.", "Karyotaki, E.", "Ciharova, M.", "Miguel, C.",
                   "Noma, Hisashi", "Furukawa, T. A."),
            "The effects of psychotherapies for depression on response, remission, reliable "
            "change, and deterioration: A meta-analysis", "Acta Psychiatrica Scandinavica",
            2021, DOI="10.1111/acps.13335", status="Advance online publication"),
    journal("genova2021patients",
            people("Genova, F.", "Zingaretti, P.", "Gazzillo, F.", "Tanzilli, A.",
                   "Lingiardi, V.", "Katz, M.", "Hilsenroth, M."),
            "Patients' crying experiences in psychotherapy and relationship with working "
            "alliance, therapeutic change and attachment styles", "Psychotherapy", 2021,
            volume="58", issue="1", page="160–171"),
    {**journal("love2021you", people("Love, H. A.", "Morgan, P. C."),
               "You can tell me anything: Disclosure of suicidal thoughts and behaviors in "
               "psychotherapy", "Psychotherapy", 2021, status="Advance online publication"),
     "issued": {"date-parts": [[2021, 3, 18]]}},
    journal("constantino2021effect",
            people("Constantino, M. J.", "Boswell, J. F.", "Coyne, A. E.", "Swales, T. P.",
                   "Kraus, D. R."),
            "Effect of matching therapists to patients vs assignment as usual on adult "
            "psychotherapy outcomes: A randomized clinical trial", "JAMA Psychiatry", 2021,
            DOI="10.1001/jamapsychiatry.2021.1221"),
    journal("moritz2019it",
            people("Moritz, S.", "Nestoriuc, Y.", "Rief, W.", "Klein, J. P.", "Jelinek, L.",
                   "Peth, J."),
            "It can't hurt, right? Adverse effects of psychotherapy "
            "in patients with depression",
            "European Archives of Psychiatry and Clinical Neuroscience", 2019, volume="269",
            page="577–586"),
    journal("delgadillo2018associations",
            people("Delgadillo, J.", "Saxon, D.", "Barkham, M."),
            "Associations between therapists' occupational burnout and their patients' "
            "depression and anxiety treatment outcomes", "Depression and Anxiety", 2018,
            volume="35", page="844–850"),
]


def test_the_real_bibliography_is_citeproc_js_s():
    cases = [Cite((item["id"],), textual) for item in REAL_CSL for textual in (False, True)]
    cases.append(Cite(("love2021you", "cuijpers2021effects"), False))
    ours = ApaBibliography.update(None, mapped(REPO / "references.bib"), cases)
    expected = oracle(REAL_CSL, cases)
    assert ours.keys == expected["order"]
    assert ours.references == expected["references"]
    assert [markup(ours.citation(c.keys, c.textual)) for c in cases] == expected["cites"]
    assert plain_text(ours.narrative("love2021you")) == "Love and Morgan (2021)"


def post(ident: str, family: str, given: str, date: list[int], title: str) -> dict:
    return {"id": ident, "type": "post-weblog", "title": title,
            "author": [{"family": family, "given": given}],
            "container-title": "Test Archive Summaries", "issued": {"date-parts": [date]},
            "URL": f"https://archive.example.org/{ident}.html"}


def test_cite_this_references_are_each_rendered_alone():
    """Summaries as blog posts: one author's posts of one month, a namesake,
    a title with markup-like text; each as citeproc-js renders it alone,
    though ours share one engine with the bibliography."""
    posts = [post("p1", "Tasca", "Giorgio A.", [2021, 7], "Alpha warmth"),
             post("p2", "Tasca", "Giorgio A.", [2021, 7], "Beta voices"),
             post("p3", "Tasca", "Maria", [2022, 1], "Gamma <i>not</i> italic & Co"),
             post("p4", "Okafor", "Nneka", [2021, 7, 15], "Delta trial")]
    ours_posts = [{**p, "title": literal_text(p["title"])} for p in posts]
    ours = ApaBibliography.update(None, mapped(HARD_BIB), [], ours_posts)
    expected = oracle(hard_items()[:3], [], [{**p, "title": p["title"].replace("<i>", "&lt;i>")
                                               .replace("</i>", "&lt;/i>")} for p in posts])
    texts = [ours.standalone_reference(p) for p in ours_posts]
    assert [plain_text(t) for t in texts] == [plain_text(t).replace("&lt;", "<")
                                              for t in expected["alone"]]
    assert "(2021, July)" in plain_text(texts[0]) and "2021a" not in plain_text(texts[0])
    assert "Gamma <i>not</i> italic & Co" in plain_text(texts[2])


def test_mapping_details():
    entries = parse_file(str(HARD_BIB)).entries
    item = {key: csl_item(key, entry) for key, entry in entries.items()}
    assert item["apa2020manual"]["author"] == [{"literal": "American Psychological Association"}]
    assert "publisher" not in item["apa2020manual"]  # the author: not repeated (APA 9.25)
    assert item["trio2019three"]["author"][1] == {"family": "Kowalski", "given": "Łukasz"}
    assert item["early2024online"]["status"] == "Advance online publication"
    assert "note" not in item["early2024online"]
    assert item["ferreira2025forthcoming"]["status"] == "in press"
    assert "issued" not in item["ferreira2025forthcoming"]
    assert (item["chapman2017chapter"]["type"], item["chapman2017chapter"]["edition"],
            item["chapman2017chapter"]["page"]) == ("chapter", "3", "33–58")
    assert item["lindgren2020handbook"]["edition"] == "2"  # "Second"
    assert (item["northwind2019report"]["genre"], item["hale2021technical"]["genre"]) == (
        "Report", "Technical report")
    assert item["ibsen2020article"]["number"] == "e0231457"
    assert item["ibsen2020article"]["issue"] == "2"
    assert item["ortiz2023page"]["container-title"] == "Practice Network Notes"
    assert item["ortiz2022undated"]["accessed"] == {"date-parts": [[2024, 2, 1]]}
    assert item["king2018suffix"]["author"][0] == {"family": "King", "given": "Martin L.",
                                                   "suffix": "Jr."}
    assert item["vanderberg2019particle"]["author"][0]["non-dropping-particle"] == "van der"
    assert item["acronym2022protected"]["title"] == (
        '<span class="nocase">CBT</span> and <span class="nocase">iPhone</span> apps: '
        '<span class="nocase">A</span> pilot')
    assert item["clement2017accents"]["title"] == "Café talk & naïve 50% rules"
    assert rich_text(r"\emph{Homo sapiens} {\'e}tude") == "<i>Homo sapiens</i> étude"
    real = parse_file(str(REPO / "references.bib")).entries
    assert csl_item("love2021you", real["love2021you"])["issued"] == {
        "date-parts": [[2021, 3, 18]]}


def test_and_in_running_text_never_inside_an_organisation():
    two = {"author": [{"family": "Love"}, {"family": "Morgan"}]}
    assert with_and("Love &#38; Morgan", two) == "Love and Morgan"
    firm = {"author": [{"literal": "Wells & Partners"}]}
    assert with_and("Wells &#38; Partners", firm) == "Wells &#38; Partners"
    both = {"author": [{"family": "Smith"}, {"literal": "Wells & Partners"}]}
    assert with_and("Smith &#38; Wells &#38; Partners", both) == "Smith and Wells &#38; Partners"


class CountingRunner:
    """citeproc-js stand-in: counts batches, renders every item the same."""

    def __init__(self) -> None:
        self.batches: list[dict] = []

    def __call__(self, batch: dict) -> dict:
        self.batches.append(batch)
        ids = [item["id"] for item in batch["items"]]
        return {"order": ids, "references": {i: f"ref {i}" for i in ids},
                "cites": [[[cite["ids"][0], "cite"]] if not cite["textual"] else
                          [{"first": cite["ids"][0], "author": "A", "years": [[cite["ids"][0],
                                                                               "(1)"]]}]
                          for cite in batch["cites"]],
                "standalone": [f"alone {item['id']}" for item in batch["standalone"]]}


def bibliography_batches(runner: CountingRunner) -> list[dict]:
    return [batch for batch in runner.batches if batch["items"]]


def standalone_batches(runner: CountingRunner) -> list[dict]:
    return [batch for batch in runner.batches if batch["standalone"]]


def test_the_store_renders_only_when_something_changed():
    runner = CountingRunner()
    items = {"a": {"id": "a", "type": "book", "title": "A"},
             "b": {"id": "b", "type": "book", "title": "B"}}
    post = {"id": "summary", "type": "post-weblog", "title": "P"}
    first = ApaBibliography.update(None, items, [Cite(("a",), False)], [post], runner)
    # The bibliography (with its citations) and the cite-this references: two
    # batches run at once, none holding both.
    [whole] = bibliography_batches(runner)
    assert len(whole["items"]) == 2 and not whole["standalone"]
    assert len(standalone_batches(runner)) == 1 and len(runner.batches) == 2
    same = ApaBibliography.update(first, items, [Cite(("a",), False)], [post], runner)
    assert len(runner.batches) == 2  # nothing new: no batch at all
    assert same.references == first.references and same.standalone == first.standalone
    ApaBibliography.update(same, items, [Cite(("a", "b"), True)], [post], runner)
    assert len(runner.batches[2]["items"]) == 2  # a new citation sees the whole bibliography
    assert len(runner.batches[2]["cites"]) == 1 and not runner.batches[2]["standalone"]
    ApaBibliography.update(same, items, [Cite(("a",), False)], [{**post, "title": "Q"}], runner)
    assert not runner.batches[3]["items"] and len(runner.batches[3]["standalone"]) == 1
    edited = {**items, "b": {"id": "b", "type": "book", "title": "B, edited"}}
    ApaBibliography.update(same, edited, [Cite(("a",), False)], [post], runner)
    assert len(runner.batches[4]["items"]) == 2 and len(runner.batches[4]["cites"]) == 1
    assert len(runner.batches) == 5


def test_a_prefetched_bibliography_leaves_only_what_it_could_not_know():
    from summary_archive.citations.engine import prefetch, sync_starter
    runner = CountingRunner()
    items = {"a": {"id": "a", "type": "book", "title": "A"},
             "b": {"id": "b", "type": "book", "title": "B"}}
    early = prefetch(items, sync_starter(runner))
    [ahead] = runner.batches
    assert len(ahead["cites"]) == 4 and not ahead["standalone"]  # a and b, in both forms
    singles = [Cite(("a",), False), Cite(("b",), True)]
    apa = ApaBibliography.update(None, items, singles, [], runner, prefetched=early)
    assert len(runner.batches) == 1  # every citation was one the prefetch rendered
    assert apa.keys == ["a", "b"] and apa.parenthetical("a")
    # A citation of two works was not: the whole bibliography once more.
    early = prefetch(items, sync_starter(runner))
    ApaBibliography.update(None, items, [*singles, Cite(("a", "b"), False)], [], runner,
                           prefetched=early)
    assert len(runner.batches) == 3 and runner.batches[2]["cites"] == [
        {"ids": ["0", "1"], "textual": False}]
    # Rendered for a bibliography that changed since: not used.
    early = prefetch({"a": items["a"]}, sync_starter(runner))
    ApaBibliography.update(None, items, singles, [], runner, prefetched=early)
    assert len(runner.batches[-1]["items"]) == 2 and len(runner.batches) == 5


def test_many_cite_this_references_are_rendered_in_parts_at_once_in_order(monkeypatch):
    from summary_archive.citations import engine
    monkeypatch.setattr(engine, "PARTS", 2)
    runner = CountingRunner()
    posts = [{"id": f"p{n}", "type": "post-weblog", "title": f"P{n}"}
             for n in range(2 * engine.SPLIT_ABOVE + 1)]
    apa = ApaBibliography.update(None, {}, [], posts, runner)
    assert [len(batch["standalone"]) for batch in runner.batches] == [201, 200]
    texts = [apa.standalone_reference(post) for post in posts]
    assert texts == [f"alone s{n}" for n in range(201)] + [f"alone s{n}" for n in range(200)]


def test_prefetched_and_not_the_engine_gives_the_same_text():
    """The real citeproc-js, on the hard cases: rendering the bibliography while
    the pages are read changes no reference and no citation."""
    from summary_archive.citations.engine import prefetch
    ours, _, cases = hard()
    items = mapped(HARD_BIB)
    early = ApaBibliography.update(None, items, cases, prefetched=prefetch(items))
    assert early.keys == ours.keys and early.references == ours.references
    assert {cite: early.cites[cite] for cite in cases} == {cite: ours.cites[cite]
                                                            for cite in cases}


def test_unknown_keys_are_left_out_and_nothing_asks_the_engine_for_none():
    runner = CountingRunner()
    apa = ApaBibliography.update(None, {}, [Cite(("missing",), True)], [], runner)
    assert apa.citation(("missing",), True) == () and not runner.batches
    assert render_nothing() == Rendering([], {}, {}, [])


def render_nothing() -> Rendering:
    from summary_archive.citations.engine import render
    return render({}, [], [], runner=lambda batch: pytest.fail("no batch expected"))


def test_a_missing_node_is_one_sentence_saying_what_to_do(monkeypatch):
    monkeypatch.setenv("PATH", "/nonexistent")
    with pytest.raises(citeproc_js.CiteprocUnavailable, match="install Node.js"):
        citeproc_js.node_binary()
    monkeypatch.setenv("ARCHIVE_NODE_MODULES", "/nonexistent")
    with pytest.raises(citeproc_js.CiteprocUnavailable, match="npm ci"):
        citeproc_js.modules_folder()
