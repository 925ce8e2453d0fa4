"""Recovery of a subscriber's missed events: all of them in order, or none (never partial).

The anchor is Centrifugo's history recovery: the client sends the stream position it last
applied, `{offset, epoch}`; the answer says `recovered: true` and replays every event after
it, or `recovered: false` with nothing replayed (the client reloads over REST).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from server.adapters.eventstore.base import EventStore, StoredEvent, StoreUnavailable
from server.realtime.replay import ReplayBuffers, RoomLog

log = logging.getLogger(__name__)

REPLAY_MAX_EVENTS = 10_000
REPLAY_MAX_SECONDS = 600.0


@dataclass(frozen=True)
class Since:
    """Where a subscriber says it stands; epoch None = the old integer form (same epoch)."""

    offset: int
    epoch: str | None = None


@dataclass
class Recovery:
    """The outcome of one recovery attempt; `reason` says why it failed."""

    recovered: bool
    events: list[StoredEvent] = field(default_factory=list)
    reason: str | None = None

    def ack_fields(self) -> dict[str, Any]:
        fields: dict[str, Any] = {"recovered": self.recovered, "replayed": len(self.events)}
        if self.reason is not None:
            fields["reason"] = self.reason
            if self.reason == "replay_cap":
                fields["cap"] = {"events": REPLAY_MAX_EVENTS, "seconds": int(REPLAY_MAX_SECONDS)}
        return fields


def position(room: RoomLog) -> dict[str, Any]:
    """The stream position a subscriber should keep: the last published offset, the epoch."""
    return {"offset": room.head, "epoch": room.epoch}


class Recoverer:
    """Finds the events after a position in the ring, then the store, checking they are whole."""

    def __init__(
        self, buffers: ReplayBuffers, store: EventStore, clock: Callable[[], float] = time.time
    ) -> None:
        self.buffers = buffers
        self.store = store
        self.clock = clock

    def recover(self, broadcaster: str, since: Since | None) -> Recovery:
        """All events after `since` (in offset order) or none; no yield after the ring read."""
        if since is None:
            return Recovery(False)  # nothing asked, nothing to recover
        room = self.buffers.room(broadcaster)
        if since.epoch is not None and since.epoch != room.epoch:
            return Recovery(False, reason="epoch_changed")
        if since.offset > room.head:
            return Recovery(False, reason="ahead_of_stream")
        if room.head - since.offset > REPLAY_MAX_EVENTS:
            return Recovery(False, reason="replay_cap")
        in_ring = room.since(since.offset) is not None
        older = [] if in_ring else self._from_store(broadcaster, room, since)
        if older is None:
            return Recovery(False, reason="history_unavailable")
        last = older[-1].offset if older else since.offset
        events = older + (room.since(last) or [])  # memory only: no yield before join_room
        return self._checked(events, since, room)

    def _checked(self, events: list[StoredEvent], since: Since, room: RoomLog) -> Recovery:
        expected = list(range(since.offset + 1, room.head + 1))
        if [stored.offset for stored in events] != expected:
            return Recovery(False, reason="history_lost")
        if events and self.clock() - events[0].event.received_at > REPLAY_MAX_SECONDS:
            return Recovery(False, reason="replay_cap")
        return Recovery(True, events)

    def _from_store(
        self, broadcaster: str, room: RoomLog, since: Since
    ) -> list[StoredEvent] | None:
        """Events after `since` and before the ring's first, or None if the store is down."""
        ring_start = room.ring[0].offset if room.ring else room.head + 1
        try:
            rows = self.store.query_range(
                broadcaster, 0.0, self.clock() + 86_400,
                since_offset=since.offset, limit=REPLAY_MAX_EVENTS,
            )  # fmt: skip
        except StoreUnavailable:
            log.warning("replay from store failed", extra={"room": broadcaster})
            return None
        return sorted((row for row in rows if row.offset < ring_start), key=lambda s: s.offset)
