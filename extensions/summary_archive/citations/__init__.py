"""References and citations (pure, no Sphinx): reading ``references.bib`` and
its problems, mapping entries to CSL-JSON, the APA engine, and cite-this text."""
