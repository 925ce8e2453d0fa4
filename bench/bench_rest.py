"""make bench-rest: authenticated GET /api/v1/me vs a bare no-auth route, same server, same run.

Open-loop fixed rate (latency measured from each request's scheduled time, so a slow response
delays nothing silently), then maximum rate with wrk (or a Python fallback) for both.
"""

from __future__ import annotations

import argparse
import http.client
import json
import shutil
import subprocess
import tempfile
import threading
import time
from pathlib import Path

from bench.common import (
    PYTHON,
    ROOT,
    emit_json,
    free_port,
    percentile,
    start,
    stop,
    table,
    wait_http,
)


def fixed_rate(port: int, path: str, headers: dict[str, str], rate: int, seconds: float) -> dict:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    latencies: list[float] = []
    errors = 0
    interval = 1.0 / rate
    begin = time.perf_counter()
    for i in range(int(rate * seconds)):
        scheduled = begin + i * interval
        delay = scheduled - time.perf_counter()
        if delay > 0:
            time.sleep(delay)
        conn.request("GET", path, headers=headers)
        response = conn.getresponse()
        response.read()
        errors += response.status != 200
        latencies.append((time.perf_counter() - scheduled) * 1000)
    conn.close()
    return {
        "p50": percentile(latencies, 50),
        "p99": percentile(latencies, 99),
        "max": max(latencies),
        "n": len(latencies),
        "errors": errors,
    }


def max_rate(port: int, path: str, headers: dict[str, str], seconds: int) -> dict:
    if shutil.which("wrk"):
        return _wrk(port, path, headers, seconds)
    return _python_max_rate(port, path, headers, seconds)


def _wrk(port: int, path: str, headers: dict[str, str], seconds: int) -> dict:
    args = ["wrk", "-t1", "-c16", f"-d{seconds}s", "--latency"]
    for name, value in headers.items():
        args += ["-H", f"{name}: {value}"]
    out = subprocess.run(
        args + [f"http://127.0.0.1:{port}{path}"], capture_output=True, text=True
    ).stdout
    rps = float(
        next(line.split()[1] for line in out.splitlines() if line.startswith("Requests/sec"))
    )
    non2xx = next((int(line.split()[-1]) for line in out.splitlines() if "Non-2xx" in line), 0)
    return {"rps": rps, "non2xx": non2xx, "tool": "wrk -t1 -c16"}


def _python_max_rate(port: int, path: str, headers: dict[str, str], seconds: int) -> dict:
    counts = [0] * 8
    deadline = time.perf_counter() + seconds

    def worker(slot: int) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        while time.perf_counter() < deadline:
            conn.request("GET", path, headers=headers)
            conn.getresponse().read()
            counts[slot] += 1

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return {"rps": sum(counts) / seconds, "non2xx": 0, "tool": "python 8 threads"}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rate", type=int, default=100)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--max-seconds", type=int, default=10)
    args = parser.parse_args()
    var = Path(tempfile.mkdtemp(prefix="bench-rest-"))
    port = free_port()
    env = {
        "VAR_DIR": str(var),
        "PUBLIC_URL": f"http://127.0.0.1:{port}",
        "APP_ENV": "development",
        "RATELIMIT_DEFAULT": "1000000/second",
        "LOG_LEVEL": "WARNING",
    }
    server = start(
        [PYTHON, str(ROOT / "bench" / "rest_server.py"), str(port)], env, var / "server.log"
    )
    try:
        wait_http(f"http://127.0.0.1:{port}/api/v1/health")
        token = _token(port)
        auth = {"Authorization": f"Bearer {token}"}
        targets = {
            "bare Flask route (no auth)": ("/bench/bare", {}),
            "GET /api/v1/me (auth+account+quota)": ("/api/v1/me", auth),
        }
        results = {}
        for name, (path, headers) in targets.items():
            fixed_rate(port, path, headers, args.rate, 2)  # warm-up
            results[name] = {
                "fixed": fixed_rate(port, path, headers, args.rate, args.seconds),
                "max": max_rate(port, path, headers, args.max_seconds),
            }
    finally:
        stop(server)
    _report(results, args)


def _token(port: int) -> str:
    conn = http.client.HTTPConnection("127.0.0.1", port)
    conn.request(
        "POST",
        "/api/v1/dev/token",
        body=json.dumps({"sub": "bench"}),
        headers={"Content-Type": "application/json"},
    )
    return json.loads(conn.getresponse().read())["access_token"]


def _report(results: dict, args: argparse.Namespace) -> None:
    rows = [
        [
            name,
            f"{r['fixed']['p50']:.2f}",
            f"{r['fixed']['p99']:.2f}",
            r["fixed"]["errors"],
            f"{r['max']['rps']:,.0f}",
            r["max"]["non2xx"],
        ]
        for name, r in results.items()
    ]
    print(
        f"\nREST benchmark: {args.rate} req/s for {args.seconds:g} s (open loop), then max rate "
        f"for {args.max_seconds} s ({next(iter(results.values()))['max']['tool']})\n"
    )
    print(table(["endpoint", "p50 ms", "p99 ms", "errors", "max req/s", "non-2xx"], rows))
    bare, me = (results[k] for k in results)
    added = me["fixed"]["p99"] - bare["fixed"]["p99"]
    ratio = me["max"]["rps"] / bare["max"]["rps"]
    print(f"\np99 added by auth+account+quota at {args.rate} req/s: {added:.2f} ms (goal <= 10 ms)")
    print(f"max req/s ratio /me : bare = {ratio:.2f}\n")
    emit_json(
        "rest",
        {"added_p99_ms": round(added, 3), "max_rps_ratio": round(ratio, 3), "results": results},
    )


if __name__ == "__main__":
    main()
