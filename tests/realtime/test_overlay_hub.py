"""Overlay sockets on /hub: a key reads one room's events of its kind, read-only; a revoked
key is refused and its sockets are closed with overlay_revoked."""

from __future__ import annotations

import pytest

from tests.realtime.conftest import hub_events, tip

ROOM = "/api/v1/rooms/alice_room"


@pytest.fixture
def owner(client, auth, link, set_tier, connect):
    link("alice", "alice_room")
    set_tier("alice", "pro")
    return connect("alice")


def make_overlay(client, auth, kind: str) -> dict:
    response = client.post(f"{ROOM}/overlays", json={"kind": kind}, headers=auth("alice"))
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def overlay_socket(connect, key: str):
    sio = connect(auth={"overlay_key": key})
    assert sio.is_connected("/hub")
    ack = sio.emit("subscribe", {}, namespace="/hub", callback=True)
    assert ack["ok"] is True and set(ack["position"]) == {"offset", "epoch"}
    return sio


def chat(event_id: str, method: str = "chatMessage") -> dict:
    return {"id": event_id, "broadcaster": "alice_room", "method": method,
            "user": {"username": "bob"}, "message": {"message": "secret"}}  # fmt: skip


def publish(sio, events) -> dict:
    return sio.emit("publish", events, namespace="/hub", callback=True)


def test_a_ticker_key_gets_tips_but_never_chat_or_private_messages(client, auth, owner, connect):
    key = make_overlay(client, auth, "ticker")["key"]
    sio = overlay_socket(connect, key)
    publish(owner, [chat("c1"), chat("p1", "privateMessage"), tip("t1")])
    events = hub_events(sio)
    assert [e["event"]["method"] for e in events] == ["tip"]
    assert "message" not in events[0]["event"]


def test_a_goal_key_gets_goal_frames_on_progress_and_completion(client, auth, owner, connect):
    goals = {"goals": [{"label": "oil", "tokens": 50}, {"label": "dance", "tokens": 100}]}
    client.put(f"{ROOM}/goals", json=goals, headers=auth("alice"))
    sio = overlay_socket(connect, make_overlay(client, auth, "goal")["key"])
    sio.get_received("/hub")
    publish(owner, [tip("t1", tokens=30), tip("t2", tokens=30)])
    frames = hub_events(sio, "goal")
    assert frames[0]["goal"] == {"label": "oil", "target": 50, "progress": 30, "completed": False}
    assert frames[1]["completed"] == {"label": "oil", "target": 50}
    assert frames[1]["goal"]["label"] == "dance" and frames[1]["goal"]["progress"] == 10
    assert hub_events(sio) == []  # the goal kind gets no tip events


def test_an_overlay_socket_is_read_only(client, auth, owner, connect):
    sio = overlay_socket(connect, make_overlay(client, auth, "alerts")["key"])
    ack = publish(sio, [tip("t9")])
    assert ack["ok"] is False and ack["code"] == "unauthorized"


def test_subscribe_since_a_position_replays_only_the_kinds_events(client, auth, owner, connect):
    key = make_overlay(client, auth, "alerts")["key"]
    first = overlay_socket(connect, key)
    position = first.emit("subscribe", {}, namespace="/hub", callback=True)["position"]
    first.disconnect(namespace="/hub")
    publish(owner, [tip("t1"), chat("c1"), tip("t2")])
    again = connect(auth={"overlay_key": key})
    ack = again.emit("subscribe", {"since": position}, namespace="/hub", callback=True)
    assert ack["recovered"] is True and ack["replayed"] == 2
    assert [e["event"]["id"] for e in hub_events(again)] == ["t1", "t2"]
    stale = again.emit("subscribe", {"since": {**position, "epoch": "other"}}, namespace="/hub",
                       callback=True)  # fmt: skip
    assert stale["recovered"] is False and stale["replayed"] == 0


def test_an_invalid_key_is_refused(connect):
    assert not connect(auth={"overlay_key": "ovk_made_up"}).is_connected("/hub")


def test_revoking_closes_the_keys_sockets_at_once_and_refuses_it(client, auth, owner, connect):
    made = make_overlay(client, auth, "top")
    sio = overlay_socket(connect, made["key"])
    assert client.delete(f"{ROOM}/overlays/{made['id']}", headers=auth("alice")).status_code == 204
    assert not sio.is_connected("/hub")
    # what reached the socket before the server closed it (get_received needs a live one)
    revoked = [m["args"][0] for m in sio.queue if m["name"] == "overlay_revoked"]
    assert revoked == [{"code": "overlay_key_revoked", "message": revoked[0]["message"]}]
    assert not connect(auth={"overlay_key": made["key"]}).is_connected("/hub")


def test_rotating_closes_the_old_keys_sockets(client, auth, owner, connect):
    made = make_overlay(client, auth, "menu")
    sio = overlay_socket(connect, made["key"])
    rotated = client.post(f"{ROOM}/overlays/{made['id']}/rotate", headers=auth("alice")).get_json()
    assert not sio.is_connected("/hub")
    overlay_socket(connect, rotated["key"])


def test_the_panel_gets_tip_notes_for_menu_items_and_big_tips(client, auth, owner):
    menu = {"items": [{"name": "flash", "tokens": 50}]}
    assert client.put(f"{ROOM}/menu", json=menu, headers=auth("alice")).status_code == 200
    client.put(f"{ROOM}/thresholds", json={"big_tip_tokens": 200}, headers=auth("alice"))
    owner.emit("subscribe", {"broadcaster": "alice_room"}, namespace="/hub", callback=True)
    owner.get_received("/hub")
    publish(owner, [tip("t1", tokens=50), tip("t2", tokens=7), tip("t3", tokens=200)])
    notes = hub_events(owner, "tip_note")
    assert [(n["event_id"], n["menu_item"], n["big_tip"]) for n in notes] == [
        ("t1", {"name": "flash", "tokens": 50}, False),
        ("t3", None, True),
    ]


def test_one_key_opens_a_bounded_number_of_sockets(client, auth, owner, connect):
    from server.realtime.overlay_auth import SOCKETS_PER_KEY

    key = make_overlay(client, auth, "goal")["key"]
    opened = [connect(auth={"overlay_key": key}) for _ in range(SOCKETS_PER_KEY)]
    assert all(sio.is_connected("/hub") for sio in opened)
    assert not connect(auth={"overlay_key": key}).is_connected("/hub")
    opened[0].disconnect(namespace="/hub")
    assert connect(auth={"overlay_key": key}).is_connected("/hub")
