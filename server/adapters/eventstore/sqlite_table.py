"""The SQLite events table: its schema, one locked connection, and what counts as an outage.

Shared by the write half (`sqlite.py`) and the analytics half (`sqlite_analytics.py`).
"""

from __future__ import annotations

import os
import sqlite3
import threading
from collections.abc import Sequence
from typing import Any

from server.adapters.eventstore.base import StoreUnavailable

_TRANSIENT = ("locked", "busy", "disk", "i/o", "unable to open", "readonly", "full")

SCHEMA = (
    """CREATE TABLE IF NOT EXISTS events (
        broadcaster TEXT NOT NULL, id TEXT NOT NULL, "offset" INTEGER NOT NULL,
        method TEXT NOT NULL, ts REAL NOT NULL, received_at REAL NOT NULL,
        username TEXT, tokens INTEGER, language TEXT, text TEXT, payload TEXT NOT NULL,
        UNIQUE (broadcaster, id))""",
    "CREATE INDEX IF NOT EXISTS events_broadcaster_ts ON events (broadcaster, ts)",
    'CREATE INDEX IF NOT EXISTS events_broadcaster_offset ON events (broadcaster, "offset")',
    # Covers every per-method analytics query: counts, sums, tippers and enter/leave order are
    # read from the index alone (no table rows), one method's time range at a time.
    "CREATE INDEX IF NOT EXISTS events_analytics"
    ' ON events (broadcaster, method, ts, "offset", tokens, username)',
)


def unavailable(exc: sqlite3.OperationalError) -> Exception:
    """Locks, busy and I/O trouble are outages (retry later); anything else is a bug."""
    if any(hint in str(exc).lower() for hint in _TRANSIENT):
        return StoreUnavailable(f"sqlite: {exc}")
    return exc


class SqliteTable:
    """One SQLite file (WAL) holding the events table, behind one connection and a lock."""

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
        for statement in SCHEMA:
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
            raise unavailable(exc) from exc

    def _delete(self, sql: str, params: Sequence[Any]) -> int:
        try:
            with self._lock:
                return self._db.execute(sql, params).rowcount
        except sqlite3.OperationalError as exc:
            raise unavailable(exc) from exc
