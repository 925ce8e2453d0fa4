"""Logging helpers: keep a dependency outage from flooding the log with one line per event."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable

REPEAT_WINDOW_SECONDS = 30.0


class RepeatedMessageFilter(logging.Filter):
    """Let a given message (logger + text template) through once per window; the next one
    after the window says how many were held back meanwhile."""

    def __init__(
        self, window: float = REPEAT_WINDOW_SECONDS, clock: Callable[[], float] = time.monotonic
    ) -> None:
        super().__init__()
        self.window = window
        self.clock = clock
        self._seen: dict[tuple[str, str], tuple[float, int]] = {}
        self._lock = threading.Lock()

    def filter(self, record: logging.LogRecord) -> bool:
        key = (record.name, str(record.msg))
        now = self.clock()
        with self._lock:
            last, held = self._seen.get(key, (float("-inf"), 0))
            if now - last < self.window:
                self._seen[key] = (last, held + 1)
                return False
            self._seen[key] = (now, 0)
        if held:
            record.msg = f"{record.msg} ({held} more like this in the last {self.window:.0f} s)"
        return True


def tame_library_loggers(*logger_names: str) -> None:
    """For each named logger: drop the bare handler the library adds itself (its records then
    reach the root handler once, in our format) and hold back repeats (idempotent)."""
    for name in logger_names:
        logger = logging.getLogger(name)
        for handler in list(logger.handlers):
            logger.removeHandler(handler)
        if not any(isinstance(f, RepeatedMessageFilter) for f in logger.filters):
            logger.addFilter(RepeatedMessageFilter())
