"""The durable spool: order, crash safety, cap, restart."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from server.adapters.spool import Spool, SpoolFull


def batch(start: int, n: int = 3) -> list[dict[str, Any]]:
    return [{"offset": i, "text": f'event {i} ü\n"q"'} for i in range(start, start + n)]


def drain(spool: Spool) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    spool.replay(out.extend)
    return out


def segments(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.iterdir() if p.name.endswith(".seg"))


def test_replay_returns_batches_in_order_across_segments(tmp_path: Path) -> None:
    spool = Spool(str(tmp_path), segment_bytes=300)
    for start in range(0, 30, 3):
        spool.append(batch(start))
    assert len(segments(tmp_path)) > 3
    assert spool.depth() == 30
    assert [e["offset"] for e in drain(spool)] == list(range(30))
    assert spool.depth() == 0 and spool.bytes() == 0
    assert len(segments(tmp_path)) == 1  # consumed ones are gone; the active one stays open
    spool.append(batch(30))
    assert [e["offset"] for e in drain(spool)] == [30, 31, 32]
    reopened = Spool(str(tmp_path), segment_bytes=300)
    assert reopened.depth() == 0 and list(reopened.pending_batches()) == []


def test_pending_batches_does_not_consume(tmp_path: Path) -> None:
    spool = Spool(str(tmp_path))
    spool.append(batch(0))
    spool.append(batch(3))
    assert [len(b) for b in spool.pending_batches()] == [3, 3]
    assert spool.depth() == 6


def test_failed_write_keeps_the_batch_for_the_next_replay(tmp_path: Path) -> None:
    spool = Spool(str(tmp_path))
    for start in (0, 3, 6):
        spool.append(batch(start))
    written: list[dict[str, Any]] = []

    def flaky(records: list[dict[str, Any]]) -> None:
        if records[0]["offset"] == 3:
            raise ConnectionError("store down")
        written.extend(records)

    with pytest.raises(ConnectionError):
        spool.replay(flaky)
    assert spool.depth() == 6
    spool.replay(written.extend)
    assert [e["offset"] for e in written] == list(range(9))


def test_state_survives_reopen_including_partial_replay(tmp_path: Path) -> None:
    spool = Spool(str(tmp_path), segment_bytes=300)
    for start in range(0, 15, 3):
        spool.append(batch(start))
    seen: list[dict[str, Any]] = []
    assert spool.replay(seen.extend, max_batches=2) == 6
    reopened = Spool(str(tmp_path), segment_bytes=300)  # no close: like a crash
    assert reopened.depth() == 9
    reopened.append(batch(15))
    assert [e["offset"] for e in drain(reopened)] == list(range(6, 18))


def test_torn_tail_record_is_ignored_and_cut(tmp_path: Path) -> None:
    spool = Spool(str(tmp_path))
    spool.append(batch(0))
    spool.append(batch(3))
    (last,) = segments(tmp_path)
    path = tmp_path / last
    whole = path.read_bytes()
    spool.append(batch(6))
    torn = path.read_bytes()[: len(whole) + 30]  # header + part of the third record
    path.write_bytes(torn)
    reopened = Spool(str(tmp_path))
    assert reopened.depth() == 6
    assert path.read_bytes() == whole
    assert (tmp_path / (last + ".torn")).exists()
    reopened.append(batch(9))
    assert [e["offset"] for e in drain(reopened)] == [0, 1, 2, 3, 4, 5, 9, 10, 11]


def test_corrupt_last_record_is_ignored(tmp_path: Path) -> None:
    spool = Spool(str(tmp_path))
    spool.append(batch(0))
    spool.append(batch(3))
    path = tmp_path / segments(tmp_path)[0]
    data = bytearray(path.read_bytes())
    data[-2] ^= 0xFF  # flip a payload byte: CRC mismatch
    path.write_bytes(bytes(data))
    assert [e["offset"] for e in drain(Spool(str(tmp_path)))] == [0, 1, 2]


def test_cap_raises_spool_full_until_replay_frees_space(tmp_path: Path) -> None:
    spool = Spool(str(tmp_path), max_bytes=1000)
    appended = 0
    with pytest.raises(SpoolFull):
        while True:
            spool.append(batch(appended))
            appended += 3
    assert spool.bytes() <= 1000
    assert appended > 0
    drain(spool)
    spool.append(batch(0))
    assert spool.depth() == 3


_CHILD = """
import sys
from server.adapters.spool import Spool
spool = Spool(sys.argv[1], segment_bytes=4096)
i = 0
while True:
    spool.append([{"offset": i + k, "pad": "x" * 200} for k in range(5)])
    i += 5
    print(i, flush=True)
"""


def test_kill_9_while_appending_loses_no_acknowledged_batch(tmp_path: Path) -> None:
    child = subprocess.Popen(
        [sys.executable, "-c", _CHILD, str(tmp_path)],
        stdout=subprocess.PIPE,
        text=True,
        cwd=Path(__file__).resolve().parents[2],
    )
    assert child.stdout is not None
    acknowledged = 0
    while acknowledged < 400:
        acknowledged = int(child.stdout.readline())
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    spool = Spool(str(tmp_path), segment_bytes=4096)
    offsets = [e["offset"] for e in drain(spool)]
    assert offsets == list(range(len(offsets)))  # in order, no gap, no garbage
    assert len(offsets) >= acknowledged
