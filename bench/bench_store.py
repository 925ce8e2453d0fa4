"""Event store write throughput: batched (5,000 points per POST) vs per-event writes
(1 point per POST), same run, same influxd. SQLite rows are a reference for the default.

Run: python -m bench.bench_store [--url http://127.0.0.1:18086] (default: $TEST_INFLUX_URL)
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
import uuid
from collections.abc import Sequence

import requests

from bench.common import emit_json, table
from server.adapters.eventstore.base import EventStore, StoredEvent
from server.adapters.eventstore.influx import InfluxEventStore
from server.adapters.eventstore.sqlite import SqliteEventStore
from server.events.schema import parse_event

TARGET_RATIO = 20.0


def make_events(n: int, broadcaster: str) -> list[StoredEvent]:
    """Realistic mix: 1 tip per 5 events, the rest chat, validated like the hub does."""
    now = time.time()
    events = []
    for i in range(1, n + 1):
        raw = {
            "id": f"{broadcaster}-{i}",
            "broadcaster": broadcaster,
            "method": "tip" if i % 5 == 0 else "chatMessage",
            "ts": now - (n - i) / 1000,
            "user": {"username": f"user{i % 500}", "language": "en", "inFanclub": i % 3 == 0},
            "tip": {"tokens": 1 + i % 100, "message": "thanks!"},
            "message": {"message": f"hello number {i}, nice stream", "color": "#494949"},
        }
        events.append(StoredEvent(i, parse_event(raw, received_at=now)))
    return events


def timed_writes(store: EventStore, events: Sequence[StoredEvent], batch: int) -> float:
    """Seconds to write `events` in chunks of `batch` (one call per chunk)."""
    begin = time.perf_counter()
    for i in range(0, len(events), batch):
        store.write_batch(events[i : i + batch])
    return time.perf_counter() - begin


def measure(store: EventStore, label: str, n_batched: int, n_single: int, batch: int) -> list:
    rows = []
    for mode, n, size in (("batched", n_batched, batch), ("per-event", n_single, 1)):
        broadcaster = f"bench_{mode.replace('-', '_')}"
        events = make_events(n, broadcaster)
        seconds = timed_writes(store, events, size)
        stored = store.count(broadcaster)
        if stored != n:
            raise SystemExit(f"{label} {mode}: stored {stored} of {n} points")
        rows.append([label, mode, size, n, seconds, n / seconds])
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default=os.environ.get("TEST_INFLUX_URL", ""))
    parser.add_argument("--batched-events", type=int, default=50_000)
    parser.add_argument("--single-events", type=int, default=2_000)
    parser.add_argument("--batch", type=int, default=5_000)
    args = parser.parse_args()
    if not args.url:
        raise SystemExit("needs influxd: pass --url or set TEST_INFLUX_URL (scripts/services.sh)")
    database = f"bench_{uuid.uuid4().hex[:10]}"
    influx = InfluxEventStore(args.url, database)
    influx.ensure_database()
    try:
        rows = measure(influx, "influx", args.batched_events, args.single_events, args.batch)
    finally:
        requests.post(f"{args.url}/query", data={"q": f'DROP DATABASE "{database}"'}, timeout=30)
    with tempfile.TemporaryDirectory() as tmp:
        sqlite = SqliteEventStore(os.path.join(tmp, "events.db"))
        rows += measure(sqlite, "sqlite", args.batched_events, args.single_events, args.batch)
        sqlite.close()
    ratios = {label: by[0][5] / by[1][5] for label, by in _by_store(rows).items()}
    headers = ["store", "mode", "batch", "points", "seconds", "points/s", "ratio"]
    print(table(headers, [[*r, ratios[r[0]] if r[1] == "batched" else 1.0] for r in rows]))
    emit_json(
        "store",
        {
            "influx_batched_pps": round(rows[0][5]),
            "influx_per_event_pps": round(rows[1][5]),
            "influx_ratio": round(ratios["influx"], 1),
            "sqlite_batched_pps": round(rows[2][5]),
            "sqlite_per_event_pps": round(rows[3][5]),
            "sqlite_ratio": round(ratios["sqlite"], 1),
            "target_ratio": TARGET_RATIO,
            "meets_target": ratios["influx"] >= TARGET_RATIO,
        },
    )


def _by_store(rows: list) -> dict[str, list]:
    grouped: dict[str, list] = {}
    for row in rows:
        grouped.setdefault(row[0], []).append(row)
    return grouped


if __name__ == "__main__":
    main()
