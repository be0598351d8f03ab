"""``python -m summary_archive.importer SOURCE...``: see ``run.py``."""

import sys

from .run import main

sys.exit(main())
