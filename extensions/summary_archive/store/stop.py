"""Stopping the build over unusable input, with one sentence and no traceback.

Sphinx prints its full crash report (versions, traceback) for any exception,
even a ``ConfigError``. For input a contributor can fix (a broken vocabulary
or bibliography), we log one error naming the file and line, then leave with
exit status 2 before anything is written, so the last good build stays intact.
"""

from __future__ import annotations

from typing import NoReturn

from sphinx.util import logging

from ..core.quoting import one_line

logger = logging.getLogger(__name__)


class InputError(SystemExit):
    """Raised to end the build after the problem has been logged."""

    def __init__(self, message: str) -> None:
        super().__init__(2)
        self.message = message


def stop_build(message: str) -> NoReturn:
    message = one_line(message)
    logger.error(message, type="archive", subtype="input")
    raise InputError(message)
