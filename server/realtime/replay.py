"""Per-broadcaster offsets, recent-id dedupe and the replay ring buffer."""

from __future__ import annotations

import logging
import time
from collections import OrderedDict, deque
from collections.abc import Callable
from dataclasses import dataclass, field

from server.adapters.eventstore.base import StoredEvent

RING_EVENTS = 10_000
RING_SECONDS = 600.0
DEDUPE_IDS = 50_000
DEDUPE_SEED = 10_000  # ids a room reloads from the store when a process first touches it

log = logging.getLogger(__name__)


@dataclass
class RoomLog:
    """One broadcaster's recent history: the next offset, a ring of events, seen ids."""

    next_offset: int
    ring: deque[StoredEvent] = field(default_factory=lambda: deque(maxlen=RING_EVENTS))
    seen: OrderedDict[str, int] = field(default_factory=OrderedDict)

    @property
    def head(self) -> int:
        """Offset of the newest event (0 when none yet)."""
        return self.next_offset - 1

    def is_duplicate(self, event_id: str) -> bool:
        return event_id in self.seen

    def append(self, stored: StoredEvent, now: float) -> None:
        self.ring.append(stored)
        self.seen[stored.event.id] = stored.offset
        if len(self.seen) > DEDUPE_IDS:
            self.seen.popitem(last=False)
        while self.ring and now - self.ring[0].event.received_at > RING_SECONDS:
            self.ring.popleft()

    def since(self, offset: int) -> list[StoredEvent] | None:
        """Events after `offset` from memory, or None if the ring no longer reaches back."""
        if offset >= self.head:
            return []
        if not self.ring or self.ring[0].offset > offset + 1:
            return None
        return [stored for stored in self.ring if stored.offset > offset]


class ReplayBuffers:
    """All rooms of this process. A room opens from the store's recent history: its offsets
    continue after the newest stored event, and its dedupe knows the recent ids, so a
    restarted process (or one that takes a room over) still refuses an event it already
    has, e.g. a re-read Events API page."""

    def __init__(
        self,
        recent_ids: Callable[[str, int], dict[str, int]],
        clock: Callable[[], float] = time.time,
    ):
        self._recent_ids = recent_ids
        self._clock = clock
        self._rooms: dict[str, RoomLog] = {}

    def room(self, broadcaster: str) -> RoomLog:
        room = self._rooms.get(broadcaster)
        if room is None:
            room = self._rooms[broadcaster] = self._open(broadcaster)
        return room

    def _open(self, broadcaster: str) -> RoomLog:
        try:
            known = self._recent_ids(broadcaster, DEDUPE_SEED)
        except Exception:  # noqa: BLE001 - store down: stay monotonic using the clock instead
            log.warning("history of %s unavailable; offsets follow the clock", broadcaster)
            return RoomLog(next_offset=int(self._clock() * 1000))
        room = RoomLog(next_offset=max(known.values(), default=0) + 1)
        room.seen.update(sorted(known.items(), key=lambda item: item[1]))  # oldest evicted first
        return room

    def has(self, broadcaster: str) -> bool:
        return broadcaster in self._rooms

    def rooms(self) -> list[str]:
        return list(self._rooms)

    def now(self) -> float:
        return self._clock()
