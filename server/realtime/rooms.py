"""Who may read a broadcaster's room, and replay of missed events (ring buffer, then store)."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Collection
from typing import Any

from sqlalchemy import select

from server import metrics
from server.adapters.eventstore.base import EventStore, StoredEvent, StoreUnavailable
from server.adapters.eventstore.writer import BatchingWriter
from server.extensions import services
from server.ingest.chaturbate.feeds import ChaturbateFeeds
from server.models import Account
from server.realtime.replay import ReplayBuffers
from server.services.accounts import can_read_broadcaster

log = logging.getLogger(__name__)

MAX_REPLAY_FROM_STORE = 50_000
STORE_FAILED: list[StoredEvent] = []  # by identity: the store could not serve the replay


class RoomAccess:
    """Authorization and replay for the hub (no Flask request objects here)."""

    def __init__(
        self,
        buffers: ReplayBuffers,
        store: EventStore,
        writer: BatchingWriter,
        feeds: ChaturbateFeeds,
        public_rooms: Collection[str] = (),
    ) -> None:
        self.buffers = buffers
        self.store = store
        self.writer = writer
        self.feeds = feeds  # this process's Events API pollers
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

    def head(self, broadcaster: str) -> int:
        return self.buffers.room(broadcaster).head

    def replay(
        self, broadcaster: str, since: int | None, emit_one: Callable[[StoredEvent], None]
    ) -> int:
        """Emit every event after `since` in offset order; returns how many."""
        if since is None:
            return 0
        room = self.buffers.room(broadcaster)
        older = [] if room.since(since) is not None else self._from_store(broadcaster, since, room)
        metrics.count_replay(recovered=older is not STORE_FAILED)
        last = older[-1].offset if older else since
        newer = room.since(last) or []  # memory only: no yield between this and join_room
        for stored in older + newer:
            emit_one(stored)
        return len(older) + len(newer)

    def _from_store(self, broadcaster: str, since: int, room: Any) -> list[StoredEvent]:
        ring_start = room.ring[0].offset if room.ring else room.next_offset
        try:
            rows = self.store.query_range(
                broadcaster,
                0.0,
                time.time() + 3600,
                since_offset=since,
                limit=MAX_REPLAY_FROM_STORE,
            )
        except StoreUnavailable:
            log.warning(
                "replay from store failed; sending what memory holds", extra={"room": broadcaster}
            )
            return STORE_FAILED
        return [row for row in rows if row.offset < ring_start]

    def status(self, broadcaster: str | None = None) -> dict[str, Any]:
        """The `status` message: what feeds the room, the write path's state, arrival lag."""
        store = self.writer.status()
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
