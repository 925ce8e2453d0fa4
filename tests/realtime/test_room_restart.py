"""Goal progress is derived from stored tips: right after kill -9 and a restart, and a re-sent
page of the same tips changes nothing (real server processes, SQLite)."""

from __future__ import annotations

import signal
from pathlib import Path

from tests.realtime.conftest import tip
from tests.realtime.server_process import ServerProcess

ROOM = "alice_room"


def goal_progress(server: ServerProcess, token: str) -> dict:
    return server.get(f"/api/v1/rooms/{ROOM}/goals", token)["goal"]


def test_goal_progress_survives_kill_9_and_a_re_sent_page(tmp_path: Path) -> None:
    page = [tip(f"k{i}", tokens=40) for i in range(10)]  # 400 tokens in all
    first = ServerProcess(tmp_path).start()
    try:
        token = first.token("alice", tier="pro", link=ROOM)
        goals = {"goals": [{"label": "oil", "tokens": 150}, {"label": "show", "tokens": 1000}]}
        first.request("PUT", f"/api/v1/rooms/{ROOM}/goals", goals, token)
        assert first.request("POST", "/api/v1/events", page, token)["accepted"] == 10
        before = goal_progress(first, token)
        first.wait_for(lambda h: h["checks"]["event_store"]["queued"] == 0)
    finally:
        first.kill(signal.SIGKILL)
    assert before == {"label": "show", "target": 1000, "progress": 250, "completed": False}
    second = ServerProcess(tmp_path).start()
    try:
        token = second.token("alice", tier="pro")
        assert goal_progress(second, token) == before  # recounted from the store
        again = second.request("POST", "/api/v1/events", page, token)
        assert again["accepted"] == 0 and again["duplicates"] == 10
        assert goal_progress(second, token) == before
        second.request("POST", "/api/v1/events", [tip("k-new", tokens=5)], token)
        assert goal_progress(second, token)["progress"] == 255
    finally:
        second.kill(signal.SIGKILL)


def test_a_key_revoked_through_one_process_closes_its_socket_on_another(tmp_path: Path) -> None:
    import threading
    import urllib.request

    import socketio

    from tests.realtime.server_process import two_processes_sharing_redis

    first, second = two_processes_sharing_redis(tmp_path)
    try:
        token = first.token("alice", tier="pro", link=ROOM)
        made = first.request("POST", f"/api/v1/rooms/{ROOM}/overlays", {"kind": "goal"}, token)
        revoked, closed = [], threading.Event()
        client = socketio.Client(reconnection=False)
        client.on("overlay_revoked", revoked.append, namespace="/hub")
        client.on("disconnect", closed.set, namespace="/hub")
        client.connect(
            second.url, namespaces=["/hub"], auth={"overlay_key": made["key"]},
            transports=["websocket"],
        )  # fmt: skip
        assert client.call("subscribe", {}, namespace="/hub")["ok"]
        revoke = urllib.request.Request(
            f"{first.url}/api/v1/rooms/{ROOM}/overlays/{made['id']}", method="DELETE",
            headers={"Authorization": f"Bearer {token}"},
        )  # fmt: skip
        with urllib.request.urlopen(revoke, timeout=10) as response:  # noqa: S310 - local server
            assert response.status == 204
        assert closed.wait(15), "the other process did not close the revoked key's socket"
        assert revoked and revoked[0]["code"] == "overlay_key_revoked"
    finally:
        first.kill(signal.SIGKILL)
        second.kill(signal.SIGKILL)
