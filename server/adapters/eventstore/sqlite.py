"""SQLite (WAL) event store: the embedded default. One table, one connection behind a lock."""

from __future__ import annotations

import json
import logging
import sqlite3
from collections.abc import Collection, Sequence
from typing import Any

from server.adapters.eventstore.base import (
    MAX_IDS_PER_LOOKUP,
    StoredEvent,
    StoreHealth,
    StoreUnavailable,
    check_methods,
)
from server.adapters.eventstore.sqlite_analytics import SqliteAnalytics
from server.adapters.eventstore.sqlite_table import unavailable
from server.events.model import PlatformEvent

log = logging.getLogger(__name__)
# One shared encoder: json.dumps(**options) builds a new encoder on every call.
_to_json = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode

_INSERT = (
    'INSERT OR IGNORE INTO events (broadcaster, id, "offset", method, ts, received_at,'
    " username, tokens, language, text, payload) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)


def _row(stored: StoredEvent, store_text: bool) -> tuple[Any, ...]:
    event = stored.event if store_text else stored.event.without_text()
    user = event.user or {}
    return (
        event.broadcaster, event.id, stored.offset, event.method, event.ts, event.received_at,
        user.get("username"), event.tokens, user.get("language"), event.text,
        _to_json(event.to_dict()),
    )  # fmt: skip


class SqliteEventStore(SqliteAnalytics):
    """Event store in one SQLite file (WAL). Safe across threads and gevent greenlets."""

    backend = "sqlite"
    journal_first = False

    def write_batch(self, events: Sequence[StoredEvent], *, store_text: bool = True) -> None:
        """Insert events in one transaction; existing (broadcaster, id) rows are kept."""
        if not events:
            return
        rows = [_row(stored, store_text) for stored in events]
        try:
            with self._lock:
                self._db.execute("BEGIN IMMEDIATE")
                try:
                    self._db.executemany(_INSERT, rows)
                    self._db.execute("COMMIT")
                except BaseException:
                    self._db.execute("ROLLBACK")
                    raise
        except sqlite3.OperationalError as exc:
            raise unavailable(exc) from exc

    def query_range(
        self,
        broadcaster: str,
        start: float,
        end: float,
        *,
        methods: Collection[str] | None = None,
        since_offset: int | None = None,
        limit: int = 10_000,
    ) -> list[StoredEvent]:
        """Events with start <= ts < end, ordered by (ts, offset); by offset with since_offset."""
        where = ["broadcaster = ?", "ts >= ?", "ts < ?"]
        params: list[Any] = [broadcaster, start, end]
        method_list = check_methods(methods)
        if method_list is not None:
            where.append(f"method IN ({', '.join('?' * len(method_list))})")
            params.extend(method_list)
        order = 'ts, "offset"'
        if since_offset is not None:
            where.append('"offset" > ?')
            params.append(since_offset)
            order = '"offset"'
        sql = f'SELECT "offset", payload FROM events WHERE {" AND ".join(where)}'  # noqa: S608
        rows = self._run(f"{sql} ORDER BY {order} LIMIT ?", [*params, max(0, limit)])
        return [StoredEvent(offset, PlatformEvent.from_dict(json.loads(p))) for offset, p in rows]

    def get_events(
        self, broadcaster: str, ids: Collection[str], start: float, end: float
    ) -> list[StoredEvent]:
        """The events with these ids (unique index lookup; the time window is not needed)."""
        wanted = list(dict.fromkeys(ids))[:MAX_IDS_PER_LOOKUP]
        if not wanted:
            return []
        marks = ", ".join("?" * len(wanted))
        rows = self._run(
            f'SELECT "offset", payload FROM events WHERE broadcaster = ? AND id IN ({marks})',  # noqa: S608
            [broadcaster, *wanted],
        )
        return [StoredEvent(offset, PlatformEvent.from_dict(json.loads(p))) for offset, p in rows]

    def last_offset(self, broadcaster: str) -> int:
        """Highest stored offset of the broadcaster (0 if none)."""
        rows = self._run('SELECT MAX("offset") FROM events WHERE broadcaster = ?', [broadcaster])
        return int(rows[0][0] or 0)

    def count(self, broadcaster: str | None = None) -> int:
        """Number of stored events, for one broadcaster or all."""
        if broadcaster is None:
            return int(self._run("SELECT COUNT(*) FROM events")[0][0])
        return int(
            self._run("SELECT COUNT(*) FROM events WHERE broadcaster = ?", [broadcaster])[0][0]
        )

    def health(self) -> StoreHealth:
        """Run a trivial query."""
        try:
            self._run("SELECT 1")
        except StoreUnavailable as exc:
            return StoreHealth(False, self.backend, str(exc))
        return StoreHealth(True, self.backend, self.path)
