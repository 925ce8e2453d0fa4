"""S5 of make bench-hub: one room served by three processes and Redis (publishes spread over
the three) against one process, in the same run; plus how many events/s one Redis numbers
for one room (the Lua script every publish runs: the ceiling of a single room)."""

from __future__ import annotations

import os
import subprocess
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

from bench.common import PYTHON, ROOT, cli_token, free_port, start, stop, wait_http

S5 = {"subscribers": 30, "events": 3_000, "window": 32, "rate": 0}
ROOM = "bench_room"


def _env(work: Path, name: str, shared: dict[str, str]) -> dict[str, str]:
    var = work / name
    var.mkdir(parents=True, exist_ok=True)
    return {
        "VAR_DIR": str(var), "PORT": str(free_port()), "APP_ENV": "development",
        "LOG_LEVEL": "WARNING", "PUBLISH_RATE_LIMIT": "off",
        "SIMULATOR": ROOM, "SIMULATOR_EVENTS_PER_SECOND": "0",  # a room anyone may read
        "RATELIMIT_DEFAULT": "", **shared,
    }  # fmt: skip


def _serve(envs: list[dict[str, str]], work: Path) -> list[subprocess.Popen]:
    full = {**os.environ, **envs[0]}
    subprocess.run([PYTHON, "-m", "flask", "--app", "server", "db", "upgrade"],
                   cwd=ROOT, env=full, check=True, capture_output=True)  # fmt: skip
    procs = []
    for env in envs:
        procs.append(start([PYTHON, "-m", "server"], env, Path(env["VAR_DIR"]) / "server.log"))
        wait_http(f"http://127.0.0.1:{env['PORT']}/api/v1/health")
    return procs


def run_s5(work: Path, redis_url: str, node_client: Any, dev_token: Any) -> list[dict]:
    """[one process (memory engine), three processes + Redis]: node client results."""
    results = []
    for processes in (1, 3):
        run = Path(tempfile.mkdtemp(dir=work, prefix=f"s5-{processes}-"))
        tag = uuid.uuid4().hex[:8]
        shared = {
            "DATABASE_URL": f"sqlite:///{run / 'accounts.db'}",
            "DEV_ISSUER_KEY_PATH": str(run / "dev_key.json"),
            "EVENT_STORE_PATH": str(run / "events.db"),
            "PUBLIC_URL": "http://127.0.0.1:5999",
        }
        if processes > 1:
            shared.update(REDIS_URL=redis_url, ROOM_STREAM_PREFIX=f"bench:{tag}:",
                          SOCKETIO_CHANNEL=f"bench-{tag}")  # fmt: skip
        envs = [_env(run, f"p{i}", shared) for i in range(processes)]
        procs = _serve(envs, run)
        try:
            pub = cli_token({**os.environ, **envs[0]}, "bench_pub", link=ROOM)
            urls = [f"http://127.0.0.1:{env['PORT']}" for env in envs]
            tokens = run / "tokens.txt"
            tokens.write_text("\n".join(dev_token(urls[0], f"s5_sub_{i}") for i in range(15)))
            spread = ",".join(urls[i % len(urls)] for i in range(3))  # 3 publishers either way
            scenario = {**S5, "urls": spread}
            result = node_client(urls[0], scenario, procs[0].pid, tokens, pub, namespace="/hub")
        finally:
            for proc in procs:
                stop(proc)
        result["processes"] = processes
        results.append(result)
    return results


def redis_ceiling(redis_url: str, seconds: float = 2.0) -> dict[str, int]:
    """Events/s one Redis numbers for one room through the publish script (pipelined calls
    of 1 and of 20 events, a tip-sized JSON payload each)."""
    import redis

    from server.realtime.redis_stream import RedisNumbering
    from server.realtime.replay import ReplayBuffers

    client = redis.Redis.from_url(redis_url)
    numbering = RedisNumbering(client, ReplayBuffers(lambda b, n: {}), lambda b: 0,
                               prefix=f"bench:{uuid.uuid4().hex[:8]}:")  # fmt: skip
    keys = numbering.keys(ROOM)
    out = {}
    counter = 0
    for per_call in (1, 20):
        numbered, started = 0, time.monotonic()
        while time.monotonic() - started < seconds:
            pipe = client.pipeline(transaction=False)
            for _ in range(50):
                args: list[Any] = ["epoch", 1, 10_000, 3600, 600, keys.ids]
                for _ in range(per_call):
                    counter += 1
                    args += [f"ceil-{counter}", TIP_JSON % counter]
                numbering._append(keys=[keys.meta, keys.log], args=args, client=pipe)
            pipe.execute()
            numbered += 50 * per_call
        out[f"numbered_per_s_{per_call}_per_call"] = round(numbered / (time.monotonic() - started))
    for key in client.scan_iter(match=f"{numbering.prefix}*"):
        client.delete(key)
    return out


TIP_JSON = (
    '{"id":"ceil-%d","broadcaster":"bench_room","method":"tip","ts":1764680000.0,'
    '"received_at":1764680000.0,"user":{"username":"bob","inFanclub":false,"gender":"m",'
    '"isMod":false},"tip":{"tokens":25,"message":"great show","isAnon":false}}'
)
