"""Batching writer: the hub submits events; a background loop writes them in groups.

Group commit: the loop wakes as soon as an event is queued and commits everything queued
(one store write or one spool fsync per group); events submitted meanwhile form the next
group. `wait_durable` lets a caller hold its ack until its events survive a crash, and
`on_durable` hears of each group once it is durable (the hub fans out only then). While the
store is down, batches go to the durable spool and are replayed in order once it is back,
also after a restart; batches it refuses as invalid go to a `rejected` spool, counted."""

from __future__ import annotations

import logging
import threading
import time
from collections import deque
from collections.abc import Callable, Sequence
from typing import Any

from server import metrics
from server.adapters.eventstore.base import EventStore, StoredEvent, StoreUnavailable
from server.adapters.eventstore.durable_marks import DurableMarks
from server.adapters.eventstore.outage import StoreOutage
from server.adapters.eventstore.pending import pending_offsets, recent_ids
from server.adapters.spool import Spool, SpoolFull

log = logging.getLogger(__name__)

REPLAY_BATCHES_PER_CYCLE = 20  # bounds a cycle so queued events keep flowing to the spool
# Pause between batches: gevent runs expired timers only on a real (non-zero) sleep.
YIELD_S = 0.0005
IDLE_WAKE_S = 0.1  # without submits, the loop still looks at the spool this often

DurableListener = Callable[[Sequence[StoredEvent]], None]


class BatchingWriter:
    """Writes submitted events to `store` in groups of <= max_batch, as soon as it can."""

    def __init__(
        self,
        store: EventStore,
        spool: Spool,
        *,
        max_batch: int = 5000,
        max_delay: float = IDLE_WAKE_S,
        clock: Callable[[], float] = time.monotonic,
        retry_min: float = 0.1,
        retry_max: float = 5.0,
        rejected: Spool | None = None,
        journal_first: bool | None = None,
    ) -> None:
        """`rejected` keeps batches the store refused as invalid (default: `<spool>.rejected`).
        `max_delay` bounds how long the loop sleeps when nothing wakes it. `journal_first`
        (default: the store's own): every group goes through the spool, durable at its fsync."""
        self.store = store
        self.spool = spool
        self.rejected = rejected or Spool(spool.directory.rstrip("/") + ".rejected")
        self.max_batch = max_batch
        self.journal_first = (
            getattr(store, "journal_first", False) if journal_first is None else journal_first
        )
        self.max_delay = max_delay
        self._outage = StoreOutage(store.backend, clock, retry_min, retry_max)
        self._queue: deque[StoredEvent] = deque()
        self._held: deque[list[StoredEvent]] = deque()  # not durable yet: spool was full
        self._wake = threading.Event()
        self.on_durable: DurableListener | None = None
        self._thread: threading.Thread | None = None
        # stopped: submit refuses instead of queueing into the void
        self._stopping = self._stopped = False
        self._busy = False  # a cycle holds popped batches that are not yet written/spooled
        self._spool_full = False
        self._written = 0
        self._rejected = 0
        # Events submitted, and how many of them (a FIFO prefix) are in the store or spool.
        self._marks = DurableMarks()

    # -- caller side ----------------------------------------------------------------------

    def submit(self, stored: StoredEvent, store_text: bool = True) -> None:
        """Queue one event (never blocks); SpoolFull when the store is down and spool full."""
        if self._spool_full:
            raise SpoolFull("event store down and spool full: event refused")
        if self._stopped:
            raise RuntimeError("event writer is stopped: event refused")
        if not store_text:
            stored = StoredEvent(stored.offset, stored.event.without_text())
        self._queue.append(stored)
        self._marks.submit()
        if len(self._queue) == 1 or len(self._queue) >= self.max_batch:
            self._wake.set()  # group commit: the loop takes whatever is queued when it runs

    @property
    def accepting(self) -> bool:
        """False while `submit` would refuse (spool full, or stopped)."""
        return not (self._spool_full or self._stopped)

    def mark(self) -> int:
        """A point in the submit order; `wait_durable(mark)` waits for everything before it."""
        return self._marks.submitted

    def wait_durable(self, mark: int, timeout: float = 5.0) -> bool:
        """Wait until every event submitted before `mark` is in the store or the on-disk
        spool (it survives a crash from then on); False on timeout (e.g. spool full)."""
        if self._marks.durable >= mark:
            return True
        self._wake.set()
        return self._marks.wait(mark, timeout)

    def status(self) -> dict[str, Any]:
        """Health of the write path, for `/health` and the hub's `status` message."""
        return {
            "state": "degraded" if self._outage.degraded or self._held or self._backlog() else "ok",
            "backend": self.store.backend,
            "spool_depth": self.spool.depth(),
            "queued": len(self._queue) + sum(len(batch) for batch in self._held),
            "last_error": self._outage.last_error,
            "written_total": self._written,
            "rejected_total": self._rejected,
        }

    def _backlog(self) -> bool:
        """Events wait in the spool for the store (a journal's passing group does not count)."""
        return bool(self.spool.depth()) and not self.journal_first

    def last_offset(self, broadcaster: str) -> int:
        """Highest offset of the broadcaster in the store, the spool or the queue (not
        `store.last_offset`: events still in the spool are not in the store yet). Raises
        StoreUnavailable if the store is down."""
        return self._last_and_pending(broadcaster)[0]

    def recent_ids(self, broadcaster: str, count: int) -> dict[str, int]:
        """Id -> offset of the broadcaster's last `count` events, wherever they are (see
        `pending.recent_ids`). Raises StoreUnavailable if the store is down."""
        last, pending = self._last_and_pending(broadcaster)
        return recent_ids(self.store, last, pending, broadcaster, count)

    def _last_and_pending(self, broadcaster: str) -> tuple[int, dict[str, int]]:
        """(highest offset anywhere, id -> offset of the events not in the store yet)."""
        # Spool and queue first: a batch replayed meanwhile is in the store when asked next.
        in_memory = [*self._queue, *(s for batch in self._held for s in batch)]
        pending = pending_offsets(self.spool, in_memory, broadcaster)
        return max([self.store.last_offset(broadcaster), *pending.values()]), pending

    def start(self) -> None:
        """Start the background loop; it first replays any spool left by an earlier process."""
        if self._thread is not None:
            return
        self._stopping = self._stopped = False
        self._thread = threading.Thread(target=self._run, name="event-writer", daemon=True)
        self._thread.start()

    def stop(self, flush: bool = True, timeout: float = 30.0) -> None:
        """Stop the loop. flush=True writes what is queued (spooling it if the store is
        down); flush=False spools it without trying the store. Nothing is dropped."""
        self._stopping = self._stopped = True
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout)
            if self._thread.is_alive():
                log.error("event writer did not stop within %.0f s; left running", timeout)
                return
            self._thread = None
        if flush:
            self._cycle()
        self._persist_leftovers()

    def drain(self, timeout: float = 10.0) -> bool:
        """Wait until everything submitted is in the store; False on timeout."""
        deadline = time.monotonic() + timeout
        while self._busy or self._queue or self._held or self.spool.depth():
            if time.monotonic() >= deadline:
                return False
            self._wake.set()
            time.sleep(min(0.01, self.max_delay))
        return True

    # -- loop -----------------------------------------------------------------------------

    def _run(self) -> None:
        while not self._stopping:
            catching_up = self.spool.depth() > 0 and not self._outage.degraded
            self._wake.wait(0 if catching_up else self.max_delay)
            self._wake.clear()
            try:
                self._cycle()
            except Exception:  # the loop must survive anything; the batch stays queued/spooled
                log.exception("event writer: unexpected error")

    def _cycle(self) -> None:
        """Replay the spool when due, then deliver held and queued batches in order."""
        self._busy = True
        try:
            self._deliver_all()
        finally:
            self._busy = False

    def _deliver_all(self) -> None:
        if self.spool.depth() and self._outage.due():
            self._replay()
        while self._held or self._queue:
            if self._held:
                batch = self._held.popleft()
            else:
                n = min(self.max_batch, len(self._queue))
                batch = [self._queue.popleft() for _ in range(n)]
            if not self._deliver(batch):
                self._held.appendleft(batch)
                return
            self._became_durable(batch)
            if self.journal_first and self._outage.due():
                self._replay()  # acked and fanned out already: now ship it to the store
            time.sleep(YIELD_S)  # under gevent, let other greenlets run between batches
        self._spool_full = False

    def _became_durable(self, batch: list[StoredEvent]) -> None:
        """Tell the listener (fan-out) first, then release the callers waiting for acks."""
        if self.on_durable is not None:
            try:
                self.on_durable(batch)
            except Exception:  # a listener's bug must not stall durability
                log.exception("event writer: on_durable listener failed")
        self._marks.advance(len(batch))

    def _deliver(self, batch: list[StoredEvent]) -> bool:
        """Write or spool one batch; False when it could not be made durable (spool full)."""
        if not self.spool.depth() and not self.journal_first:
            try:
                self._write(batch)
                return True
            except Exception as exc:  # StoreUnavailable, timeouts, driver errors: retry later
                self._outage.failed(exc)
        try:
            # An empty spool takes any batch, even one larger than its cap.
            records = [stored.to_record() for stored in batch]
            self.spool.append(records, ignore_cap=self.spool.bytes() == 0)
        except SpoolFull as exc:
            self._spool_full = True
            self._outage.last_error = str(exc)
            return False
        return True

    def _write(self, batch: list[StoredEvent]) -> None:
        """Write to the store; a batch it refuses as invalid goes to the rejected spool."""
        try:
            metrics.time_store_write(self.store.backend, self.store.write_batch, batch)
        except StoreUnavailable:
            raise
        except ValueError as exc:
            self._rejected += len(batch)
            self._outage.last_error = f"rejected {len(batch)} events: {exc}"
            log.error(
                "event store refused %d events (kept in %s): %s", len(batch), self.rejected, exc
            )
            self.rejected.append([stored.to_record() for stored in batch], ignore_cap=True)
            return
        self._written += len(batch)
        if self._outage.degraded and not self.spool.depth():
            self._outage.recovered()

    def _replay(self) -> None:
        def write_records(records: list[dict[str, Any]]) -> None:
            self._write([StoredEvent.from_record(record) for record in records])
            time.sleep(YIELD_S)  # yield between replayed batches (gevent)

        try:
            self.spool.replay(write_records, max_batches=REPLAY_BATCHES_PER_CYCLE)
        except Exception as exc:  # the batch stays in the spool
            self._outage.failed(exc)
            return
        if not self.spool.depth():
            self._outage.recovered()

    def _persist_leftovers(self) -> None:
        """At stop: spool (ignoring the cap) whatever is still only in memory."""
        leftovers = list(self._held)
        while self._queue:
            leftovers.append(
                [self._queue.popleft() for _ in range(min(self.max_batch, len(self._queue)))]
            )
        self._held.clear()
        for batch in leftovers:
            self.spool.append([stored.to_record() for stored in batch], ignore_cap=True)
            self._marks.advance(len(batch))
        if leftovers:
            log.warning("event writer stopped with %d events spooled", sum(map(len, leftovers)))
