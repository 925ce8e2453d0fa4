"""BatchingWriter against real stores: batches, durability marks, the spool, refusals.

Recovery from real outages and a real kill -9 is in test_writer_outages.py."""

from __future__ import annotations

from pathlib import Path

import pytest

from server.adapters.eventstore.influx import InfluxEventStore
from server.adapters.eventstore.sqlite import SqliteEventStore
from server.adapters.eventstore.writer import BatchingWriter
from server.adapters.spool import Spool
from tests.adapters.conftest import Backend, new_writer, stored_offsets, wait_until
from tests.adapters.helpers import BASE_TS, InfluxDatabase, free_port, make_event


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


def test_wait_durable_returns_once_events_are_in_the_store_or_the_spool(
    backend: Backend, tmp_path: Path
) -> None:
    writer = new_writer(backend, tmp_path / "spool")
    assert writer.mark() == 0 and writer.wait_durable(0, timeout=0)  # nothing submitted yet
    writer.submit(make_event(1))
    assert not writer.wait_durable(writer.mark(), timeout=0.05)  # not started: still in memory
    writer.start()
    assert writer.wait_durable(writer.mark(), timeout=5)
    if writer.journal_first:  # durable at the spool's fsync, shipped to the store right after
        assert writer.drain(timeout=5)
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


def test_recent_ids_come_from_the_store_and_the_spool(backend: Backend, tmp_path: Path) -> None:
    writer = new_writer(backend, tmp_path / "spool")
    writer.start()
    for offset in range(1, 6):
        writer.submit(make_event(offset))
    assert writer.drain(timeout=20)
    backend.down()
    writer.submit(make_event(6))
    wait_until(lambda: writer.spool.depth() == 1)  # in the spool, not in the store
    writer.stop(flush=False)
    backend.up()
    found = writer.recent_ids("alice", 3)
    assert found == {make_event(offset).event.id: offset for offset in (4, 5, 6)}
