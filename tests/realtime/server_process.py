"""Run the real server (`python -m server`, gevent) as a subprocess for integration tests."""

from __future__ import annotations

import hashlib
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]


def _tag(path: Path) -> str:
    """Stable per directory (a restarted process keeps it), unique per test."""
    return hashlib.blake2b(str(path.resolve()).encode(), digest_size=5).hexdigest()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class ServerProcess:
    """One server process on a free port with its own VAR_DIR (shared DB via env if given)."""

    def __init__(self, var_dir: Path, **env: str) -> None:
        self.port = free_port()
        self.var_dir = var_dir
        self.env = {
            **os.environ,
            "APP_ENV": "development",
            "VAR_DIR": str(var_dir),
            "PORT": str(self.port),
            "PUBLIC_URL": "http://127.0.0.1:5999",  # same issuer for every process of a test
            "LOG_LEVEL": "WARNING",
            "RATELIMIT_DEFAULT": "",
            "SIMULATOR": "",
            # Redis is shared by every test (and helper): keys and channel of this test only
            "ROOM_STREAM_PREFIX": f"test:{_tag(var_dir)}:",
            "SOCKETIO_CHANNEL": f"test-{_tag(var_dir)}",
            **env,
        }
        self.proc: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> ServerProcess:
        log = open(self.var_dir / f"server-{self.port}.log", "ab")  # noqa: SIM115 - kept with proc
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "server"], cwd=ROOT, env=self.env, stdout=log, stderr=log
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"server exited early; see {log.name}")
            try:
                self.get("/api/v1/health")
                return self
            except OSError:
                time.sleep(0.1)
        raise RuntimeError("server did not start")

    def kill(self, sig: int = signal.SIGKILL) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(sig)
            self.proc.wait(timeout=20)

    def cli(self, *args: str) -> str:
        """Run a flask CLI command against the same config; returns its last output line."""
        out = subprocess.run(
            [sys.executable, "-m", "flask", "--app", "server", *args],
            cwd=ROOT, env=self.env, capture_output=True, text=True, check=True,
        )  # fmt: skip
        return out.stdout.strip().splitlines()[-1]

    def token(self, sub: str, tier: str = "studio", link: str | None = None) -> str:
        args = ["dev-token", "--sub", sub, "--tier", tier]
        return self.cli(*args, *(["--link", link] if link else []))

    def request(self, method: str, path: str, body: Any = None, token: str | None = None) -> Any:
        data = None if body is None else json.dumps(body).encode()
        req = urllib.request.Request(self.url + path, data=data, method=method)
        req.add_header("Content-Type", "application/json")
        if token:
            req.add_header("Authorization", f"Bearer {token}")
        with urllib.request.urlopen(req, timeout=10) as response:
            return json.loads(response.read())

    def get(self, path: str, token: str | None = None) -> Any:
        return self.request("GET", path, token=token)

    def wait_for(self, predicate: Any, timeout: float = 20.0) -> Any:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            health = self.get("/api/v1/health")
            if predicate(health):
                return health
            time.sleep(0.1)
        raise AssertionError(f"condition not met; last health: {health}")


def two_processes_sharing_redis(tmp_path: Path, **env: str) -> tuple[ServerProcess, ServerProcess]:
    """Two started servers with one accounts DB, one dev issuer key and the test Redis."""
    from tests.service_urls import require_service_url

    shared = {
        "REDIS_URL": require_service_url("TEST_REDIS_URL"),
        "ROOM_STREAM_PREFIX": f"test:{_tag(tmp_path)}:",
        "SOCKETIO_CHANNEL": f"test-{_tag(tmp_path)}",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'accounts.db'}",
        "DEV_ISSUER_KEY_PATH": str(tmp_path / "dev_key.json"),
        **env,
    }
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    return (
        ServerProcess(tmp_path / "a", **shared).start(),
        ServerProcess(tmp_path / "b", **shared).start(),
    )
