"""A room's tips as stored, plus what this process accepted that the writer has not stored
yet: counted by offset, so an event is never counted twice nor missed."""

from __future__ import annotations

import time
from collections.abc import Callable, Collection, Sequence

from server.adapters.eventstore.base import EventStore, StoredEvent

#: this process's newest accepted events of a room (the hub's ring), stored or not yet
RecentEvents = Callable[[str], Sequence[StoredEvent]]
PAGE = 10_000
MAX_EVENTS = 200_000  # one goal run or broadcast; beyond this the oldest are not read
BROADCAST_LOOKBACK_SECONDS = 3 * 86_400


class RoomHistory:
    """Reads the EventStore's query interface and the recent ring, merged by offset."""

    def __init__(self, store: EventStore, recent: RecentEvents) -> None:
        self.store = store
        self.recent = recent

    def since_offset(
        self, broadcaster: str, offset: int, methods: Collection[str]
    ) -> list[StoredEvent]:
        """Events of `methods` with an offset above `offset`, ascending (StoreUnavailable
        propagates: a partial answer would undercount)."""
        rows: list[StoredEvent] = []
        cursor, horizon = offset, time.time() + 86_400
        while len(rows) < MAX_EVENTS:
            page = self.store.query_range(
                broadcaster, 0.0, horizon, methods=sorted(methods), since_offset=cursor, limit=PAGE
            )
            rows.extend(page)
            if len(page) < PAGE:
                break
            cursor = page[-1].offset
        return _merge(rows, self._recent(broadcaster, offset, methods))

    def last_broadcast_start(self, broadcaster: str) -> int:
        """Offset of the newest broadcastStart (0: none in the last days)."""
        now = time.time()
        stored = self.store.query_range(
            broadcaster, now - BROADCAST_LOOKBACK_SECONDS, now + 86_400, methods=["broadcastStart"]
        )
        recent = self._recent(broadcaster, 0, {"broadcastStart"})
        return max((s.offset for s in [*stored, *recent]), default=0)

    def newest(self, broadcaster: str, methods: Collection[str], count: int) -> list[StoredEvent]:
        """The newest `count` events of `methods`, oldest first."""
        recent = self._recent(broadcaster, 0, methods)
        if len(recent) >= count:
            return recent[-count:]
        head = self.store.last_offset(broadcaster)
        stored = self.store.query_range(
            broadcaster, 0.0, time.time() + 86_400, methods=sorted(methods),
            since_offset=max(0, head - 5_000), limit=PAGE,
        )  # fmt: skip
        return _merge(stored, recent)[-count:]

    def _recent(self, broadcaster: str, offset: int, methods: Collection[str]) -> list[StoredEvent]:
        return [
            s for s in self.recent(broadcaster) if s.offset > offset and s.event.method in methods
        ]


def _merge(stored: list[StoredEvent], recent: list[StoredEvent]) -> list[StoredEvent]:
    by_offset = {s.offset: s for s in stored}
    for s in recent:
        by_offset.setdefault(s.offset, s)
    return [by_offset[k] for k in sorted(by_offset)]
