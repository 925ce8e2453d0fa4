"""Which submitted events are durable: a FIFO prefix of the submit order, and its waiters.

Each caller waiting for an ack holds one event keyed by its mark; a durable group wakes
exactly the callers it covers (a condition variable would wake every waiter for every
group and have each re-check).
"""

from __future__ import annotations

import heapq
import itertools
import threading


class DurableMarks:
    """`submitted` events so far, of which the first `durable` are in the store or spool."""

    def __init__(self) -> None:
        self.submitted = 0
        self.durable = 0
        self._lock = threading.Lock()
        self._waiters: list[tuple[int, int, threading.Event]] = []  # heap by mark
        self._tiebreak = itertools.count()

    def submit(self) -> None:
        self.submitted += 1

    def advance(self, count: int) -> None:
        """`count` more events (the oldest not yet durable) survive a crash from now on."""
        with self._lock:
            self.durable += count
            while self._waiters and self._waiters[0][0] <= self.durable:
                heapq.heappop(self._waiters)[2].set()

    def wait(self, mark: int, timeout: float) -> bool:
        """Until the first `mark` events are durable; False on timeout."""
        with self._lock:
            if self.durable >= mark:
                return True
            reached = threading.Event()
            heapq.heappush(self._waiters, (mark, next(self._tiebreak), reached))
        return reached.wait(timeout)  # a timed-out entry is set later and dropped then
