"""make bench-hub: the project's /hub vs the bare Flask-SocketIO peer, same client, same run.

The project runs as in production (gevent, auth, validation, dedupe, replay buffer, store
writes through the batching writer) with the per-tier publish rate limit switched off so the
maximum rate can be measured. Every run counts its events in the store afterwards.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import shutil
import subprocess
import tempfile
import time
import urllib.request
import uuid
from pathlib import Path

from bench.common import (
    PYTHON,
    ROOT,
    cli_token,
    emit_json,
    free_port,
    start,
    stop,
    table,
    wait_http,
)

PEER_DIR = ROOT.parent / "shared" / "peerbench"
NODE_DIR = ROOT / "bench" / "node"
ROOM = "bench_room"
SCENARIOS = {
    "S1": {"subscribers": 1, "events": 20_000, "window": 64, "rate": 0},
    "S2": {"subscribers": 100, "events": 2_000, "window": 64, "rate": 0},
    "S3": {"subscribers": 500, "events": 500, "window": 64, "rate": 50},
    "S4": {"subscribers": 1_000, "events": 300, "window": 64, "rate": 15},
}


def node_client(
    url: str,
    scenario: dict,
    pid: int,
    tokens: Path | None = None,
    pub: str = "",
    namespace: str = "/",
) -> dict:
    cmd = [
        "node",
        str(NODE_DIR / "hub_bench.js"),
        "--url",
        url,
        "--namespace",
        namespace,
        "--room",
        ROOM,
        "--server-pid",
        str(pid),
    ]
    for key, value in scenario.items():
        cmd += [f"--{key}", str(value)]
    if tokens:
        cmd += ["--tokens", str(tokens), "--pub-token", pub]
    out = subprocess.run(cmd, capture_output=True, text=True, timeout=240).stdout.strip()
    return json.loads(out.splitlines()[-1]) if out else {"ok": False, "error": "no output"}


def run_peer(scenario: dict, work: Path) -> dict:
    peer = work / "peer"
    if not peer.exists():
        peer.mkdir()
        for name in ("srv_flask.py", "hub_common.py"):
            shutil.copy(PEER_DIR / name, peer / name)
    port = free_port()
    proc = start(
        [PYTHON, str(peer / "srv_flask.py"), str(port), "gevent_sws"], log=work / "peer.log"
    )
    try:
        wait_http(f"http://127.0.0.1:{port}/health")
        return node_client(f"http://127.0.0.1:{port}", scenario, proc.pid)
    finally:
        stop(proc)


def run_project(scenario: dict, work: Path, store: str, influx_url: str) -> dict:
    var = Path(tempfile.mkdtemp(dir=work, prefix=f"hub-{store}-"))
    port = free_port()
    env = {
        "VAR_DIR": str(var),
        "PORT": str(port),
        "PUBLIC_URL": f"http://127.0.0.1:{port}",
        "APP_ENV": "development",
        "LOG_LEVEL": "WARNING",
        "PUBLISH_RATE_LIMIT": "off",
        "SIMULATOR": ROOM,
        "SIMULATOR_EVENTS_PER_SECOND": "0",
        "RATELIMIT_DEFAULT": "",
    }
    if store == "influx":
        env.update(
            EVENT_STORE="influx",
            INFLUX_URL=influx_url,
            INFLUX_DATABASE=f"bench_{uuid.uuid4().hex[:8]}",
        )
    full_env = {**os.environ, **env}
    subprocess.run(
        [PYTHON, "-m", "flask", "--app", "server", "db", "upgrade"],
        cwd=ROOT,
        env=full_env,
        check=True,
        capture_output=True,
    )
    pub = cli_token(full_env, "bench_pub", link=ROOM)
    proc = start([PYTHON, "-m", "server"], env, var / "server.log")
    try:
        base = f"http://127.0.0.1:{port}"
        wait_http(f"{base}/api/v1/health")
        tokens = var / "tokens.txt"
        count = math.ceil(scenario["subscribers"] / 2)
        tokens.write_text("\n".join(_dev_token(base, f"bench_sub_{i}") for i in range(count)))
        result = node_client(base, scenario, proc.pid, tokens, pub, namespace="/hub")
        _wait_for_drain(base)
    finally:
        stop(proc)
    result["stored"] = _count_in_store(env)  # read back from the store itself, not a counter
    return result


def _count_in_store(env: dict[str, str]) -> int:
    """Events of the bench room in the store the server wrote to (an Influx db is dropped)."""
    from server.adapters.eventstore.factory import build_event_store
    from server.config import Config

    store = build_event_store(Config.from_mapping(env))
    try:
        return int(store.count(ROOM))
    finally:
        if env.get("EVENT_STORE") == "influx":
            store.query_many([f'DROP DATABASE "{env["INFLUX_DATABASE"]}"'])  # type: ignore[attr-defined]
        store.close()


def _dev_token(base: str, sub: str) -> str:
    req = urllib.request.Request(
        f"{base}/api/v1/dev/token",
        data=json.dumps({"sub": sub}).encode(),
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(req) as response:
        return json.loads(response.read())["access_token"]


def _wait_for_drain(base: str) -> None:
    """Until the server's writer has nothing queued or spooled (at most 30 s)."""
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        with urllib.request.urlopen(f"{base}/api/v1/health") as response:
            check = json.loads(response.read())["checks"]["event_store"]
        if check["queued"] == 0 and check["spool_depth"] == 0:
            return
        time.sleep(0.2)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scenarios", default="S1,S2,S3,S4,S5")
    parser.add_argument("--redis-url", default=os.environ.get("TEST_REDIS_URL", ""))
    parser.add_argument("--stores", default="sqlite,influx")
    parser.add_argument("--influx-url", default=os.environ.get("TEST_INFLUX_URL", ""))
    args = parser.parse_args()
    if not (NODE_DIR / "node_modules").exists():
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=NODE_DIR, check=True)
    stores = [s for s in args.stores.split(",") if s != "influx" or args.influx_url]
    work = Path(tempfile.mkdtemp(prefix="bench-hub-"))
    rows, results = [], []
    names = args.scenarios.split(",")
    for name in (n for n in names if n in SCENARIOS):
        scenario = SCENARIOS[name]
        peer = run_peer(scenario, work)
        results.append({"scenario": name, "server": "peer gevent_sws", **peer})
        rows.append(_row(name, "peer (bare Flask-SocketIO)", peer, peer, scenario))
        for store in stores:
            ours = run_project(scenario, work, store, args.influx_url)
            results.append({"scenario": name, "server": f"project+{store}", **ours})
            rows.append(_row(name, f"project /hub + {store}", ours, peer, scenario))
    print("\nHub benchmark (node socket.io-client, websocket, no deflate; fresh server per run)\n")
    print(
        table(
            [
                "scen",
                "server",
                "pub ev/s",
                "deliv/s",
                "p50 ms",
                "p99 ms",
                "connect s",
                "RSS MB",
                "lost",
                "stored",
                "vs peer",
            ],
            rows,
        )
    )
    print("\nvs peer: S1 pub ev/s ratio; S2 deliveries/s ratio; S3/S4 p99 ratio (lower is better)")
    if "S5" in names and args.redis_url:
        results.append(_scale_out(work, args.redis_url))
    emit_json("hub", {"runs": results})


def _scale_out(work: Path, redis_url: str) -> dict:
    """S5: three processes + Redis vs one process, and one Redis' numbering ceiling."""
    from bench.bench_scale import redis_ceiling, run_s5

    runs = run_s5(work, redis_url, node_client, _dev_token)
    ceiling = redis_ceiling(redis_url)
    rows = [
        [f"{r['processes']} process" + ("es + Redis" if r["processes"] > 1 else " (memory)"),
         r.get("pub_events_per_s"), r.get("deliveries_per_s"), r.get("lat_ms_p50"),
         r.get("lat_ms_p99"), r.get("lost"), r.get("error", "")]
        for r in runs
    ]  # fmt: skip
    print("\nS5: one room, 30 subscribers spread over the processes, 3 publishers (window 32)\n")
    headers = ["servers", "pub ev/s", "deliv/s", "p50 ms", "p99 ms", "lost", "error"]
    print(table(headers, rows))
    print(
        f"\nOne Redis numbers one room at {ceiling['numbered_per_s_1_per_call']:,} ev/s "
        f"(1 event per script call), {ceiling['numbered_per_s_20_per_call']:,} ev/s (20 per call)"
    )
    return {"scenario": "S5", "runs": runs, "redis_ceiling": ceiling}


def _row(name: str, label: str, r: dict, peer: dict, scenario: dict) -> list:
    if not r.get("sent"):
        return [name, label, "error", r.get("error", "?"), "", "", "", "", "", "", ""]
    key = {"S1": "pub_events_per_s", "S2": "deliveries_per_s"}.get(name, "lat_ms_p99")
    ratio = (r.get(key) or 0) / (peer.get(key) or float("nan")) if peer.get(key) else float("nan")
    return [
        name,
        label,
        r["pub_events_per_s"],
        r["deliveries_per_s"],
        r["lat_ms_p50"],
        r["lat_ms_p99"],
        r["connect_s"],
        r.get("rss_mb_end"),
        r["lost"],
        r.get("stored", "-"),
        f"{ratio:.2f}",
    ]


if __name__ == "__main__":
    main()
