"""/dashboard: served by the server, rendered in real headless Chromium with the demo room."""

from __future__ import annotations

import json
import os
import random
import shutil
import subprocess
import time
from pathlib import Path

import pytest

from server.api import dashboard
from server.ingest.simulator import RoomSimulator
from tests.realtime.server_process import ServerProcess

ROOT = Path(__file__).resolve().parents[3]
DASHBOARD = ROOT / "dashboard"
SCREENSHOT = ROOT / "docs" / "dashboard.png"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")


def require_browser_setup() -> None:
    """Node, the built dashboard with playwright-core, and Debian's chromium; CI fails without."""
    missing = [
        what
        for what, ok in [
            ("node", shutil.which("node") is not None),
            (
                "chromium (apt install chromium; scripts/services.sh start does it)",
                Path(CHROMIUM).exists(),
            ),
            ("dashboard/dist (make dashboard)", (dashboard.DIST / "index.html").is_file()),
            (
                "playwright-core (make dashboard)",
                (DASHBOARD / "node_modules" / "playwright-core").is_dir(),
            ),
        ]
        if not ok
    ]
    if not missing:
        return
    message = "browser test needs: " + ", ".join(missing)
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(message)
    pytest.skip(message)


def history(broadcaster: str, now: float) -> list[dict]:
    """Six days of demo-room evenings (the simulator's own event mix), timestamps in the past."""
    sim = RoomSimulator(broadcaster, lambda events: None, seed=7)
    rng = random.Random(7)
    events: list[dict] = []
    for day in range(6, 0, -1):
        start = now - day * 86_400 + rng.uniform(-7200, 7200)
        length = rng.uniform(2, 4) * 3600
        at = start
        events.append({**sim.event("broadcastStart"), "user": None, "ts": start})
        while at < start + length:
            events.append({**sim.event(), "ts": at})
            at += rng.expovariate(1 / 40)
        events.append({**sim.event("broadcastStop"), "user": None, "ts": start + length})
    return events


@pytest.fixture
def demo_server(tmp_path: Path):
    server = ServerProcess(
        tmp_path, SIMULATOR="demo_room", SIMULATOR_EVENTS_PER_SECOND="5", PUBLISH_RATE_LIMIT="off"
    ).start()
    try:
        yield server
    finally:
        server.kill()


def test_dashboard_renders_the_demo_room_in_headless_chromium(demo_server, tmp_path) -> None:
    require_browser_setup()
    token = demo_server.token("streamer", "studio", link="demo_room")
    seeded = history("demo_room", time.time())
    for i in range(0, len(seeded), 1_000):
        ack = demo_server.request("POST", "/api/v1/events", seeded[i : i + 1_000], token=token)
        assert ack["accepted"] == len(seeded[i : i + 1_000]), ack
    shot = tmp_path / "dashboard.png"
    run = subprocess.run(
        ["node", "scripts/check-dashboard.mjs", demo_server.url, token, "demo_room", str(shot)],
        cwd=DASHBOARD, capture_output=True, text=True, timeout=150,
    )  # fmt: skip
    assert run.returncode == 0, run.stdout + run.stderr
    result = json.loads(run.stdout.strip().splitlines()[-1])
    assert result["problems"] == [] and result["error"] is None
    assert all(points > 0 for points in result["charts"].values()), result["charts"]
    assert set(result["charts"]) == {"chart-tokens", "chart-tips", "chart-tippers"}
    assert int(result["cards"]["Tokens"].replace(",", "")) > 0
    assert result["sessions"] >= 6
    assert result["live"]["status"] == "on" and int(result["live"]["events"]) >= 3
    assert not result["tokenInAddressBar"]
    assert shot.stat().st_size > 20_000
    if os.environ.get("UPDATE_SCREENSHOT") == "1" or not SCREENSHOT.exists():
        SCREENSHOT.parent.mkdir(exist_ok=True)
        shutil.copyfile(shot, SCREENSHOT)


def test_missing_assets_answer_a_clear_503(client, monkeypatch, tmp_path) -> None:
    monkeypatch.setattr(dashboard, "DIST", tmp_path / "nothing")
    response = client.get("/dashboard")
    assert response.status_code == 503
    assert "make dashboard" in response.get_data(as_text=True)


def test_built_page_is_served_with_a_strict_policy(client) -> None:
    if not (dashboard.DIST / "index.html").is_file():
        pytest.skip("dashboard not built (make dashboard)")
    page = client.get("/dashboard")
    assert page.status_code == 200 and b"<canvas" in page.data
    assert "script-src 'self'" in page.headers["Content-Security-Policy"]
    asset = next((dashboard.DIST / "assets").glob("*.js")).name
    served = client.get(f"/dashboard/assets/{asset}")
    assert (
        served.status_code == 200
        and "immutable" in served.headers.get("Cache-Control", "")
        or (served.headers["Cache-Control"].startswith("public, max-age=31536000"))
    )
    served.close()
    assert client.get("/dashboard/assets/../../server/config.py").status_code == 404
