"""The README's "first five minutes", run as written: `make run`, then the token and curl lines.

The only change to the text is the port (a free one instead of 5000, so the test never collides
with a server a developer is running); the state lives in a temporary VAR_DIR.
"""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

import pytest

from tests.realtime.server_process import ROOT, free_port

pytestmark = pytest.mark.timeout(600)


def readme_block(heading: str) -> list[str]:
    """The command lines of the first ```bash block after `heading`, comments stripped."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split(f"## {heading}", 1)[1]
    block = re.search(r"```bash\n(.*?)```", section, re.S)
    assert block, f"README has no bash block under '{heading}'"
    lines = [line.split("#", 1)[0].rstrip() for line in block.group(1).splitlines()]
    return [line for line in lines if line]


def wait_healthy(base: str, proc: subprocess.Popen[bytes], timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert proc.poll() is None, "`make run` exited before the server answered"
        try:
            with urllib.request.urlopen(f"{base}/api/v1/health", timeout=2):  # noqa: S310
                return
        except (urllib.error.URLError, OSError):
            time.sleep(0.5)
    raise AssertionError(f"`make run` did not serve {base} within {timeout} s")


def get_json(url: str, token: str) -> Any:
    request = urllib.request.Request(url, headers={"Authorization": f"Bearer {token}"})
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 - local server
        return json.load(response)


def test_the_readme_first_five_minutes_work_as_written(tmp_path: Path) -> None:
    lines = readme_block("The first five minutes")
    assert lines[0] == "make run", lines
    port = free_port()
    env = {
        **os.environ,
        "VAR_DIR": str(tmp_path / "var"),
        "PORT": str(port),
        "PUBLIC_URL": f"http://127.0.0.1:{port}",
        "LOG_LEVEL": "WARNING",
    }
    env.pop("SIMULATOR", None)
    server = subprocess.Popen(  # noqa: S603 - fixed command
        ["make", "-s", "run"],
        cwd=ROOT,
        env=env,
        start_new_session=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_healthy(base, server, timeout=300)
        script = "\n".join(lines[1:]).replace("127.0.0.1:5000", f"127.0.0.1:{port}")
        token_file = tmp_path / "token.txt"
        script += f'\nprintf "%s" "$TOKEN" > {token_file}'
        done = subprocess.run(  # noqa: S603 - the README's own lines
            ["bash", "-euo", "pipefail", "-c", script],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert done.returncode == 0, done.stderr
        assert "Traceback" not in done.stderr
        me = json.loads(done.stdout)
        assert me["account"]["tier"] == "pro"
        assert me["account"]["broadcasters"] == ["demo_room"]
        token = token_file.read_text()
        summary = get_json(f"{base}/api/v1/analytics/demo_room/summary", token)
        assert "tokens" in summary
        with urllib.request.urlopen(f"{base}/api/v1/docs", timeout=10) as docs:  # noqa: S310
            assert docs.status == 200
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
