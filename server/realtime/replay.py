"""The embedded room stream engine: per-broadcaster offsets, epochs, recent-id dedupe and
the replay ring (one process; the Redis engine shares the same shape across processes)."""

from __future__ import annotations

import logging
import threading
import time
from collections import OrderedDict, deque
from collections.abc import Callable
from dataclasses import dataclass, field

from server.adapters.eventstore.base import StoredEvent
from server.realtime.epochs import EpochBook

RING_EVENTS = 10_000
RING_SECONDS = 600.0
DEDUPE_IDS = 50_000
DEDUPE_SEED = 10_000  # ids a room reloads from the store when a process first touches it

log = logging.getLogger(__name__)


@dataclass
class RoomLog:
    """One broadcaster's recent history. Offsets are handed out at accept (`next_offset`);
    an event joins the ring, and `head` moves, only once it is durable and fanned out."""

    next_offset: int
    epoch: str = ""
    head: int = 0  # offset of the newest published event (0 when none yet)
    mirrored: bool = False  # filled from the shared Redis stream, not by local publishes
    ring: deque[StoredEvent] = field(default_factory=lambda: deque(maxlen=RING_EVENTS))
    seen: OrderedDict[str, int] = field(default_factory=OrderedDict)

    def __post_init__(self) -> None:
        self.head = max(self.head, self.next_offset - 1)

    def is_duplicate(self, event_id: str) -> bool:
        return event_id in self.seen

    def reserve(self, event_id: str) -> int:
        """Hand out the next offset to a new event and remember its id."""
        offset = self.next_offset
        self.next_offset += 1
        self.seen[event_id] = offset
        if len(self.seen) > DEDUPE_IDS:
            self.seen.popitem(last=False)
        return offset

    def remember(self, event_id: str, offset: int) -> None:
        """An id this process published under an offset handed out elsewhere (Redis)."""
        self.next_offset = max(self.next_offset, offset + 1)
        self.seen[event_id] = offset
        if len(self.seen) > DEDUPE_IDS:
            self.seen.popitem(last=False)

    def append(self, stored: StoredEvent, now: float) -> None:
        """A durable event: into the ring, and the head moves to it."""
        self.ring.append(stored)
        self.head = max(self.head, stored.offset)
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
    has, e.g. a re-read Events API page. Its epoch comes from the `EpochBook`."""

    def __init__(
        self,
        recent_ids: Callable[[str, int], dict[str, int]],
        clock: Callable[[], float] = time.time,
        epochs: EpochBook | None = None,
    ):
        self._recent_ids = recent_ids
        self._clock = clock
        self.epochs = epochs or EpochBook(None)
        self._rooms: dict[str, RoomLog] = {}
        # opening reads the store (a yield under gevent): two publishes of a new room must
        # not both open it and hand out the same offsets
        self._opening = threading.Lock()
        self.opener: Callable[[str], RoomLog] | None = None  # another engine's way to open

    def room(self, broadcaster: str) -> RoomLog:
        room = self._rooms.get(broadcaster)
        if room is None:
            with self._opening:
                room = self._rooms.get(broadcaster)
                if room is None:
                    opener = self.opener or self._open
                    room = self._rooms[broadcaster] = opener(broadcaster)
        return room

    def _open(self, broadcaster: str) -> RoomLog:
        try:
            known = self._recent_ids(broadcaster, DEDUPE_SEED)
        except Exception:  # noqa: BLE001 - store down: stay monotonic using the clock instead
            log.warning("history of %s unavailable; offsets follow the clock", broadcaster)
            offset = int(self._clock() * 1000)
            return RoomLog(next_offset=offset, epoch=self.epochs.open(broadcaster, None))
        last = max(known.values(), default=0)
        room = RoomLog(next_offset=last + 1, epoch=self.epochs.open(broadcaster, last))
        room.seen.update(sorted(known.items(), key=lambda item: item[1]))  # oldest evicted first
        return room

    def note_heads(self) -> None:
        """Record every local room's highest offset in the epoch book and save it."""
        for broadcaster, room in self._rooms.items():
            if room.mirrored:
                continue
            self.epochs.note_high(broadcaster, room.next_offset - 1)
        self.epochs.save()

    def has(self, broadcaster: str) -> bool:
        return broadcaster in self._rooms

    def rooms(self) -> list[str]:
        return list(self._rooms)

    def now(self) -> float:
        return self._clock()
