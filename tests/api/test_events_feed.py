"""GET /api/v1/events/{broadcaster}: the room's stream paged by offset, owner and members."""

from __future__ import annotations

import pytest

from tests.realtime.conftest import tip


@pytest.fixture
def room(client, auth):
    client.post(
        "/api/v1/me/broadcasters", json={"broadcaster": "alice_room"}, headers=auth("alice")
    )
    events = [tip(f"f{i}") for i in range(7)]
    assert client.post("/api/v1/events", json=events, headers=auth("alice")).status_code == 200
    return "alice_room"


def test_pages_follow_offsets_until_the_position(client, auth, room) -> None:
    first = client.get(f"/api/v1/events/{room}?after=0&limit=3", headers=auth("alice")).get_json()
    assert [i["offset"] for i in first["items"]] == [1, 2, 3]
    assert first["items"][0]["event"]["id"] == "f0" and first["next_after"] == 3
    assert first["position"]["offset"] == 7 and first["position"]["epoch"]
    rest = client.get(f"/api/v1/events/{room}?after=3&limit=10", headers=auth("alice")).get_json()
    assert [i["offset"] for i in rest["items"]] == [4, 5, 6, 7] and rest["next_after"] is None


def test_without_after_the_newest_events_come(client, auth, room) -> None:
    body = client.get(f"/api/v1/events/{room}?limit=2", headers=auth("alice")).get_json()
    assert [i["offset"] for i in body["items"]] == [6, 7]


def test_the_position_matches_what_subscribe_answers(app, client, auth, room, token_for) -> None:
    sio = app.extensions["webcammer"].socketio.test_client(
        app, namespace="/hub", auth={"token": token_for("alice")}
    )
    ack = sio.emit("subscribe", {"broadcaster": room}, namespace="/hub", callback=True)
    body = client.get(f"/api/v1/events/{room}", headers=auth("alice")).get_json()
    assert body["position"] == ack["position"]


def test_members_may_read_and_other_accounts_get_404(client, auth, set_tier, room) -> None:
    set_tier("alice", "studio")
    client.post("/api/v1/me/members", json={"sub": "analyst"}, headers=auth("alice"))
    assert client.get(f"/api/v1/events/{room}", headers=auth("analyst")).status_code == 200
    response = client.get(f"/api/v1/events/{room}", headers=auth("mallory"))
    assert response.status_code == 404 and response.get_json()["code"] == "not_found"
    ghost = client.get("/api/v1/events/ghost_room", headers=auth("mallory"))
    same = ("code", "message")  # a stranger cannot tell a foreign room from a missing one
    assert ghost.status_code == 404
    assert [ghost.get_json()[k] for k in same] == [response.get_json()[k] for k in same]


@pytest.mark.parametrize("query", ["after=-1", "limit=0", "limit=5000", "after=x", "bogus=1"])
def test_bad_queries_are_400s(client, auth, room, query) -> None:
    response = client.get(f"/api/v1/events/{room}?{query}", headers=auth("alice"))
    assert response.status_code == 400 and "code" in response.get_json()


def test_a_bad_room_name_is_a_400_and_no_token_a_401(client, auth) -> None:
    assert client.get("/api/v1/events/Bad-Name", headers=auth("alice")).status_code == 400
    assert client.get("/api/v1/events/alice_room").status_code == 401
