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


TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"
JSON_FIELDS = "%(asctime)s %(levelname)s %(name)s %(request_id)s %(message)s"


def configure_logging(level: str, log_format: str = "text") -> None:
    """Root logging for the server: plain text (default) or one JSON object per line
    (`LOG_FORMAT=json`); either way every line carries the request id."""
    from pythonjsonlogger.json import JsonFormatter

    from server.request_ids import stamp_log_records

    stamp_log_records()
    root = logging.getLogger()
    handler = next((h for h in root.handlers if getattr(h, "is_webcammer", False)), None)
    if handler is None:
        if root.handlers:  # someone (a test runner, an embedding app) owns the handlers
            return
        handler = logging.StreamHandler()
        handler.is_webcammer = True  # type: ignore[attr-defined]
        root.addHandler(handler)
    root.setLevel(level)
    if log_format == "json":
        handler.setFormatter(
            JsonFormatter(JSON_FIELDS, rename_fields={"levelname": "level", "name": "logger"})
        )
    else:
        handler.setFormatter(logging.Formatter(TEXT_FORMAT))
