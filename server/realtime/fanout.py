"""Fan-out of durable events: a group commit's events of one room reach each of its
sockets as one frame (`event` for one, `events {items}` for several, offset order).

The writer calls `Fanout.publish_durable` once per group, after the store commit or the
spool fsync, so a subscriber never sees an event that a crash could still lose."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from server.adapters.eventstore.base import StoredEvent
from server.realtime.protocol import frames
from server.realtime.replay import ReplayBuffers

Emit = Callable[[str, str, dict[str, Any]], None]  # (frame name, broadcaster, payload)


class Fanout:
    """Turns durable groups into ring entries and frames."""

    def __init__(
        self, buffers: ReplayBuffers, emit: Emit, local: Callable[[str], bool] | None = None
    ) -> None:
        self.buffers = buffers
        self.emit = emit
        self.local = local or (lambda broadcaster: True)  # False: another path fans it out
        #: called after each room's frames went out (e.g. the overlays' copy and goal frames)
        self.listeners: list[Callable[[str, list[StoredEvent]], None]] = []
        # the event as published, for events stored without their chat text
        self._originals: dict[tuple[str, int], StoredEvent] = {}

    def keep_original(self, stored: StoredEvent) -> None:
        """Subscribers get the text even when the account keeps it out of the store."""
        self._originals[(stored.event.broadcaster, stored.offset)] = stored

    def forget_original(self, stored: StoredEvent) -> None:
        self._originals.pop((stored.event.broadcaster, stored.offset), None)

    def publish_durable(self, batch: Sequence[StoredEvent]) -> None:
        """Append each room's events to its ring, then send them as frames."""
        by_room: dict[str, list[StoredEvent]] = {}
        now = self.buffers.now()
        for stored in batch:
            room = stored.event.broadcaster
            if self._originals:
                stored = self._originals.pop((room, stored.offset), stored)
            if not self.local(room):
                continue
            self.buffers.room(room).append(stored, now)
            by_room.setdefault(room, []).append(stored)
        for room, events in by_room.items():
            self.send(room, events)

    def send(self, broadcaster: str, events: list[StoredEvent]) -> None:
        """Frames of one room's events (already in its ring) to this process's sockets."""
        for frame, payload in frames(events):
            self.emit(frame, broadcaster, payload)
        for listener in self.listeners:
            listener(broadcaster, events)
