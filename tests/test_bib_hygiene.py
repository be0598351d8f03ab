"""Bibliography hygiene: each problem is one warning naming the file, the line,
the key and what is wrong; reported again on every build until it is fixed.
(Duplicate keys and unreadable entries stop the build: test_bad_metadata.py.)"""

from __future__ import annotations


import pytest

from helpers import article, strip_ansi, text

PROBLEMS = """
@article{nojournal2020x,
  author  = {Nobody, A.},
  title   = {Missing its journal},
  year    = {2020}
}

@incollection{nobook2020c,
  author    = {Chaptered, D.},
  title     = {A chapter without its book},
  publisher = {Test Press},
  year      = {2020}
}

@article{baddoi2020y,
  author  = {Baddoi, B.},
  title   = {A broken DOI},
  journal = {Journal},
  year    = {2020},
  doi     = {10:1001/jamapsychiatry.2021.1221}
}

@article{prefixed2020z,
  author  = {Prefixed, C.},
  title   = {A DOI with its prefix},
  journal = {Journal},
  year    = {2020},
  doi     = {https://doi.org/10.1000/xyz}
}
"""


def warning_lines(app) -> list[str]:
    return strip_ansi(app.warning.getvalue()).splitlines()


@pytest.fixture
def problems(make_app, copy_root):
    srcdir = copy_root("archive")
    bib = srcdir / "refs.bib"
    bib.write_text(bib.read_text() + PROBLEMS)
    alpha = srcdir / "2021/07/alpha.md"
    alpha.write_text(alpha.read_text().replace(
        "A second sentence.", "A second sentence citing {cite:p}`missing2020key`."))
    app = make_app("html", srcdir=srcdir)
    app.build()
    app.cleanup()
    return app, srcdir, bib, make_app


def line_of(bib, text_in_line: str) -> int:
    return next(number for number, line in enumerate(bib.read_text().splitlines(), 1)
                if text_in_line in line)


def test_missing_required_fields_name_the_entry_line_and_the_type_rule(problems):
    app, _, bib, _ = problems
    lines = warning_lines(app)
    assert (f"{bib}:{line_of(bib, '@article{nojournal2020x')}: WARNING: entry 'nojournal2020x': "
            "@article entry lacks the required field(s) journal (an @article needs author, "
            "title, journal, year) [archive.bibliography]") in lines
    assert (f"{bib}:{line_of(bib, '@incollection{nobook2020c')}: WARNING: entry 'nobook2020c': "
            "@incollection entry lacks the required field(s) booktitle (an @incollection needs "
            "author, title, booktitle, publisher, year) [archive.bibliography]") in lines


def test_malformed_and_prefixed_dois_name_the_doi_line(problems):
    app, _, bib, _ = problems
    lines = warning_lines(app)
    assert (f"{bib}:{line_of(bib, '10:1001/jama')}: WARNING: entry 'baddoi2020y': doi "
            "'10:1001/jamapsychiatry.2021.1221' is not a DOI; a DOI looks like 10.1037/pst0000001 "
            "(10., a number, a slash, a suffix) [archive.bibliography]") in lines
    assert (f"{bib}:{line_of(bib, 'https://doi.org/10.1000/xyz')}: WARNING: entry "
            "'prefixed2020z': doi 'https://doi.org/10.1000/xyz' carries a prefix; write it bare, "
            "as '10.1000/xyz' (the style adds https://doi.org/) [archive.bibliography]") in lines


def test_a_cited_key_missing_from_the_bibliography_names_the_page_and_line(problems):
    app, srcdir, _, _ = problems
    assert (f"{srcdir}/2021/07/alpha.md:11: WARNING: cited work 'missing2020key' is not in "
            "refs.bib; add its entry there or correct the key [archive.citation]"
            ) in warning_lines(app)
    # The page still builds, showing the key where the citation would be.
    assert "missing2020key" in text(article(app.outdir, "2021/07/alpha.html"))


def test_entries_never_cited_are_a_warning_each(problems):
    app, _, bib, _ = problems
    uncited = [line for line in warning_lines(app) if line.endswith("[archive.uncited]")]
    assert uncited == [
        f"{bib}:{line_of(bib, '@' + kind + '{' + key)}: WARNING: entry '{key}' is never cited or "
        "reviewed by any page; cite it or remove it from the bibliography [archive.uncited]"
        for kind, key in (("article", "nojournal2020x"), ("incollection", "nobook2020c"),
                          ("article", "baddoi2020y"), ("article", "prefixed2020z"))]


def test_problems_are_reported_again_on_a_build_with_no_change(problems):
    first, srcdir, _, make_app = problems
    again = make_app("html", srcdir=srcdir)
    again.build()
    again.cleanup()
    assert warning_lines(again) == warning_lines(first)
    assert len(warning_lines(again)) == 9
