"""GET /api/v1/analytics/{broadcaster}/noted-viewers: who of a room's viewers has notes, so the
panel can mark them in the feed (the notes themselves: GET viewers/{username})."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from flask import Flask
from flask.testing import FlaskClient

OWNER, ANALYST, STRANGER = "owner_sub", "analyst_sub", "stranger_sub"
ROOM, OTHER_ROOM = "notes_room", "notes_room_two"


@pytest.fixture(name="app")
def fixture_app(app_on_each_database: Flask) -> Flask:
    """Each test on both accounts databases (blank notes and ordering are SQL here)."""
    return app_on_each_database


@pytest.fixture
def owner(client: FlaskClient, auth, set_tier) -> dict[str, str]:
    """A studio owner of two rooms with ANALYST as a member."""
    set_tier(OWNER, "studio")
    headers = auth(OWNER)
    for room in (ROOM, OTHER_ROOM):
        linked = client.post("/api/v1/me/broadcasters", json={"broadcaster": room}, headers=headers)
        assert linked.status_code == 201, linked.get_json()
    member = client.post("/api/v1/me/members", json={"sub": ANALYST}, headers=headers)
    assert member.status_code == 201, member.get_json()
    return headers


@pytest.fixture
def note(client: FlaskClient, owner) -> Callable[..., None]:
    def write(username: str, notes: str, room: str = ROOM) -> None:
        path = f"/api/v1/analytics/{room}/viewers/{username}/notes"
        assert client.put(path, json={"notes": notes}, headers=owner).status_code == 200

    return write


def noted(client: FlaskClient, headers: dict[str, str], room: str = ROOM, **query: str):
    return client.get(
        f"/api/v1/analytics/{room}/noted-viewers", query_string=query, headers=headers
    )


def test_lists_the_rooms_viewers_with_notes_latest_edited_first(client, owner, note) -> None:
    note("bob", "tips on goals")
    note("ünï 😀", "speaks French")
    note("carol", "regular")
    note("bob", "tips on goals; likes oil")  # edited last: first
    note("dave", "elsewhere", room=OTHER_ROOM)
    body = noted(client, owner).get_json()
    assert body == {
        "broadcaster": ROOM,
        "usernames": ["bob", "carol", "ünï 😀"],
        "truncated": False,
    }


def test_cleared_or_blank_notes_are_not_listed(client, owner, note) -> None:
    note("bob", "tips on goals")
    note("carol", "   ")
    note("bob", "")
    assert noted(client, owner).get_json()["usernames"] == []


def test_limit_keeps_the_latest_and_says_more_exist(client, owner, note) -> None:
    for name in ("a1", "a2", "a3"):
        note(name, "x")
    body = noted(client, owner, limit="2").get_json()
    assert body["usernames"] == ["a3", "a2"] and body["truncated"] is True


@pytest.mark.parametrize("limit", ["0", "5001", "many"])
def test_a_bad_limit_gets_400_naming_it(client, owner, limit) -> None:
    response = noted(client, owner, limit=limit)
    assert response.status_code == 400
    assert [p["field"] for p in response.get_json()["details"]] == ["limit"]


def test_members_read_the_owners_list_and_strangers_get_404(client, owner, note, auth) -> None:
    note("bob", "tips on goals")
    assert noted(client, auth(ANALYST)).get_json()["usernames"] == ["bob"]
    stranger = noted(client, auth(STRANGER))
    unknown = noted(client, auth(STRANGER), room="no_such_room")
    assert stranger.status_code == unknown.status_code == 404
    assert noted(client, {}).status_code == 401


def test_a_strangers_own_notes_stay_on_their_account(client, owner, note, auth, set_tier) -> None:
    """Notes belong to the account that owns the room: another account's room is another list."""
    note("bob", "tips on goals")
    set_tier(STRANGER, "pro")
    headers = auth(STRANGER)
    client.post("/api/v1/me/broadcasters", json={"broadcaster": "strangers_room"}, headers=headers)
    path = "/api/v1/analytics/strangers_room/viewers/eve/notes"
    assert client.put(path, json={"notes": "mine"}, headers=headers).status_code == 200
    assert noted(client, headers, room="strangers_room").get_json()["usernames"] == ["eve"]
    assert noted(client, owner).get_json()["usernames"] == ["bob"]
