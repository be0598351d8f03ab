"""Bring the past blog in: saved blog pages to summary pages and BibTeX entries.

One concern per module, pure functions where possible:

- ``blogpage``: a saved page (text or HTML) -> months and summaries, with lines
- ``citation``: an APA citation line -> its parts, forgiving real typing slips
- ``bibentry``: parts -> a pybtex entry with a key in the archive's style;
  reuse of an entry with the same DOI or title
- ``proposals``: topics and research type proposed from the words of a summary
- ``writer``: a summary -> the text of its MyST page
- ``plan``: everything above -> what to write and the report (still pure)
- ``report``: the report's contents and wording
- ``run``: the command line; reads the files and writes the plan
"""
