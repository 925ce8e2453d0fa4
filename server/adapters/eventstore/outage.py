"""The writer's view of its store: up, or failing since some error and retried with a
doubling backoff."""

from __future__ import annotations

import logging
from collections.abc import Callable

log = logging.getLogger("server.adapters.eventstore.writer")  # the writer's own log lines


class StoreOutage:
    """Whether writes to `backend` fail, the last error, and when to try the store again."""

    def __init__(
        self, backend: str, clock: Callable[[], float], retry_min: float, retry_max: float
    ) -> None:
        self.backend = backend
        self.degraded = False
        self.last_error: str | None = None
        self._clock = clock
        self._retry_min, self._retry_max = retry_min, retry_max
        self._backoff, self._next_retry = retry_min, 0.0

    def due(self) -> bool:
        """Time to try the store (at once while it is up)."""
        return self._clock() >= self._next_retry

    def failed(self, exc: Exception) -> None:
        if not self.degraded:
            log.warning("event store %s unavailable, spooling: %s", self.backend, exc)
        self.degraded = True
        self.last_error = str(exc)
        self._next_retry = self._clock() + self._backoff
        self._backoff = min(self._backoff * 2, self._retry_max)

    def recovered(self) -> None:
        if self.degraded:
            log.info("event store %s is back; spool replayed", self.backend)
        self.degraded = False
        self._backoff, self._next_retry = self._retry_min, 0.0
