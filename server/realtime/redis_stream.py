"""The Redis room stream: one room log shared by every server process (REDIS_URL set).

Per room (hash tag {broadcaster}: one Redis Cluster slot):
  <prefix>{b}:meta   hash {epoch, next}: the room's epoch and next offset
  <prefix>{b}:log    stream, entry id "<offset>-1", fields e (event JSON), p (epoch);
                     trimmed to REPLAY_MAX_EVENTS (approximately)
  <prefix>{b}:id:<event id>  offset of a known event id (dedupe), expires after DEDUPE_TTL
One Lua script dedupes, numbers and appends a whole publish at once, so every process gets
the same answer. Each process mirrors the streams of its open rooms into its ReplayBuffers
(server/realtime/redis_reader.py) and sends them to its own sockets from there.

Redis unreachable: the room is numbered in this process under a new local epoch (offsets
follow the clock, so they never collide with Redis'); once Redis answers again the shared
numbering resumes above them, under a new epoch: never a duplicate offset.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable, Sequence
from typing import Any

from server.adapters.eventstore.base import StoredEvent
from server.events.model import PlatformEvent
from server.realtime.epochs import new_epoch
from server.realtime.recovery import REPLAY_MAX_EVENTS
from server.realtime.replay import ReplayBuffers, RoomLog
from server.realtime.stream import Assigned, MemoryNumbering

log = logging.getLogger(__name__)

DEDUPE_TTL_SECONDS = 3600
HISTORY_TTL_SECONDS = 86_400  # an idle room's log and epoch expire after a day
RETRY_SECONDS = 2.0
OPEN_TAIL = 1000  # stream entries a process loads into memory when it opens a room

# KEYS meta, log; ARGV epoch-if-new, floor, maxlen, id ttl, history ttl, id prefix, id, json...
_APPEND = """
local epoch = redis.call('hget', KEYS[1], 'epoch')
local nxt = tonumber(redis.call('hget', KEYS[1], 'next') or '0')
local floor = tonumber(ARGV[2])
if (not epoch) or nxt < floor then
  epoch = ARGV[1]
  if nxt < floor then nxt = floor end
  redis.call('hset', KEYS[1], 'epoch', epoch, 'next', nxt)
end
local out = {epoch}
for i = 7, #ARGV, 2 do
  local idkey = ARGV[6] .. ARGV[i]
  local known = redis.call('get', idkey)
  if known then
    out[#out + 1] = -tonumber(known)
  else
    local offset = redis.call('hincrby', KEYS[1], 'next', 1) - 1
    redis.call('set', idkey, offset, 'EX', ARGV[4])
    redis.call('xadd', KEYS[2], 'MAXLEN', '~', ARGV[3], offset .. '-1', 'e', ARGV[i + 1],
               'p', epoch)
    out[#out + 1] = offset
  end
end
redis.call('expire', KEYS[1], ARGV[5])
redis.call('expire', KEYS[2], ARGV[5])
return out
"""


class RoomKeys:
    """Key names of one room under a prefix."""

    def __init__(self, prefix: str, broadcaster: str) -> None:
        base = f"{prefix}{{{broadcaster}}}"
        self.meta, self.log, self.ids = f"{base}:meta", f"{base}:log", f"{base}:id:"


class RedisNumbering:
    """The shared engine; falls back to `MemoryNumbering` per room while Redis is away."""

    def __init__(
        self,
        client: Any,
        buffers: ReplayBuffers,
        store_last: Callable[[str], int],
        prefix: str = "wcp:room:",
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.redis = client
        self.buffers = buffers
        self.prefix = prefix
        self.clock = clock
        self._store_last = store_last
        self._append = client.register_script(_APPEND)
        self._local = MemoryNumbering(buffers)
        self._down_since: float | None = None
        self._retry_at = 0.0
        self.last_error: str | None = None
        self.on_renumbered: Callable[[str], None] | None = None  # tell the room's sockets
        buffers.opener = self.open_room

    def keys(self, broadcaster: str) -> RoomKeys:
        return RoomKeys(self.prefix, broadcaster)

    def open_room(self, broadcaster: str) -> RoomLog:
        """A room's local mirror: epoch, head and the stream's tail (Redis down: local)."""
        floor = self._floor(broadcaster)
        room = RoomLog(next_offset=floor, mirrored=True)
        try:
            epoch = self._call(broadcaster, floor, [])[0]
            entries = self.redis.xrevrange(self.keys(broadcaster).log, count=OPEN_TAIL)
        except Exception as exc:  # noqa: BLE001 - any Redis trouble: number locally
            self.mark_unreachable(exc)
            return self._go_local(broadcaster, room)
        room.epoch = epoch
        room.head = max([floor - 1, *(entry_offset(e) for e, _ in entries[:1])])
        for entry_id, fields in reversed(entries):
            stored, entry_epoch = decode_entry(entry_id, fields)
            if entry_epoch == epoch:
                room.append(stored, self.clock())
        return room

    def assign(self, broadcaster: str, events: Sequence[PlatformEvent]) -> list[Assigned]:
        room = self.buffers.room(broadcaster)
        if not room.mirrored and self.clock() < self._retry_at:
            return self._local.assign(broadcaster, events)
        try:
            reply = self._call(broadcaster, room.next_offset, events)  # floor read at open
        except Exception as exc:  # noqa: BLE001 - number locally, under a new epoch
            self.mark_unreachable(exc)
            self._go_local(broadcaster, room)
            return self._local.assign(broadcaster, events)
        self._recovered(broadcaster, room, reply[0])
        answers = []
        for event, value in zip(events, reply[1:], strict=True):
            offset = abs(int(value))
            if int(value) < 0:
                answers.append(Assigned(offset, duplicate=True, rewrite=True))
            else:
                room.remember(event.id, offset)
                answers.append(Assigned(offset))
        return answers

    def fans_out_locally(self, broadcaster: str) -> bool:
        return not self.buffers.room(broadcaster).mirrored

    def status(self) -> dict[str, Any]:
        down = self._down_since is not None
        return {"engine": "redis", "ok": not down, "detail": self.last_error if down else None}

    def _call(self, broadcaster: str, floor: int, events: Sequence[PlatformEvent]) -> list[Any]:
        keys = self.keys(broadcaster)
        args: list[Any] = [new_epoch(), floor, REPLAY_MAX_EVENTS, DEDUPE_TTL_SECONDS,
                           HISTORY_TTL_SECONDS, keys.ids]  # fmt: skip
        for event in events:
            args += [event.id, json.dumps(event.to_dict(), separators=(",", ":"))]
        reply = self._append(keys=[keys.meta, keys.log], args=args)
        return [reply[0].decode() if isinstance(reply[0], bytes) else reply[0], *reply[1:]]

    def _floor(self, broadcaster: str) -> int:
        """The lowest next offset that cannot reuse a stored one (0 + 1 if the store is down:
        Redis then keeps its own, higher, numbering)."""
        try:
            return self._store_last(broadcaster) + 1
        except Exception:  # noqa: BLE001 - store down: Redis' numbering stands on its own
            return 1

    def _go_local(self, broadcaster: str, room: RoomLog) -> RoomLog:
        if room.mirrored or not room.epoch:
            room.mirrored = False
            room.epoch = "local-" + new_epoch()
            room.next_offset = max(room.next_offset, room.head + 1, int(self.clock() * 1000))
            log.warning("room %s numbered locally (redis unavailable): new epoch", broadcaster)
        return room

    def _recovered(self, broadcaster: str, room: RoomLog, epoch: str) -> None:
        if self._down_since is not None:
            log.info("room stream: redis is back")
            self._down_since = None
        changed = room.epoch != epoch
        if not room.mirrored:
            room.mirrored = True
            log.info("room %s numbered by redis again", broadcaster)
        room.epoch = epoch
        if changed and self.on_renumbered is not None:
            self.on_renumbered(broadcaster)

    def position(self, broadcaster: str) -> dict[str, Any]:
        room = self.buffers.room(broadcaster)
        return {"offset": room.head, "epoch": room.epoch}

    def mark_unreachable(self, exc: Exception) -> None:
        """Redis failed: health says so; rooms are numbered locally for RETRY_SECONDS."""
        if self._down_since is None:
            log.warning("room stream: redis unavailable (%s)", type(exc).__name__)
            self._down_since = self.clock()
        self.last_error = type(exc).__name__
        self._retry_at = self.clock() + RETRY_SECONDS


def entry_offset(entry_id: bytes | str) -> int:
    raw = entry_id.decode() if isinstance(entry_id, bytes) else entry_id
    return int(raw.split("-", 1)[0])


def decode_entry(entry_id: bytes | str, fields: dict[Any, Any]) -> tuple[StoredEvent, str]:
    """(the event with its offset, its epoch) from one stream entry."""
    epoch = fields.get(b"p", fields.get("p", b""))
    event = PlatformEvent.from_dict(json.loads(fields.get(b"e", fields.get("e", b"{}"))))
    return StoredEvent(entry_offset(entry_id), event), (
        epoch.decode() if isinstance(epoch, bytes) else str(epoch)
    )
