"""SQLite (WAL) event store: the embedded default. One table, one connection behind a lock."""

from __future__ import annotations

import json
import logging
import os
import sqlite3
import threading
from collections.abc import Collection, Sequence
from typing import Any

from server.adapters.eventstore.base import (
    MAX_IDS_PER_LOOKUP,
    StoredEvent,
    StoreHealth,
    StoreUnavailable,
    bucket_start,
    check_methods,
    check_metric,
    dense_buckets,
)
from server.adapters.eventstore.sqlite_analytics import ANALYTICS_INDEX, SqliteAnalytics
from server.realtime.protocol import PlatformEvent

log = logging.getLogger(__name__)
# One shared encoder: json.dumps(**options) builds a new encoder on every call.
_to_json = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode

_TRANSIENT = ("locked", "busy", "disk", "i/o", "unable to open", "readonly", "full")

_SCHEMA = (
    """CREATE TABLE IF NOT EXISTS events (
        broadcaster TEXT NOT NULL, id TEXT NOT NULL, "offset" INTEGER NOT NULL,
        method TEXT NOT NULL, ts REAL NOT NULL, received_at REAL NOT NULL,
        username TEXT, tokens INTEGER, language TEXT, text TEXT, payload TEXT NOT NULL,
        UNIQUE (broadcaster, id))""",
    "CREATE INDEX IF NOT EXISTS events_broadcaster_ts ON events (broadcaster, ts)",
    'CREATE INDEX IF NOT EXISTS events_broadcaster_offset ON events (broadcaster, "offset")',
)
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


def _unavailable(exc: sqlite3.OperationalError) -> Exception:
    """Locks, busy and I/O trouble are outages (retry later); anything else is a bug."""
    if any(hint in str(exc).lower() for hint in _TRANSIENT):
        return StoreUnavailable(f"sqlite: {exc}")
    return exc


class SqliteEventStore(SqliteAnalytics):
    """Event store in one SQLite file (WAL). Safe across threads and gevent greenlets."""

    backend = "sqlite"

    def __init__(self, path: str, *, busy_timeout_ms: int = 5_000) -> None:
        """Open (and create) the database file at `path`."""
        self.path = path
        if path != ":memory:":
            os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
        # One connection behind a lock: sqlite calls do not yield under gevent anyway.
        self._lock = threading.Lock()
        self._db = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        self._db.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
        self._db.execute("PRAGMA journal_mode = WAL")
        self._db.execute("PRAGMA synchronous = NORMAL")
        for statement in (*_SCHEMA, ANALYTICS_INDEX):
            self._db.execute(statement)

    def close(self) -> None:
        """Close the connection."""
        with self._lock:
            self._db.close()

    def _run(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        try:
            with self._lock:
                return self._db.execute(sql, params).fetchall()
        except sqlite3.OperationalError as exc:
            raise _unavailable(exc) from exc

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
            raise _unavailable(exc) from exc

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

    def aggregate(
        self, broadcaster: str, start: float, end: float, *, metric: str, interval_s: int | None
    ) -> list[tuple[float, float]]:
        """Dense (bucket_start, value) series; see `EventStore.aggregate`."""
        method, column = check_metric(metric, interval_s)
        value = f"SUM({column})" if column else "COUNT(*)"
        # Buckets are re-derived in Python from MIN(ts) of each group (same float math).
        group = "" if interval_s is None else f" GROUP BY CAST(ts / {interval_s} AS INTEGER)"
        rows = self._run(
            f"SELECT MIN(ts), {value} FROM events WHERE broadcaster = ? AND method = ?"  # noqa: S608
            f" AND ts >= ? AND ts < ?{group}",
            [broadcaster, method, start, end],
        )
        values = [(float(at), float(total or 0)) for at, total in rows if at is not None]
        if interval_s is not None:
            values = [(bucket_start(at, interval_s), total) for at, total in values]
        return dense_buckets(start, end, interval_s, values)

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
