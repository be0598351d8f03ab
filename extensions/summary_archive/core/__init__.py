"""The pure data model (no Sphinx, no docutils): summaries and their front
matter, the vocabularies, validation into records and problems, the catalogue
of derived views, PDF selections, and where the archive's files live."""
