# The hard cases of APA rendering: every work of refs.bib (fictional) cited
# in both forms by one summary, checked against citeproc-js (tests/test_csl_build.py).
extensions = ["myst_parser", "sphinxcontrib.bibtex", "summary_archive"]
source_suffix = {".md": "markdown"}
exclude_patterns = ["_data", "_build"]
bibtex_bibfiles = ["refs.bib"]
bibtex_reference_style = "author_year"
author = "Test Network"
archive_base_url = "https://archive.example.org/"
archive_name = "Test Archive Summaries"
html_title = "Hard cases"
