"""make bench-metrics: the cost of the Prometheus metrics on the hub, on against off, same run.

S1 of `make bench-hub` (1 subscriber, 20,000 events, 64 in flight) against `python -m server`
with `METRICS=on` (the default: every recorder live, /metrics served) and with `METRICS=off`
(every recorder a no-op). Runs alternate off/on so machine drift hits both; the table shows
each mode's median publish rate and the ratio. The peer of this benchmark is the same server
with metrics off. After each `on` run the bench scrapes /metrics and checks that the published
counter saw every event.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import tempfile
import urllib.request
from pathlib import Path

from bench import bench_hub as hub
from bench.common import emit_json, table

TOKEN = "bench-metrics-token"  # noqa: S105 - a local bench's scrape token


def run_once(mode: str, work: Path, scenario: dict) -> dict:
    """One S1 run with METRICS=`mode` (run_project hands os.environ to the server); with
    metrics on, /metrics is scraped once the writer drained, just before the server stops."""
    os.environ["METRICS"], os.environ["METRICS_TOKEN"] = mode, TOKEN
    counted: dict[str, float | None] = {}
    drain = hub._wait_for_drain

    def drain_then_scrape(base: str) -> None:
        drain(base)
        counted["accepted"] = _accepted(base) if mode == "on" else None

    hub._wait_for_drain = drain_then_scrape  # bench_hub stays as it is
    try:
        result = hub.run_project(scenario, work, "sqlite", "")
    finally:
        hub._wait_for_drain = drain
    return {"metrics": mode, "counted": counted.get("accepted"), **result}


def _accepted(base: str) -> float | None:
    request = urllib.request.Request(f"{base}/metrics")
    request.add_header("Authorization", f"Bearer {TOKEN}")
    with urllib.request.urlopen(request, timeout=10) as response:
        text = response.read().decode()
    return _sample(text, 'webcammer_hub_published_events_total{outcome="accepted"}')


def _sample(text: str, name: str) -> float | None:
    for line in text.splitlines():
        if line.startswith(name + " "):
            return float(line.rsplit(" ", 1)[1])
    return None


def recorder_cost_us(calls: int = 200_000) -> float:
    """CPU time of the recorders one S1 publish passes through (ack timer, publish counts,
    one delivery), in microseconds per event, measured in this process."""
    import time

    from server import metrics
    from server.ingest.publishing import PublishResult

    result = PublishResult(accepted=1)

    def handler(_event: str, *_args: object) -> None:
        metrics.count_publish(result)
        metrics.count_deliveries(1)

    def loop() -> float:
        start = time.perf_counter()
        for _ in range(calls):
            metrics.time_hub_event("publish", handler, None)
        return time.perf_counter() - start

    metrics.set_enabled(True)
    on = min(loop() for _ in range(3))
    metrics.set_enabled(False)
    off = min(loop() for _ in range(3))
    metrics.set_enabled(True)
    return (on - off) / calls * 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=3, help="off/on pairs")
    args = parser.parse_args()
    scenario = hub.SCENARIOS["S1"]
    if not (hub.NODE_DIR / "node_modules").exists():
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=hub.NODE_DIR, check=True)
    work = Path(tempfile.mkdtemp(prefix="bench-metrics-"))
    runs = [run_once(mode, work, scenario) for _ in range(args.rounds) for mode in ("off", "on")]
    rows, rate, cpu = [], {}, {}
    for mode in ("off", "on"):
        mine = [r for r in runs if r["metrics"] == mode and r.get("sent")]
        rate[mode] = _median([r["pub_events_per_s"] for r in mine])
        cpu[mode] = _median([cpu_us_per_event(r) for r in mine])
        counted = sorted({str(r.get("counted")) for r in mine}) if mode == "on" else ["-"]
        rows.append([
            f"METRICS={mode}", len(mine), f"{rate[mode]:.0f}",
            " / ".join(f"{r['pub_events_per_s']:.0f}" for r in mine), f"{cpu[mode]:.0f}",
            f"{_median([r['lat_ms_p99'] for r in mine]):.1f}", sum(r["lost"] for r in mine),
            ",".join(counted),
        ])  # fmt: skip
    cost = recorder_cost_us()
    ratios = {
        "rate_on_off": rate["on"] / rate["off"],
        "cpu_per_event_on_off": cpu["on"] / cpu["off"],
        "recorder_us_per_event": cost,
        "recorder_share_of_cpu": cost / cpu["off"],
    }
    print("\nMetrics cost on the hub (S1: 1 subscriber, 20,000 events, 64 in flight; SQLite)\n")
    headers = ["server", "runs", "median pub ev/s", "each run", "server CPU us/ev", "p99 ms",
               "lost", "counted"]  # fmt: skip
    print(table(headers, rows))
    print(
        f"\npub ev/s on/off = {ratios['rate_on_off']:.3f}; server CPU per event on/off ="
        f" {ratios['cpu_per_event_on_off']:.3f}\nrecorders per published event (in-process):"
        f" {cost:.2f} us = {100 * ratios['recorder_share_of_cpu']:.2f} % of the server's CPU"
        " per event with metrics off (goal: cost at most 3 %)"
    )
    emit_json("metrics", {"runs": runs, **ratios})


def cpu_us_per_event(run: dict) -> float:
    """Server CPU time per published event: CPU share of the run over its event rate."""
    return float(run["server_cpu_pct"]) / 100 / float(run["pub_events_per_s"]) * 1e6


def _median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


if __name__ == "__main__":
    main()
