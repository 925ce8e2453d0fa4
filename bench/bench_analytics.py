"""Analytics latency: `summary` and `timeseries?interval=1h` over 30 days of 1,000,000 generated
events, on SQLite and on influxd; the REST API (real server process, HTTP keep-alive) against
the same store calls made directly from this process, interleaved in the same run.

Run: python -m bench.bench_analytics [--events 1000000] [--rooms 10] [--runs 30]
     [--url http://127.0.0.1:18086]   (default: $TEST_INFLUX_URL; refuses to run without influxd)
"""

from __future__ import annotations

import argparse
import os
import random
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import requests

from bench.common import (
    PYTHON,
    cli_token,
    emit_json,
    free_port,
    percentile,
    start,
    stop,
    table,
    wait_http,
)
from server.adapters.eventstore.base import EventStore, StoredEvent
from server.adapters.eventstore.influx import InfluxEventStore
from server.adapters.eventstore.sqlite import SqliteEventStore
from server.events.model import PlatformEvent
from server.ingest.simulator import MIX

DAY = 86_400
GOAL_P95_MS = 200.0
GOAL_OVERHEAD = 0.20
BATCH = 20_000
SETTLE_SECONDS = 20


def generate(total: int, rooms: int, now: float, seed: int = 7) -> list[StoredEvent]:
    """`total` events over 30 days: each room broadcasts ~6 h a day with the simulator's mix."""
    rng = random.Random(seed)
    methods, weights = [m for m, _ in MIX], [w for _, w in MIX]
    names = [f"viewer_{i}" for i in range(3_000)]
    out: list[StoredEvent] = []
    for r in range(rooms):
        room = f"room_{r:02d}"
        windows = [(now - d * DAY + rng.uniform(-3, 3) * 3600, 6 * 3600) for d in range(30, 0, -1)]
        per_room = total // rooms
        stamps = sorted(
            round((w[0] + rng.random() * w[1]) * 1000) / 1000
            for w in rng.choices(windows, k=per_room - 2 * len(windows))
        )
        marks = [(w[0], "broadcastStart") for w in windows] + [
            (sum(w), "broadcastStop") for w in windows
        ]
        rows = sorted([(ts, rng.choices(methods, weights)[0]) for ts in stamps] + marks)
        for offset, (ts, method) in enumerate(rows, 1):
            out.append(StoredEvent(offset, _event(rng, room, offset, ts, method, names)))
    return out


def _event(
    rng: random.Random, room: str, n: int, ts: float, method: str, names: list[str]
) -> PlatformEvent:
    user = (
        None
        if method.startswith("broadcast")
        else {"username": rng.choice(names), "language": "en"}
    )
    tip = {"tokens": max(1, int(rng.paretovariate(1.2) * 5))} if method == "tip" else None
    message = {"message": "hello"} if method in ("chatMessage", "privateMessage") else None
    media = (
        {"id": 1, "name": "set", "type": "photos", "tokens": 25}
        if method == "mediaPurchase"
        else None
    )
    return PlatformEvent(f"{room}-{n}", room, method, ts, ts + 0.2, user, tip, message, media)


def load(store: EventStore, events: list[StoredEvent]) -> float:
    begin = time.perf_counter()
    for i in range(0, len(events), BATCH):
        store.write_batch(events[i : i + BATCH])
    return time.perf_counter() - begin


class Server:
    """`python -m server` on a free port with the given store; a studio token owning the room."""

    def __init__(self, var_dir: Path, room: str, **env: str) -> None:
        self.port = free_port()
        self.env = {
            **os.environ, "APP_ENV": "development", "VAR_DIR": str(var_dir), "PORT": str(self.port),
            "PUBLIC_URL": f"http://127.0.0.1:{self.port}", "LOG_LEVEL": "WARNING",
            "RATELIMIT_DEFAULT": "", "SIMULATOR": "", **env,
        }  # fmt: skip
        self.proc = start([PYTHON, "-m", "server"], self.env, var_dir / "server.log")
        wait_http(f"{self.url}/api/v1/health", timeout=60)
        self.token = cli_token(self.env, "bench", link=room)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def close(self) -> None:
        stop(self.proc)


def measure(calls: dict[str, tuple[Callable[[], Any], Callable[[], Any]]], runs: int) -> list[dict]:
    """Interleave raw and API calls (3 warm-ups each); times in ms."""
    results = []
    for name, (raw, api) in calls.items():
        for _ in range(3):
            raw(), api()
        raw_ms, api_ms = [], []
        for _ in range(runs):
            for fn, sink in ((raw, raw_ms), (api, api_ms)):
                begin = time.perf_counter()
                fn()
                sink.append((time.perf_counter() - begin) * 1000)
        results.append({"query": name, "raw": raw_ms, "api": api_ms})
    return results


def calls_for(store: EventStore, server: Server, room: str, begin: float, end: float) -> dict:
    http = requests.Session()
    http.headers["Authorization"] = f"Bearer {server.token}"
    base = f"{server.url}/api/v1/analytics/{room}"
    window = {"from": f"{begin:.3f}", "to": f"{end:.3f}", "tz": "UTC"}

    def api(path: str, **params: str) -> Callable[[], Any]:
        def call() -> Any:
            response = http.get(f"{base}/{path}", params={**window, **params}, timeout=60)
            response.raise_for_status()
            return response.json()

        return call

    return {
        # the service's summary = the store's totals + its broadcast marks
        "summary": (
            lambda: (store.summary(room, begin, end), store.broadcast_marks(room, begin, end)),
            api("summary"),
        ),
        "timeseries 1h": (
            lambda: store.series(room, begin, end, metric="tokens", interval_s=3600, origin_s=0),
            api("timeseries", metric="tokens", interval="1h"),
        ),
    }


def run_store(
    label: str, store: EventStore, events: list, runs: int, env: dict, now: float
) -> list:
    seconds = load(store, events)
    print(f"{label}: loaded {len(events):,} events in {seconds:.1f} s", flush=True)
    room, begin, end = "room_00", now - 30 * DAY - 3600, now
    with tempfile.TemporaryDirectory() as var:
        server = Server(Path(var), room, **env)
        try:
            measured = measure(calls_for(store, server, room, begin, end), runs)
        finally:
            server.close()
    return [{"store": label, **m} for m in measured]


def summarize(rows: list[dict]) -> list[dict]:
    out = []
    for row in rows:
        raw50, raw95 = percentile(row["raw"], 50), percentile(row["raw"], 95)
        api50, api95 = percentile(row["api"], 50), percentile(row["api"], 95)
        out.append(
            {
                "store": row["store"], "query": row["query"],
                "raw_p50_ms": round(raw50, 1), "raw_p95_ms": round(raw95, 1),
                "api_p50_ms": round(api50, 1), "api_p95_ms": round(api95, 1),
                "overhead_p50": round(api50 / raw50 - 1, 3),
                "overhead_p95": round(api95 / raw95 - 1, 3),
            }
        )  # fmt: skip
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default=os.environ.get("TEST_INFLUX_URL", ""))
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--rooms", type=int, default=10)
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    if not args.url:
        raise SystemExit("needs influxd: pass --url or set TEST_INFLUX_URL (scripts/services.sh)")
    now = time.time()
    events = generate(args.events, args.rooms, now)
    each = len(events) // args.rooms
    print(f"generated {len(events):,} events in {args.rooms} rooms ({each:,} each)")
    rows: list[dict] = []
    with tempfile.TemporaryDirectory() as tmp:
        path = str(Path(tmp) / "events.db")
        sqlite = SqliteEventStore(path)
        rows += run_store("sqlite", sqlite, events, args.runs, {"EVENT_STORE_PATH": path}, now)
        sqlite.close()
    database = f"bench_{uuid.uuid4().hex[:10]}"
    influx = InfluxEventStore(args.url, database, timeout=(3, 120))
    influx.ensure_database()
    try:
        env = {"EVENT_STORE": "influx", "INFLUX_URL": args.url, "INFLUX_DATABASE": database}
        rows += run_store("influx", influx, events, args.runs, env, now)
    finally:
        influx.query_many([f'DROP DATABASE "{database}"'])
        influx.close()
    report(summarize(rows), args)


def report(results: list[dict], args: argparse.Namespace) -> None:
    headers = [
        "store",
        "query",
        "raw p50 ms",
        "raw p95 ms",
        "API p50 ms",
        "API p95 ms",
        "overhead p50",
        "overhead p95",
    ]
    print(
        table(
            headers,
            [
                [r["store"], r["query"], r["raw_p50_ms"], r["raw_p95_ms"], r["api_p50_ms"],
                 r["api_p95_ms"], f"{r['overhead_p50']:+.0%}", f"{r['overhead_p95']:+.0%}"]
                for r in results
            ],
        )
    )  # fmt: skip
    met = all(
        r["api_p95_ms"] <= GOAL_P95_MS and r["overhead_p95"] <= GOAL_OVERHEAD for r in results
    )
    emit_json(
        "analytics",
        {
            "events": args.events, "rooms": args.rooms, "runs": args.runs, "results": results,
            "goal": {"p95_ms": GOAL_P95_MS, "overhead": GOAL_OVERHEAD}, "goal_met": met,
        },
    )  # fmt: skip


if __name__ == "__main__":
    main()
