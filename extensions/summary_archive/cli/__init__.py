"""Contributor commands that run without Sphinx, on the same pure model as the
build: ``archive-check`` (``make check``), ``archive-new`` (``make new``) and
``archive-clean-pages`` (``make clean``)."""
