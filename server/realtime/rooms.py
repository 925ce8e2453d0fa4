"""Who may read a broadcaster's room, its stream position, recovery and `status`."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Collection
from typing import Any

from sqlalchemy import select

from server import metrics
from server.adapters.eventstore.base import EventStore
from server.adapters.eventstore.writer import BatchingWriter
from server.extensions import services
from server.ingest.chaturbate.feeds import ChaturbateFeeds
from server.models import Account
from server.realtime.protocol import event_message
from server.realtime.recovery import Recoverer, Recovery, Since, position
from server.realtime.replay import ReplayBuffers
from server.services.accounts import can_read_broadcaster

log = logging.getLogger(__name__)


class RoomAccess:
    """Authorization and replay for the hub (no Flask request objects here)."""

    def __init__(
        self,
        buffers: ReplayBuffers,
        store: EventStore,
        writer: BatchingWriter,
        feeds: ChaturbateFeeds,
        public_rooms: Collection[str] = (),
        stream_status: Callable[[], dict[str, Any]] | None = None,
    ) -> None:
        self.buffers = buffers
        self.store = store
        self.writer = writer
        self.feeds = feeds  # this process's Events API pollers
        self.recoverer = Recoverer(buffers, store)
        self.stream_status = stream_status or (lambda: {"engine": "memory", "ok": True})
        self.public_rooms = frozenset(public_rooms)  # dev simulator rooms, readable by anyone

    def may_read(self, account_id: str, sub: str, broadcaster: str) -> bool:
        """Owner, or member of the owning account; dev simulator rooms are open to all."""
        if broadcaster in self.public_rooms:
            return True
        session = services().db.session
        account = session.get(Account, account_id)
        return account is not None and can_read_broadcaster(session, account, broadcaster)

    def account(self, account_id: str) -> Account | None:
        session = services().db.session
        return session.scalar(select(Account).where(Account.id == account_id))

    def position(self, broadcaster: str) -> dict[str, Any]:
        """The room's stream position `{offset, epoch}` (last published offset)."""
        return position(self.buffers.room(broadcaster))

    def feed(self, broadcaster: str, after: int | None, limit: int) -> dict[str, Any]:
        """A page of the room's stream from the store: events after `after` (default: the
        newest `limit`), up to the current position, plus that position and the next cursor.
        Raises StoreUnavailable."""
        current = self.position(broadcaster)
        start = max(0, current["offset"] - limit) if after is None else after
        rows = self.store.query_range(
            broadcaster, 0.0, time.time() + 86_400, since_offset=start, limit=limit
        )
        items = sorted(
            (row for row in rows if row.offset <= current["offset"]), key=lambda s: s.offset
        )
        last = items[-1].offset if items else start
        return {
            "broadcaster": broadcaster,
            "position": current,
            "items": [event_message(stored) for stored in items],
            "next_after": last if last < current["offset"] else None,
        }

    def recover(self, broadcaster: str, since: Since | None) -> Recovery:
        """Every event after `since` in order, or none (see server/realtime/recovery.py)."""
        recovery = self.recoverer.recover(broadcaster, since)
        if since is not None:
            metrics.count_replay(recovered=recovery.recovered)
        return recovery

    def status(self, broadcaster: str | None = None) -> dict[str, Any]:
        """The `status` message: what feeds the room, the write path's state, arrival lag."""
        store, stream = self.writer.status(), self.stream_status()
        feed, state, reason = self._feed(broadcaster)
        return {
            "broadcaster": broadcaster,
            "ingest": feed,
            "ingest_state": state,
            "reason": reason,
            "store": store["state"],
            "store_backend": store["backend"],
            "spool_depth": store["spool_depth"],
            "queued": store["queued"],
            "lag_ms": self._lag_ms(broadcaster),
            "room_stream": "ok" if stream["ok"] else "down",
            "room_stream_engine": stream["engine"],
            "position": None if broadcaster is None else self.position(broadcaster),
        }

    def _feed(self, broadcaster: str | None) -> tuple[str, str | None, str | None]:
        """events_api (the server polls Chaturbate), simulator, extension, or none."""
        if broadcaster is None:
            return "none", None, None
        poller = self.feeds.poller(broadcaster)
        if poller is not None:
            return "events_api", poller.status.state, poller.status.reason
        if broadcaster in self.public_rooms:
            return "simulator", "connected", None
        return "extension", None, None

    def _lag_ms(self, broadcaster: str | None) -> int | None:
        """How late the newest event reached us after the platform stamped it."""
        if broadcaster is None or not self.buffers.has(broadcaster):
            return None
        ring = self.buffers.room(broadcaster).ring
        if not ring:
            return None
        newest = ring[-1].event
        return max(0, int((newest.received_at - newest.ts) * 1000))
