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


def minutes_of_history(broadcaster: str, now: float) -> list[dict]:
    """A room that went live twelve minutes ago: tips and chat every 20 s."""
    sim = RoomSimulator(broadcaster, lambda events: None, seed=11)
    events = [{**sim.event("broadcastStart"), "user": None, "ts": now - 720}]
    events += [
        {**sim.event("tip" if i % 2 else "chatMessage"), "ts": now - 700 + 20 * i}
        for i in range(34)
    ]
    return events


def seed(server: ServerProcess, token: str, events: list[dict]) -> None:
    for i in range(0, len(events), 1_000):
        ack = server.request("POST", "/api/v1/events", events[i : i + 1_000], token=token)
        assert ack["accepted"] == len(events[i : i + 1_000]), ack


def run_check(server: ServerProcess, token: str, tmp_path: Path, *options: str) -> dict:
    shot = tmp_path / "dashboard.png"
    script = ["node", "scripts/check-dashboard.mjs", server.url, token, "demo_room", str(shot)]
    run = subprocess.run(
        [*script, *options], cwd=DASHBOARD, capture_output=True, text=True, timeout=240
    )
    assert run.returncode == 0, run.stdout + run.stderr
    return dict(json.loads(run.stdout.strip().splitlines()[-1]))


def test_dashboard_renders_the_demo_room_in_headless_chromium(demo_server, tmp_path) -> None:
    require_browser_setup()
    now = time.time()
    demo_server.token("streamer", "studio", link="short_room")
    token = demo_server.token("streamer", "studio", link="demo_room")
    seed(demo_server, token, history("demo_room", now))
    seed(demo_server, token, minutes_of_history("short_room", now))
    free = demo_server.token("freebie", "free", link="free_room")
    demo_server.token("stranger", "pro", link="not_yours")
    phone = tmp_path / "dashboard-375.png"
    result = run_check(
        demo_server, token, tmp_path,
        "--phone", str(phone), "--foreign-room", "not_yours", "--short-room", "short_room",
        "--free-token", free,
    )  # fmt: skip
    assert result["problems"] == [] and result["error"] is None
    # before sign-in only the sign-in form shows
    assert result["signIn"] == {"login": True, "controls": False, "live": False}
    assert all(points > 0 for points in result["charts"].values()), result["charts"]
    assert set(result["charts"]) == {"chart-tokens", "chart-tips", "chart-tippers"}
    assert int(result["cards"]["Tokens from tips"].replace(",", "")) > 0
    assert result["cards"]["Average viewers"] not in ("0", "")
    assert result["sessions"] >= 6 and result["interval"] == "1h"
    assert result["live"]["status"] == "on" and int(result["live"]["events"]) >= 3
    assert not result["tokenInAddressBar"]
    # Show again keeps counting the same room
    assert result["showAgain"]["after"] >= result["showAgain"]["before"] >= 3
    # a reload resumes from the kept stream position
    reload = result["reload"]
    assert reload["outcome"] == "recovered" and reload["after"] >= reload["before"], reload
    assert result["csv"]["header"] == "time,offset,id,method,username,tokens,language,text"
    assert result["csv"]["rows"] > 100 and result["csv"]["name"].startswith("demo_room-")
    # a phone: the page never scrolls sideways, the broadcasts table scrolls inside its panel
    assert result["phone"]["pageWidth"] <= 375 and result["phone"]["tableScrolls"]
    # a room of another account: the error replaces the previous room's numbers
    foreign = result["foreign"]
    assert foreign["state"] == "error" and not foreign["main"] and foreign["cards"] == 0
    assert "not_yours" in foreign["error"]
    # twelve minutes of history: the last hour by the minute, not a flat week
    assert result["short"]["interval"] == "1m" and result["short"]["error"] is None
    assert 60 <= result["short"]["charts"]["chart-tokens"] <= 62, result["short"]["charts"]
    assert result["free"]["disabled"] and "pro or studio" in result["free"]["note"]
    shot = tmp_path / "dashboard.png"
    assert shot.stat().st_size > 20_000 and phone.stat().st_size > 20_000
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
