"""BatchingWriter against real stores with real outages (a locked SQLite file, a cut proxy
in front of influxd) and a real kill -9."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from server.adapters.spool import SpoolFull
from tests.adapters.conftest import Backend, new_writer, stored_offsets, wait_until
from tests.adapters.helpers import make_event

REPO = Path(__file__).resolve().parents[3]


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
        [sys.executable, "-m", "tests.adapters.eventstore.writer_child", *args],
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
