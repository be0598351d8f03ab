"""Run one sphinx-build in this process and report its peak memory.

Usage: python sphinx_rss.py REPORT.json SPHINX-BUILD-ARGS...
The report holds the exit status and the peak resident memory (KiB) of this
process and of its largest child (parallel workers).
"""

import json
import resource
import sys

from sphinx.cmd.build import main

status = main(sys.argv[2:])
report = {
    "status": status,
    "maxrss_kib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
    "children_maxrss_kib": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,
}
with open(sys.argv[1], "w", encoding="utf-8") as out:
    json.dump(report, out)
sys.exit(status)
