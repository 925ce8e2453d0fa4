"""BatchingWriter against real stores with real outages (a locked SQLite file, a cut proxy
in front of influxd) and a real kill -9."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import urlparse

import pytest

from server.adapters.eventstore.base import EventStore
from server.adapters.eventstore.influx import InfluxEventStore
from server.adapters.eventstore.sqlite import SqliteEventStore
from server.adapters.eventstore.writer import BatchingWriter
from server.adapters.spool import Spool, SpoolFull
from tests.adapters.helpers import (
    BASE_TS,
    InfluxDatabase,
    SwitchableProxy,
    free_port,
    make_event,
)
from tests.service_urls import require_service_url

REPO = Path(__file__).resolve().parents[2]


class Backend:
    """A real store plus a switch that takes it down and up again."""

    name: str
    store: EventStore

    def down(self) -> None:
        raise NotImplementedError

    def up(self) -> None:
        raise NotImplementedError

    def child_target(self) -> tuple[str, str]:
        """(target, database) for the kill -9 child while the store is down."""
        raise NotImplementedError

    def arrival_order(self) -> list[int] | None:
        """Offsets in the order the store received them, where the store can tell."""
        return None


class SqliteBackend(Backend):
    name = "sqlite"

    def __init__(self, tmp_path: Path) -> None:
        self.path = str(tmp_path / "events.db")
        self.store = SqliteEventStore(self.path, busy_timeout_ms=20)
        self._locker: sqlite3.Connection | None = None

    def down(self) -> None:
        self._locker = sqlite3.connect(self.path, isolation_level=None)
        self._locker.execute("BEGIN EXCLUSIVE")

    def up(self) -> None:
        if self._locker is not None:
            self._locker.execute("ROLLBACK")
            self._locker.close()
            self._locker = None

    def child_target(self) -> tuple[str, str]:
        return self.path, ""

    def arrival_order(self) -> list[int] | None:
        with sqlite3.connect(self.path) as db:
            return [r[0] for r in db.execute('SELECT "offset" FROM events ORDER BY rowid')]


class InfluxBackend(Backend):
    name = "influx"

    def __init__(self, db: InfluxDatabase) -> None:
        target = urlparse(db.url)
        self.db = db
        self.proxy = SwitchableProxy(target.hostname or "127.0.0.1", target.port or 8086)
        self.store = InfluxEventStore(self.proxy.url, db.name, timeout=(0.5, 2))

    def down(self) -> None:
        self.proxy.set_enabled(False)

    def up(self) -> None:
        self.proxy.set_enabled(True)

    def child_target(self) -> tuple[str, str]:
        return f"http://127.0.0.1:{free_port()}", self.db.name


@pytest.fixture(params=["sqlite", "influx"])
def backend(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Backend]:
    if request.param == "sqlite":
        sqlite_backend = SqliteBackend(tmp_path)
        yield sqlite_backend
        sqlite_backend.up()
        return
    db = InfluxDatabase(require_service_url("TEST_INFLUX_URL")).create()
    influx_backend = InfluxBackend(db)
    try:
        yield influx_backend
    finally:
        influx_backend.proxy.close()
        db.drop()


def new_writer(
    backend: Backend, spool_dir: Path, *, max_batch: int = 5000, max_bytes: int = 1 << 30
) -> BatchingWriter:
    spool = Spool(str(spool_dir), max_bytes=max_bytes)
    return BatchingWriter(
        backend.store, spool, max_batch=max_batch, max_delay=0.02, retry_min=0.05, retry_max=0.2
    )


def wait_until(condition: Callable[[], bool], timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "condition not reached in time"
        time.sleep(0.01)


def stored_offsets(store: EventStore) -> list[int]:
    return [s.offset for s in store.query_range("alice", 0, BASE_TS + 1e6, since_offset=0)]


def test_events_are_written_in_batches(backend: Backend, tmp_path: Path) -> None:
    writer = new_writer(backend, tmp_path / "spool")
    writer.start()
    for offset in range(1, 12_001):
        writer.submit(make_event(offset, ts=BASE_TS + offset / 100))
    assert writer.drain(timeout=30)
    writer.stop()
    assert backend.store.count("alice") == 12_000
    status = writer.status()
    assert status["state"] == "ok" and status["written_total"] == 12_000
    assert status["backend"] == backend.name


def test_outage_then_recovery_stores_every_event_once_in_order(
    backend: Backend, tmp_path: Path
) -> None:
    writer = new_writer(backend, tmp_path / "spool", max_batch=40)
    writer.start()
    writer.submit(make_event(1))
    assert writer.drain()
    backend.down()
    for offset in range(2, 151):
        writer.submit(make_event(offset))
    wait_until(lambda: writer.spool.depth() == 149)
    status = writer.status()
    assert status["state"] == "degraded" and status["last_error"]
    for offset in range(151, 201):
        writer.submit(make_event(offset))
    backend.up()
    assert writer.drain(timeout=20)
    writer.stop()
    assert backend.store.count("alice") == 200
    assert stored_offsets(backend.store) == list(range(1, 201))
    order = backend.arrival_order()
    assert order is None or order == list(range(1, 201))
    assert writer.status()["state"] == "ok" and writer.status()["spool_depth"] == 0


def test_wait_durable_returns_once_events_are_in_the_store_or_the_spool(
    backend: Backend, tmp_path: Path
) -> None:
    writer = new_writer(backend, tmp_path / "spool")
    assert writer.mark() == 0 and writer.wait_durable(0, timeout=0)  # nothing submitted yet
    writer.submit(make_event(1))
    assert not writer.wait_durable(writer.mark(), timeout=0.05)  # not started: still in memory
    writer.start()
    assert writer.wait_durable(writer.mark(), timeout=5)
    assert backend.store.count("alice") == 1
    backend.down()
    writer.submit(make_event(2))
    assert writer.wait_durable(writer.mark(), timeout=5)
    assert writer.spool.depth() == 1  # on disk: a crash now loses nothing
    backend.up()
    assert writer.drain(timeout=20)
    writer.stop()
    assert stored_offsets(backend.store) == [1, 2]


def test_store_text_false_is_honoured_through_the_spool(backend: Backend, tmp_path: Path) -> None:
    writer = new_writer(backend, tmp_path / "spool")
    backend.down()
    writer.start()
    writer.submit(make_event(1, text="private words"), store_text=False)
    wait_until(lambda: writer.spool.depth() == 1)
    assert not any("private words" in str(b) for b in writer.spool.pending_batches())
    backend.up()
    assert writer.drain()
    writer.stop()
    (got,) = backend.store.query_range("alice", 0, BASE_TS + 100)
    assert got.event.text is None and got.event.message == {"color": "#fff"}


def test_full_spool_with_store_down_refuses_then_keeps_everything_accepted(
    backend: Backend, tmp_path: Path
) -> None:
    writer = new_writer(backend, tmp_path / "spool", max_batch=20, max_bytes=30_000)
    backend.down()
    writer.start()
    accepted = 0
    with pytest.raises(SpoolFull):
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            writer.submit(make_event(accepted + 1))
            accepted += 1
            if accepted % 20 == 0:
                time.sleep(0.03)
    assert writer.status()["state"] == "degraded"
    backend.up()
    assert writer.drain(timeout=20)
    writer.submit(make_event(accepted + 1))
    assert writer.drain()
    writer.stop()
    assert backend.store.count("alice") == accepted + 1
    assert stored_offsets(backend.store) == list(range(1, accepted + 2))


def test_stop_spools_what_the_store_could_not_take_and_a_restart_replays_it(
    backend: Backend, tmp_path: Path
) -> None:
    backend.down()
    first = new_writer(backend, tmp_path / "spool")
    first.start()
    for offset in range(1, 101):
        first.submit(make_event(offset))
    first.stop(flush=True)
    assert first.spool.depth() == 100
    backend.up()
    second = new_writer(backend, tmp_path / "spool")
    second.start()
    assert second.drain()
    second.stop()
    assert stored_offsets(backend.store) == list(range(1, 101))


def test_kill_9_with_a_full_spool_then_restart_stores_exactly_once(
    backend: Backend, tmp_path: Path
) -> None:
    spool_dir = tmp_path / "spool"
    target, database = backend.child_target()
    backend.down()
    args = [backend.name, str(spool_dir), target, database, "500"]
    child = subprocess.Popen(
        [sys.executable, "-m", "tests.adapters.writer_child", *args],
        cwd=REPO,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "spooled"
    finally:
        os.kill(child.pid, signal.SIGKILL)
        child.wait()
    backend.up()
    assert backend.store.count("alice") == 0
    writer = new_writer(backend, spool_dir)
    assert writer.spool.depth() == 500
    assert writer.last_offset("alice") == 500  # the store alone still says 0
    writer.start()
    assert writer.drain(timeout=20)
    writer.stop()
    assert backend.store.count("alice") == 500
    assert stored_offsets(backend.store) == list(range(1, 501))
    assert writer.status()["written_total"] == 500


def test_batches_the_store_refuses_are_kept_aside_and_counted(
    influx_db: InfluxDatabase, tmp_path: Path
) -> None:
    tip = make_event(1, method="tip")
    line = f'events,broadcaster=alice,method=tip tokens="many" {int(tip.event.ts * 1000) * 10**6}'
    assert influx_db.write_raw(line).status_code == 204
    store = InfluxEventStore(influx_db.url, influx_db.name)
    writer = BatchingWriter(store, Spool(str(tmp_path / "spool")), max_delay=0.02)
    writer.start()
    writer.submit(make_event(2, method="tip"))
    assert writer.drain()
    writer.submit(make_event(3))
    assert writer.drain()
    writer.stop()
    status = writer.status()
    assert status["rejected_total"] == 1 and "field type conflict" in status["last_error"]
    assert [b[0]["offset"] for b in writer.rejected.pending_batches()] == [2]
    assert [s.offset for s in store.query_range("alice", 0, BASE_TS + 100)] == [3]


def test_submit_after_stop_is_refused_not_lost(tmp_path: Path) -> None:
    store = SqliteEventStore(str(tmp_path / "events.db"))
    writer = BatchingWriter(store, Spool(str(tmp_path / "spool")), max_delay=0.02)
    writer.start()
    writer.submit(make_event(1))
    writer.stop()
    with pytest.raises(RuntimeError):
        writer.submit(make_event(2))
    assert store.count() == 1


def test_a_batch_larger_than_the_spool_cap_is_still_spooled_when_the_spool_is_empty(
    tmp_path: Path,
) -> None:
    down = InfluxEventStore(f"http://127.0.0.1:{free_port()}", "db", timeout=(0.2, 0.2))
    spool = Spool(str(tmp_path / "spool"), max_bytes=100)
    writer = BatchingWriter(down, spool, max_delay=0.02, retry_min=5)
    for offset in range(1, 11):  # queued before start: one batch of 10
        writer.submit(make_event(offset))
    writer.start()
    wait_until(lambda: spool.depth() == 10)
    writer.stop(flush=False)
    assert [r["offset"] for b in spool.pending_batches() for r in b] == list(range(1, 11))
