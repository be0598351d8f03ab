import os

extensions = ["myst_parser", "sphinxcontrib.bibtex", "summary_archive"]
source_suffix = {".md": "markdown"}
exclude_patterns = ["_data", "_build"]
bibtex_bibfiles = ["refs.bib"]
bibtex_reference_style = "author_year"
author = "Test Network"
project = "Test Archive"
# A placeholder (a reserved example host) unless a test sets a real address:
# the PDFs print no web address that is a placeholder.
archive_base_url = os.environ.get("ARCHIVE_BASE_URL", "https://pprnet-archive.example.org/")
# Collections of up to three summaries list them on the title page; the
# archive (four) gets a contents page.
archive_pdf_listed_summaries = 3
