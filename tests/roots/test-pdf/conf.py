extensions = ["myst_parser", "sphinxcontrib.bibtex", "summary_archive"]
source_suffix = {".md": "markdown"}
exclude_patterns = ["_data", "_build"]
bibtex_bibfiles = ["refs.bib"]
bibtex_reference_style = "author_year"
author = "Test Network"
project = "Test Archive"
