"""Bring the past blog in: saved blog pages to summary pages and BibTeX entries.

One concern per module, pure functions where possible:

- ``blogpage``: a saved page (text or HTML, old site or new) -> months, with lines
- ``posts``: one month's blocks -> its summaries (series notes, twice-printed headlines)
- ``citation``: an APA citation line -> its parts: an article, a book or a chapter
- ``names``: author and editor lists, with the slips the blog really has
- ``works``: what follows the title of a book or a chapter
- ``bibentry``: parts -> a pybtex entry with a key in the archive's style;
  reuse of an entry with the same DOI or title
- ``checks``: the archive's bibliography checks applied before an entry is written
- ``crossref``: the optional check against Crossref, its cache and its verdict
- ``provenance``: the importer's marks in an entry (made by it, verified, incomplete)
- ``repair``: bringing the importer's own untouched entries up to date
- ``bibfile``: the bibliography's text with entries added or replaced in place
- ``proposals``: topics and research type proposed from the words of a summary
- ``writer``: a summary -> the text of its MyST page
- ``plan``: everything above -> what to write and the report (pure but for lookups)
- ``report``: the report's contents and wording
- ``run``: the command line; reads the files and writes the plan
"""
