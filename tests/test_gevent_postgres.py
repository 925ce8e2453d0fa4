"""psycopg 3 under gevent (as `python -m server` runs): a slow query must not stall the hub.

psycopg 3.1.14+ waits on the socket through gevent once the process is monkey-patched. This
runs a monkey-patched child process: one greenlet holds `pg_sleep(1)` on real PostgreSQL while
another ticks every 10 ms. If the query blocked the process, the ticker would stop for the
whole second; cooperating, it keeps ticking.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.service_urls import require_service_url

ROOT = Path(__file__).resolve().parents[1]

CHILD = r"""
from gevent import monkey
monkey.patch_all()
import json, sys, time
import gevent
from sqlalchemy import create_engine, text

engine = create_engine(sys.argv[1])
with engine.connect() as warm:
    warm.execute(text("SELECT 1"))
ticks = []

def ticker():
    while True:
        ticks.append(time.monotonic())
        gevent.sleep(0.01)

def slow_query():
    with engine.connect() as conn:
        started = time.monotonic()
        conn.execute(text("SELECT pg_sleep(1)"))
        return started, time.monotonic()

tick = gevent.spawn(ticker)
query = gevent.spawn(slow_query)
started, ended = query.get(timeout=10)
tick.kill()
during = [t for t in ticks if started < t < ended]
gaps = [b - a for a, b in zip(during, during[1:])]
print(json.dumps({"ticks": len(during), "longest_gap": max(gaps, default=None)}))
"""


def test_a_slow_postgres_query_does_not_block_other_greenlets() -> None:
    url = require_service_url("TEST_POSTGRES_URL")
    out = subprocess.run(
        [sys.executable, "-c", CHILD, url], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert out.returncode == 0, out.stderr
    result = json.loads(out.stdout.strip().splitlines()[-1])
    assert result["ticks"] >= 20, result  # ~100 when cooperative; 0-1 when the query blocks
    assert result["longest_gap"] < 0.5, result
