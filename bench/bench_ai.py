"""make bench-ai: translation against the fake OpenAI-compatible provider, real gevent server.

(a) cache-hit POST /api/v1/translate latency vs GET /api/v1/me (same auth + account path),
(b) 50 concurrent translations with 500 ms provider latency: wall time vs the theoretical
    0.5 s (fully concurrent) and 25 s (serialised),
(c) the shipped 200-line multilingual chat burst through /translate/batch: provider calls
    vs messages (a naive client makes one call per message).
"""

from __future__ import annotations

import argparse
import http.client
import json
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

from bench.common import (
    PYTHON,
    ROOT,
    cli_token,
    emit_json,
    free_port,
    percentile,
    start,
    stop,
    table,
    wait_http,
)
from tests.fakes.llm_server import FakeLLM

SAMPLE = ROOT / "bench" / "data" / "chat_burst.json"
CACHED_LINE = "hola guapa, que hermosa eres hoy"


def request(
    conn: http.client.HTTPConnection, method: str, path: str, token: str, body: Any = None
) -> tuple[int, Any, float]:
    """One request on a kept-alive connection: (status, JSON body, milliseconds)."""
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
    started = time.perf_counter()
    conn.request(method, path, body=None if body is None else json.dumps(body), headers=headers)
    response = conn.getresponse()
    data = response.read()
    elapsed = (time.perf_counter() - started) * 1000
    return response.status, json.loads(data or b"null"), elapsed


def bench_cache_hits(port: int, token: str, count: int) -> dict[str, Any]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    status, first, _ = request(conn, "POST", "/api/v1/translate", token, {"text": CACHED_LINE})
    assert status == 200 and not first["cached"], first
    runs: dict[str, list[float]] = {"translate (cache hit)": [], "GET /api/v1/me (peer)": []}
    for _ in range(count):
        status, body, ms = request(conn, "POST", "/api/v1/translate", token, {"text": CACHED_LINE})
        assert status == 200 and body["cached"], body
        runs["translate (cache hit)"].append(ms)
        status, _, ms = request(conn, "GET", "/api/v1/me", token)
        runs["GET /api/v1/me (peer)"].append(ms)
    conn.close()
    return {
        name: {"p50": percentile(v, 50), "p99": percentile(v, 99), "n": len(v)}
        for name, v in runs.items()
    }


def bench_concurrent(port: int, token: str, fake: FakeLLM, clients: int, latency: float) -> dict:
    fake.configure("normal", latency=latency)
    calls_before = fake.calls
    barrier = threading.Barrier(clients + 1)
    results: list[tuple[int, float, float]] = []
    lock = threading.Lock()

    def client(index: int) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        conn.connect()
        text = f"hola guapa número {index}, me encanta tu sonrisa"
        barrier.wait()
        status, _, ms = request(conn, "POST", "/api/v1/translate", token, {"text": text})
        with lock:
            results.append((status, ms, time.perf_counter()))
        conn.close()

    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    for thread in threads:
        thread.start()
    barrier.wait()
    began = time.perf_counter()
    for thread in threads:
        thread.join()
    fake.configure("normal", latency=0.0)
    latencies = [ms for _, ms, _ in results]
    return {
        "clients": clients,
        "provider_latency_s": latency,
        "wall_s": max(done for _, _, done in results) - began,
        "theoretical_s": latency,
        "serialised_s": latency * clients,
        "p50_ms": percentile(latencies, 50),
        "max_ms": max(latencies),
        "ok": sum(1 for status, _, _ in results if status == 200),
        "provider_calls": fake.calls - calls_before,
    }


def bench_burst(port: int, token: str, fake: FakeLLM) -> dict[str, Any]:
    lines = json.loads(SAMPLE.read_text(encoding="utf-8"))
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    calls_before = fake.calls
    results: list[dict[str, Any]] = []
    started = time.perf_counter()
    for offset in range(0, len(lines), 50):
        chunk = lines[offset : offset + 50]
        items = [{"text": line["text"], "event_id": line["id"]} for line in chunk]
        status, body, _ = request(conn, "POST", "/api/v1/translate/batch", token, {"items": items})
        assert status == 200, body
        results.extend(body["items"])
    elapsed = time.perf_counter() - started
    conn.close()
    calls = fake.calls - calls_before
    translated = sum(1 for r in results if r.get("charged_chars", 0) > 0)
    cached = sum(1 for r in results if r.get("cached"))
    return {
        "messages": len(lines),
        "provider_calls": calls,
        "naive_calls": len(lines),
        "cut_pct": 100 * (1 - calls / len(lines)),
        "translated": translated,
        "cached_or_repeat": cached,
        "skipped": len(results) - translated - cached,
        "chars_charged": sum(r.get("charged_chars", 0) for r in results),
        "chars_total": sum(len(line["text"]) for line in lines),
        "wall_s": elapsed,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cache-requests", type=int, default=500)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--latency", type=float, default=0.5)
    args = parser.parse_args()
    fake = FakeLLM().start()
    var = Path(tempfile.mkdtemp(prefix="bench-ai-"))
    port = free_port()
    env = {
        "VAR_DIR": str(var),
        "HOST": "127.0.0.1",
        "PORT": str(port),
        "PUBLIC_URL": f"http://127.0.0.1:{port}",
        "APP_ENV": "development",
        "RATELIMIT_DEFAULT": "",
        "LOG_LEVEL": "WARNING",
        "SIMULATOR": "",
        "LLM_BASE_URL": fake.base_url,
        "LLM_MODEL": "bench-model",
        "LLM_API_KEY": "",
        "REDIS_URL": "",
    }
    server = start([PYTHON, "-m", "server"], env, var / "server.log")
    try:
        wait_http(f"http://127.0.0.1:{port}/api/v1/health", timeout=60)
        token = cli_token(env, "bench")
        results = {
            "cache_hit": bench_cache_hits(port, token, args.cache_requests),
            "concurrent": bench_concurrent(port, token, fake, args.clients, args.latency),
            "burst": bench_burst(port, token, fake),
        }
    finally:
        stop(server)
        fake.stop()
    report(results)


def report(results: dict[str, Any]) -> None:
    hits, conc, burst = results["cache_hit"], results["concurrent"], results["burst"]
    print("\nAI benchmark (real `python -m server` under gevent, fake provider in this process)\n")
    rows = [[name, f"{r['p50']:.2f}", f"{r['p99']:.2f}", r["n"]] for name, r in hits.items()]
    print("(a) cache-hit translation vs the authenticated /me peer (sequential, keep-alive)")
    print(table(["request", "p50 ms", "p99 ms", "n"], rows))
    latency = conc["provider_latency_s"]
    print(f"\n(b) {conc['clients']} concurrent translations, provider latency {latency:g} s")
    conc_row = [
        f"{conc['wall_s']:.3f}",
        conc["theoretical_s"],
        conc["serialised_s"],
        f"{conc['p50_ms']:.0f}",
        f"{conc['max_ms']:.0f}",
        conc["ok"],
        conc["provider_calls"],
    ]
    headers = ["wall s", "theoretical s", "serialised s", "p50 ms", "max ms", "200 OK", "calls"]
    print(table(headers, [conc_row]))
    print(f"\n(c) {burst['messages']}-line multilingual chat burst through /translate/batch")
    burst_row = [
        burst["messages"],
        burst["provider_calls"],
        burst["naive_calls"],
        f"{burst['cut_pct']:.1f}",
        burst["translated"],
        burst["cached_or_repeat"],
        burst["skipped"],
        f"{burst['chars_charged']} / {burst['chars_total']}",
    ]
    headers = ["messages", "provider calls", "naive calls", "cut %", "translated"]
    headers += ["cached/repeat", "skipped", "chars charged / total"]
    print(table(headers, [burst_row]))
    goals = {
        "cache_hit_p99_le_5ms": hits["translate (cache hit)"]["p99"] <= 5.0,
        "concurrent_wall_le_1_5s": conc["wall_s"] <= 1.5 and conc["ok"] == conc["clients"],
        "burst_cut_ge_50pct": burst["cut_pct"] >= 50.0,
    }
    print("\ngoals: " + ", ".join(f"{k}={'met' if v else 'MISSED'}" for k, v in goals.items()))
    emit_json("ai", {"goals": goals, **results})


if __name__ == "__main__":
    main()
