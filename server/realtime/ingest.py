"""The one publish path: socket publishes, HTTP ingest, the Events API poller, the simulator."""

from __future__ import annotations

import time
from collections.abc import Callable

from server import metrics
from server.adapters.eventstore.base import StoredEvent
from server.adapters.eventstore.writer import BatchingWriter
from server.adapters.spool import SpoolFull
from server.events.model import PlatformEvent
from server.events.schema import EventValidationError, parse_batch
from server.ingest.publishing import Publisher, PublishResult
from server.realtime.replay import ReplayBuffers

Fanout = Callable[[StoredEvent], None]


class RateLimiter:
    """Token bucket per broadcaster (burst of one second's worth)."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._buckets: dict[str, list[float]] = {}

    def allow(self, key: str, rate: int) -> bool:
        now = self._clock()
        bucket = self._buckets.setdefault(key, [float(rate), now])
        bucket[0] = min(float(rate), bucket[0] + (now - bucket[1]) * rate)
        bucket[1] = now
        if bucket[0] < 1.0:
            return False
        bucket[0] -= 1.0
        return True


class Ingestor:
    """The hub's `EventSink`: validates, dedupes, assigns offsets, hands to the writer, fans out."""

    def __init__(
        self,
        buffers: ReplayBuffers,
        writer: BatchingWriter,
        fanout: Fanout,
        *,
        rate_limit: bool = True,
    ) -> None:
        self.buffers = buffers
        self.writer = writer
        self.fanout = fanout
        self.limiter = RateLimiter() if rate_limit else None

    def publish(self, raw: object, publisher: Publisher) -> PublishResult:
        """Publish one event or a list; per-event problems land in `errors` by index."""
        result = PublishResult()
        try:
            events, errors = parse_batch(raw)
        except EventValidationError as exc:
            result.errors.append({"index": None, "code": exc.code, "message": exc.message})
            return result
        result.errors.extend(errors)
        bad = {e["index"] for e in errors}
        indexes = (i for i in range(len(events) + len(bad)) if i not in bad)
        for index, event in zip(indexes, events, strict=False):
            problem = self._accept(event, publisher, result)
            if problem is not None:
                result.errors.append({"index": index, **problem})
        result.errors.sort(key=lambda error: error["index"])
        metrics.count_publish(result)
        return result

    def _accept(
        self, event: PlatformEvent, publisher: Publisher, result: PublishResult
    ) -> dict[str, str] | None:
        room = event.broadcaster
        if publisher.allowed is not None and room not in publisher.allowed:
            return {"code": "forbidden", "message": f"you do not own broadcaster '{room}'"}
        log = self.buffers.room(room)
        if log.is_duplicate(event.id):
            result.duplicates += 1
            return None
        if self.limiter is not None and not self.limiter.allow(room, publisher.rate_per_second):
            return {
                "code": "rate_limited",
                "message": f"over {publisher.rate_per_second} events/s for '{room}' on your tier",
            }
        stored = StoredEvent(log.next_offset, event)
        try:
            self.writer.submit(stored, publisher.store_text)
        except SpoolFull:
            return {"code": "store_full", "message": "event store down and spool full; retry later"}
        log.next_offset += 1
        log.append(stored, self.buffers.now())
        result.accepted += 1
        result.stored.append(stored)
        self.fanout(stored)
        return None
