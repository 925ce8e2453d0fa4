"""The EventStore contract on SQLite, plus SQLite-specific behaviour."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from server.adapters.eventstore.base import StoreUnavailable
from server.adapters.eventstore.sqlite import SqliteEventStore
from tests.adapters.eventstore.contract import EventStoreContract
from tests.adapters.helpers import make_event


class TestSqliteEventStore(EventStoreContract):
    @pytest.fixture
    def store(self, tmp_path: Path) -> Iterator[SqliteEventStore]:
        store = SqliteEventStore(str(tmp_path / "events.db"))
        yield store
        store.close()

    def raw_texts(self, store: SqliteEventStore) -> list[str]:
        with sqlite3.connect(store.path) as db:
            rows = db.execute("SELECT text, payload FROM events").fetchall()
        return [value for row in rows for value in row if value is not None]


def test_database_uses_wal_and_survives_reopen(tmp_path: Path) -> None:
    path = str(tmp_path / "sub" / "events.db")
    store = SqliteEventStore(path)
    store.write_batch([make_event(1), make_event(2)])
    store.close()
    reopened = SqliteEventStore(path)
    assert reopened.count() == 2
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_locked_database_raises_store_unavailable(tmp_path: Path) -> None:
    path = str(tmp_path / "events.db")
    store = SqliteEventStore(path, busy_timeout_ms=50)
    locker = sqlite3.connect(path, isolation_level=None)
    locker.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(StoreUnavailable):
            store.write_batch([make_event(1)])
    finally:
        locker.execute("ROLLBACK")
        locker.close()
    store.write_batch([make_event(1)])
    assert store.count() == 1
