"""Each process mirrors the Redis streams of its open rooms and sends new entries to its own
sockets: one blocking XREAD over every followed room, in stream (= offset) order, so every
process delivers the same offsets in the same order."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from server.adapters.eventstore.base import StoredEvent
from server.realtime.redis_stream import RedisNumbering, decode_entry
from server.realtime.replay import RoomLog

log = logging.getLogger(__name__)

BLOCK_MS = 50  # a newly opened room joins the read within this long
READ_COUNT = 2000
Deliver = Callable[[str, list[StoredEvent]], None]
Notice = Callable[[str], None]


class StreamReader:
    """Loop: XREAD the followed rooms' logs after their heads; append, then deliver."""

    def __init__(
        self, numbering: RedisNumbering, client: Any, deliver: Deliver, renumbered: Notice
    ) -> None:
        self.numbering = numbering
        self.redis = client  # its own connection: XREAD blocks it
        self.deliver = deliver
        self.renumbered = renumbered
        self.stopped = False

    def run(self, sleep: Callable[[float], Any]) -> None:
        while not self.stopped:
            try:
                if not self.read_once():
                    sleep(BLOCK_MS / 1000)
            except Exception as exc:  # noqa: BLE001 - Redis away: try again shortly
                self.numbering.mark_unreachable(exc)
                sleep(0.5)

    def read_once(self) -> bool:
        """One XREAD; False when there was no room to follow."""
        rooms = self._followed()
        if not rooms:
            return False
        streams = {self.numbering.keys(b).log: f"{room.head}-1" for b, room in rooms.items()}
        replies = self.redis.xread(streams, count=READ_COUNT, block=BLOCK_MS) or []
        by_key = {self.numbering.keys(b).log: b for b in rooms}
        for key, entries in replies:
            name = by_key[key.decode() if isinstance(key, bytes) else key]
            self._apply(name, rooms[name], entries)
        return True

    def _followed(self) -> dict[str, RoomLog]:
        buffers = self.numbering.buffers
        rooms = {name: buffers.room(name) for name in buffers.rooms()}
        return {name: room for name, room in rooms.items() if room.mirrored}

    def _apply(self, broadcaster: str, room: RoomLog, entries: list[Any]) -> None:
        fresh: list[StoredEvent] = []
        now = self.numbering.clock()
        for entry_id, fields in entries:
            stored, epoch = decode_entry(entry_id, fields)
            if epoch != room.epoch:  # renumbered elsewhere (Redis was away): a new history
                self._flush(broadcaster, fresh)
                fresh = []
                room.epoch, room.head = epoch, stored.offset - 1
                room.ring.clear()
                self.renumbered(broadcaster)
            if stored.offset <= room.head:
                continue
            room.append(stored, now)
            fresh.append(stored)
        self._flush(broadcaster, fresh)

    def _flush(self, broadcaster: str, events: list[StoredEvent]) -> None:
        if events:
            self.deliver(broadcaster, events)
