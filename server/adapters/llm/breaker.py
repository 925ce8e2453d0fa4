"""A small circuit breaker: closed -> open after N consecutive failures -> half-open trial."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable


class CircuitBreaker:
    """Stops calling a failing dependency for `cooldown` seconds, then lets one trial through.

    closed: every call passes; `threshold` consecutive failures open the circuit.
    open: calls are refused until `cooldown` has passed since it opened.
    half-open: exactly one trial call passes; success closes, failure re-opens.
    """

    def __init__(
        self,
        threshold: int = 5,
        cooldown: float = 30.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.threshold = max(1, threshold)
        self.cooldown = cooldown
        self._clock = clock
        self._lock = threading.Lock()
        self._failures = 0
        self._opened_at: float | None = None
        self._trial_running = False

    @property
    def state(self) -> str:
        """'closed', 'open' or 'half_open'."""
        with self._lock:
            return self._state()

    def _state(self) -> str:
        if self._opened_at is None:
            return "closed"
        if self._clock() - self._opened_at >= self.cooldown:
            return "half_open"
        return "open"

    def allow(self) -> bool:
        """May a call go out now? In half-open state only one caller gets True."""
        with self._lock:
            state = self._state()
            if state == "closed":
                return True
            if state == "half_open" and not self._trial_running:
                self._trial_running = True
                return True
            return False

    def retry_in(self) -> int:
        """Whole seconds until the next trial is allowed (at least 1)."""
        with self._lock:
            if self._opened_at is None:
                return 1
            remaining = self.cooldown - (self._clock() - self._opened_at)
            return max(1, int(remaining + 0.999))

    def record_success(self) -> None:
        with self._lock:
            self._failures = 0
            self._opened_at = None
            self._trial_running = False

    def record_failure(self) -> None:
        with self._lock:
            self._failures += 1
            if self._trial_running or self._failures >= self.threshold:
                self._opened_at = self._clock()
            self._trial_running = False
