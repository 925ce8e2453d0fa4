"""Changes made through the REST API: one audit row each, actor = the caller's sub, with the
request id; owners read their own rows at GET /api/v1/me/audit."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.audit.conftest import actions, audit_rows
from tests.ingest.chaturbate.fake_events_api import FakeEventsApi

SECOND_TOKEN = "Bv5Kp8Qs2Lm7Nx4Wz9Cd3Rt6"  # noqa: S105  # pragma: allowlist secret - a fake


@pytest.fixture
def fake_apis() -> Iterator[tuple[FakeEventsApi, FakeEventsApi]]:
    first = FakeEventsApi("alice_room").start()
    second = FakeEventsApi("alice_room", token=SECOND_TOKEN).start()
    first.when_done = second.when_done = "idle"
    yield first, second
    first.stop()
    second.stop()


def test_each_api_change_is_one_row_by_the_caller_with_its_request_id(
    app, client, auth, set_tier
) -> None:
    set_tier("alice", "studio")
    before = len(audit_rows(app, "alice"))
    headers = {**auth("alice"), "X-Request-ID": "ticket-2103"}
    calls = [
        ("post", "/api/v1/me/broadcasters", {"broadcaster": "alice_room"}),
        ("patch", "/api/v1/me", {"privacy": {"store_chat_text": False}}),
        ("put", "/api/v1/reply/persona", {"voice": "warm and short"}),
        ("post", "/api/v1/me/members", {"sub": "analyst-1"}),
        ("delete", "/api/v1/me/members/analyst-1", None),
        ("delete", "/api/v1/me/broadcasters/alice_room", None),
    ]
    for method, path, body in calls:
        response = getattr(client, method)(path, json=body, headers=headers)
        assert response.status_code < 300, (path, response.get_json())
    rows = audit_rows(app, "alice")[before:]
    assert actions(rows) == [
        "room.linked", "privacy.changed", "persona.changed", "member.added", "member.removed",
        "room.unlinked",
    ]  # fmt: skip
    assert {(r.actor_type, r.actor, r.request_id) for r in rows} == {
        ("user", "alice", "ticket-2103")
    }
    privacy = rows[1]
    assert privacy.before["store_chat_text"] is True and privacy.after["store_chat_text"] is False
    assert rows[3].target == "analyst-1" and rows[3].after == {"permissions": ["read:analytics"]}
    assert rows[2].after["persona"]["voice"] == "warm and short"


def test_events_url_set_replaced_removed_never_store_the_token(
    app, client, auth, fake_apis
) -> None:
    first, second = fake_apis
    url = "/api/v1/platform/chaturbate"
    for events_url in (first.events_url, second.events_url):
        response = client.put(url, json={"events_url": events_url}, headers=auth("alice"))
        assert response.status_code == 200, response.get_json()
    assert client.delete(f"{url}/alice_room", headers=auth("alice")).status_code == 200
    rows = audit_rows(app, "alice")
    assert actions(rows) == [
        "room.linked",
        "events_url.set",
        "events_url.replaced",
        "events_url.removed",
    ]
    assert rows[2].before == rows[2].after == {"events_url": "configured"}
    assert rows[3].after == {"events_url": None}
    listing = client.get("/api/v1/me/audit", headers=auth("alice")).get_data(as_text=True)
    for token in (first.token, second.token):
        assert token not in listing
        assert all(token not in repr((r.before, r.after, r.target)) for r in rows)


def test_owners_read_only_their_own_rows_newest_first_in_pages(app, client, auth) -> None:
    for room in ("room_a", "room_b", "room_c"):
        client.post("/api/v1/me/broadcasters", json={"broadcaster": room}, headers=auth("alice"))
        client.delete(f"/api/v1/me/broadcasters/{room}", headers=auth("alice"))
    client.post("/api/v1/me/broadcasters", json={"broadcaster": "bob_room"}, headers=auth("bob"))
    page = client.get("/api/v1/me/audit?limit=4", headers=auth("alice")).get_json()
    assert [i["action"] for i in page["items"]] == ["room.unlinked", "room.linked"] * 2
    assert page["items"][0]["target"] == "room_c" and page["next"]
    rest = client.get(f"/api/v1/me/audit?before={page['next']}", headers=auth("alice")).get_json()
    assert [i["target"] for i in rest["items"]] == ["room_a", "room_a"] and rest["next"] is None
    assert all(i["actor"] == {"type": "user", "id": "alice"} for i in page["items"])
    bob = client.get("/api/v1/me/audit", headers=auth("bob")).get_json()["items"]
    assert [i["target"] for i in bob] == ["bob_room"]


@pytest.mark.parametrize("query", ["limit=0", "limit=201", "limit=x", "before=-1", "page=2"])
def test_bad_paging_is_a_400_in_the_one_shape(client, auth, query) -> None:
    response = client.get(f"/api/v1/me/audit?{query}", headers=auth("alice"))
    assert response.status_code == 400
    assert response.get_json()["code"] == "validation_error"


def test_the_audit_needs_a_token(client) -> None:
    assert client.get("/api/v1/me/audit").status_code == 401
