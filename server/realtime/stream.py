"""The room stream: one interface names numbering, dedupe and where history lives.

Modelled on Centrifugo's broker (publish with offsets, history, position {offset, epoch}).
Two engines implement it: `MemoryNumbering` here (one process, the embedded default) and
`RedisNumbering` (server/realtime/redis_stream.py: one room log shared by every process).
Both keep each room's recent history in this process's `ReplayBuffers`, which recovery
reads; the Redis engine fills them from the Redis stream instead of from local publishes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from server.adapters.eventstore.base import StoredEvent
from server.events.model import PlatformEvent
from server.realtime.replay import ReplayBuffers


@dataclass(frozen=True, slots=True)
class Assigned:
    """The numbering's answer for one event: its offset, and whether it was already known.
    `rewrite`: a duplicate whose first copy may not be durable (another process accepted it
    and may have died before its store commit), so it is written again (stores are
    idempotent by (broadcaster, id))."""

    offset: int
    duplicate: bool = False
    rewrite: bool = False


class RoomStream(Protocol):
    """What the hub needs from an engine."""

    buffers: ReplayBuffers

    def assign(self, broadcaster: str, events: Sequence[PlatformEvent]) -> list[Assigned]:
        """Dedupe by id and hand out offsets, in order, atomically for the whole list."""
        ...

    def fans_out_locally(self, broadcaster: str) -> bool:
        """True when this process sends the room's durable events to its sockets itself."""
        ...

    def status(self) -> dict[str, Any]:
        """{engine, ok, detail} for health and the `status` message."""
        ...


class MemoryNumbering:
    """One process numbers its rooms in memory (offsets continue after the store's)."""

    def __init__(self, buffers: ReplayBuffers) -> None:
        self.buffers = buffers

    def assign(self, broadcaster: str, events: Sequence[PlatformEvent]) -> list[Assigned]:
        room = self.buffers.room(broadcaster)
        answers = []
        for event in events:
            known = room.seen.get(event.id)
            if known is not None:
                answers.append(Assigned(known, duplicate=True))
            else:
                answers.append(Assigned(room.reserve(event.id)))
        return answers

    def fans_out_locally(self, broadcaster: str) -> bool:
        return True

    def status(self) -> dict[str, Any]:
        return {"engine": "memory", "ok": True, "detail": None}


def durable_only(batch: Sequence[StoredEvent], stream: RoomStream) -> list[StoredEvent]:
    """The events of a durable group that this process fans out itself."""
    return [s for s in batch if stream.fans_out_locally(s.event.broadcaster)]
