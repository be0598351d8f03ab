extensions = ["myst_parser", "sphinxcontrib.bibtex", "summary_archive"]
source_suffix = {".md": "markdown"}
exclude_patterns = ["_data", "_build"]
bibtex_bibfiles = ["refs.bib"]
bibtex_reference_style = "author_year"
archive_base_url = "https://archive.example.org/"
archive_name = "Test Archive Summaries"
html_title = "Test archive"
