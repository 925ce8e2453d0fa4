"""The one publish path: socket publishes, HTTP ingest, the Events API poller, the simulator."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from server import metrics
from server.adapters.eventstore.base import StoredEvent
from server.adapters.eventstore.writer import BatchingWriter
from server.adapters.spool import SpoolFull
from server.events.model import PlatformEvent
from server.events.schema import EventValidationError, parse_batch
from server.ingest.publishing import Publisher, PublishResult
from server.realtime.fanout import Fanout
from server.realtime.stream import RoomStream

DURABLE_ACK_SECONDS = 10.0  # an ack waits this long for the store commit or spool fsync


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
    """The hub's `EventSink`: validates, dedupes, assigns offsets, hands to the writer and
    answers once the events are durable (the writer's group commit; `fanout` sends them)."""

    def __init__(
        self,
        stream: RoomStream,
        writer: BatchingWriter,
        fanout: Fanout,
        *,
        rate_limit: bool = True,
    ) -> None:
        self.stream = stream
        self.buffers = stream.buffers
        self.writer = writer
        self.fanout = fanout
        self.limiter = RateLimiter() if rate_limit else None
        self.reader: Any = None  # the Redis engine's mirror loop, started by a serving process

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
        admitted: dict[str, list[tuple[int, PlatformEvent]]] = {}
        for index, event in zip(indexes, events, strict=False):
            problem = self._admit(event, publisher, result)
            if problem:
                result.errors.append({"index": index, **problem})
            elif problem is None:
                admitted.setdefault(event.broadcaster, []).append((index, event))
        for room, group in admitted.items():
            self._number(room, group, publisher, result)
        if result.stored or result.rewritten:
            self._wait_durable(result)
        result.errors.sort(key=lambda error: -1 if error["index"] is None else error["index"])
        metrics.count_publish(result)
        return result

    def _wait_durable(self, result: PublishResult) -> None:
        """Hold the answer until every accepted event is committed or fsync'd in the spool."""
        if self.writer.wait_durable(self.writer.mark(), DURABLE_ACK_SECONDS):
            return
        result.errors.append(
            {
                "index": None,
                "code": "not_durable",
                "message": "accepted events are not durable yet (store down, spool full); "
                "publish them again: duplicates are recognised by id",
            }
        )

    def _admit(
        self, event: PlatformEvent, publisher: Publisher, result: PublishResult
    ) -> dict[str, str] | None:
        """None: admitted; {}: a duplicate known here; else the problem. Ownership, then
        (for events not known here) the tier's rate."""
        room = event.broadcaster
        if publisher.allowed is not None and room not in publisher.allowed:
            return {"code": "forbidden", "message": f"you do not own broadcaster '{room}'"}
        if self._known(event):
            result.duplicates += 1  # seen by this process: its first copy is queued here
            return {}
        if self.limiter is not None and not self.limiter.allow(room, publisher.rate_per_second):
            return {
                "code": "rate_limited",
                "message": f"over {publisher.rate_per_second} events/s for '{room}' on your tier",
            }
        if not self.writer.accepting:
            return {"code": "store_full", "message": "event store down and spool full; retry later"}
        return None

    def _known(self, event: PlatformEvent) -> bool:
        return self.buffers.room(event.broadcaster).is_duplicate(event.id)

    def _number(
        self,
        room: str,
        group: list[tuple[int, PlatformEvent]],
        publisher: Publisher,
        result: PublishResult,
    ) -> None:
        """Offsets from the room stream, then to the writer (and to `fanout` for the text)."""
        assigned = self.stream.assign(room, [event for _, event in group])
        for (index, event), answer in zip(group, assigned, strict=True):
            stored = StoredEvent(answer.offset, event)
            if answer.duplicate:
                result.duplicates += 1
                if not answer.rewrite:
                    continue
                result.rewritten += 1
            if not publisher.store_text:
                self.fanout.keep_original(stored)  # before submit: the writer may run at once
            try:
                self.writer.submit(stored, publisher.store_text)
            except (SpoolFull, RuntimeError):
                self.fanout.forget_original(stored)
                message = "event store down and spool full; retry later"
                result.errors.append({"index": index, "code": "store_full", "message": message})
                continue
            if not answer.duplicate:
                result.accepted += 1
                result.stored.append(stored)
