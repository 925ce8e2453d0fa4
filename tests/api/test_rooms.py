"""/api/v1/rooms/{broadcaster}/...: access like analytics, 400s that say what to fix, tier
limits, goal progress from stored tips, and overlay keys with /api/v1/overlay/state."""

from __future__ import annotations

import pytest
from flask import Flask
from flask.testing import FlaskClient

from tests.realtime.conftest import tip

ROOM = "/api/v1/rooms/alice_room"


@pytest.fixture
def alice(client: FlaskClient, auth, set_tier) -> dict[str, str]:
    headers = auth("alice")
    response = client.post(
        "/api/v1/me/broadcasters", json={"broadcaster": "alice_room"}, headers=headers
    )
    assert response.status_code == 201
    set_tier("alice", "pro")
    return headers


def publish(client: FlaskClient, headers: dict[str, str], events: list[dict]) -> dict:
    response = client.post("/api/v1/events", json=events, headers=headers)
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def flush(app: Flask) -> None:
    assert app.extensions["webcammer"].writer.drain(5)


def test_another_account_gets_404_for_every_room_resource(client, alice, auth) -> None:
    for path in ("goals", "menu", "thresholds", "overlays", "leaderboard", "tipper-tiers"):
        response = client.get(f"{ROOM}/{path}", headers=auth("mallory"))
        assert response.status_code == 404, path
        assert response.get_json()["code"] == "room_not_found"


def test_without_a_token_it_is_401(client, alice) -> None:
    assert client.get(f"{ROOM}/goals").status_code == 401


@pytest.mark.parametrize(
    ("body", "field"),
    [({"goals": [{"label": "x", "tokens": -5}]}, "goals.0.tokens"),
     ({"goals": [{"label": "x", "tokens": 10**9}]}, "goals.0.tokens"),
     ({"goals": [{"label": "   ", "tokens": 10}]}, "goals.0.label"),
     ({"goals": [{"label": "x", "tokens": 1.5}]}, "goals.0.tokens"),
     ({"goals": [{"label": "x", "tokens": 10}] * 51}, "goals")],
)  # fmt: skip
def test_bad_goals_get_400_naming_the_field(client, alice, body, field) -> None:
    response = client.put(f"{ROOM}/goals", json=body, headers=alice)
    assert response.status_code == 400
    assert field in [p["field"] for p in response.get_json()["details"]]


def test_an_unknown_overlay_kind_is_400_listing_the_kinds(client, alice) -> None:
    response = client.post(f"{ROOM}/overlays", json={"kind": "confetti"}, headers=alice)
    assert response.status_code == 400
    assert "goal, alerts, top, menu, ticker" in response.get_json()["message"]


def test_thresholds_must_rise(client, alice) -> None:
    response = client.put(f"{ROOM}/thresholds", json={"tipper_tiers": [5, 4, 3, 2]}, headers=alice)
    assert response.status_code == 400
    response = client.put(
        f"{ROOM}/thresholds", json={"tipper_tiers": [10, 20, 30, 40], "big_tip_tokens": 250},
        headers=alice,
    )  # fmt: skip
    assert response.status_code == 200
    body = response.get_json()
    assert body["big_tip_tokens"] == 250
    assert [t["tokens"] for t in body["tipper_tiers"]] == [10, 20, 30, 40]


def test_free_tier_gets_one_goal(client, alice, set_tier) -> None:
    set_tier("alice", "free")
    two = {"goals": [{"label": "a", "tokens": 10}, {"label": "b", "tokens": 20}]}
    response = client.put(f"{ROOM}/goals", json=two, headers=alice)
    assert response.status_code == 403
    assert response.get_json()["code"] == "tier_limit"
    assert (
        client.put(f"{ROOM}/goals", json={"goals": two["goals"][:1]}, headers=alice).status_code
        == 200
    )


def test_free_tier_gets_one_overlay_with_a_watermark(client, alice, set_tier) -> None:
    set_tier("alice", "free")
    first = client.post(f"{ROOM}/overlays", json={"kind": "goal"}, headers=alice)
    assert first.status_code == 201
    assert client.post(f"{ROOM}/overlays", json={"kind": "top"}, headers=alice).status_code == 403
    state = client.get("/api/v1/overlay/state", headers={"X-Overlay-Key": first.get_json()["key"]})
    assert state.get_json()["watermark"] is True


def test_members_read_but_do_not_write(app, client, alice, auth) -> None:
    from server.models import Account, Membership

    with app.app_context():
        session = app.extensions["webcammer"].db.session
        owner = session.query(Account).filter_by(sub="alice").one()
        session.add(Membership(account_id=owner.id, member_sub="ann", permissions="read:analytics"))
        session.commit()
    client.get("/api/v1/me", headers=auth("ann"))
    assert client.get(f"{ROOM}/menu", headers=auth("ann")).status_code == 200
    response = client.put(f"{ROOM}/menu", json={"items": []}, headers=auth("ann"))
    assert response.status_code == 403


def test_goal_progress_counts_stored_tips_once(app, client, alice) -> None:
    goals = {"goals": [{"label": "oil", "tokens": 100}, {"label": "dance", "tokens": 50}]}
    assert client.put(f"{ROOM}/goals", json=goals, headers=alice).status_code == 200
    publish(client, alice, [tip("t1", tokens=60), tip("t2", tokens=60)])
    publish(client, alice, [tip("t1", tokens=60), tip("t2", tokens=60)])  # a re-sent page
    flush(app)
    body = client.get(f"{ROOM}/goals", headers=alice).get_json()
    assert body["goal"] == {"label": "dance", "target": 50, "progress": 20, "completed": False}
    app.extensions["webcammer"].rooms.goals.forget("alice_room")  # recount from the store
    assert client.get(f"{ROOM}/goals", headers=alice).get_json()["goal"]["progress"] == 20


def test_reset_and_broadcast_start_start_the_goals_over(app, client, alice) -> None:
    client.put(f"{ROOM}/goals", json={"goals": [{"label": "oil", "tokens": 100}]}, headers=alice)
    publish(client, alice, [tip("t1", tokens=60)])
    reset = client.post(f"{ROOM}/goals/reset", headers=alice).get_json()
    assert reset["goal"]["progress"] == 0
    publish(client, alice, [tip("t2", tokens=30)])
    assert client.get(f"{ROOM}/goals", headers=alice).get_json()["goal"]["progress"] == 30
    publish(client, alice, [{"id": "b1", "broadcaster": "alice_room", "method": "broadcastStart"}])
    publish(client, alice, [tip("t3", tokens=5)])
    flush(app)
    app.extensions["webcammer"].rooms.goals.forget("alice_room")
    assert client.get(f"{ROOM}/goals", headers=alice).get_json()["goal"]["progress"] == 5


def test_menu_report_and_leaderboard_of_the_broadcast(app, client, alice) -> None:
    menu = {"items": [{"name": "flash", "tokens": 50}, {"name": "dance", "tokens": 100}]}
    assert client.put(f"{ROOM}/menu", json=menu, headers=alice).status_code == 200
    carol = {"user": {"username": "carol"}}
    publish(
        client, alice, [tip("t1", tokens=50), tip("t2", tokens=100, **carol), tip("t3", tokens=7)]
    )
    flush(app)
    report = client.get(f"{ROOM}/menu/report", headers=alice).get_json()
    assert report["items"][0] == {"name": "flash", "price": 50, "count": 1, "tokens": 50}
    assert report["unmatched"] == {"count": 1, "tokens": 7}
    board = client.get(f"{ROOM}/leaderboard", headers=alice).get_json()
    assert board["king"] == "carol"
    assert board["leaders"][1] == {"username": "bob", "tokens": 57, "tips": 2}
    period = client.get(f"{ROOM}/leaderboard?scope=period", headers=alice).get_json()
    assert period["king"] == "carol"
    tiers = client.get(f"{ROOM}/tipper-tiers", headers=alice).get_json()
    assert {t["username"]: t["tier"] for t in tiers["tippers"]} == {"carol": "bronze"}


def test_overlay_key_lifecycle(client, alice) -> None:
    made = client.post(
        f"{ROOM}/overlays", json={"kind": "ticker", "options": {"color": "00ff00"}}, headers=alice
    ).get_json()
    key = made["key"]
    assert key.startswith("ovk_") and made["url"] == f"/overlay/?key={key}"
    listed = client.get(f"{ROOM}/overlays", headers=alice).get_json()["overlays"]
    assert [o["id"] for o in listed] == [made["id"]] and "key" not in listed[0]
    state = client.get("/api/v1/overlay/state", headers={"X-Overlay-Key": key}).get_json()
    assert state["kind"] == "ticker" and state["options"] == {"color": "#00ff00"}
    assert set(state["position"]) == {"offset", "epoch"}
    rotated = client.post(f"{ROOM}/overlays/{made['id']}/rotate", headers=alice).get_json()
    old = client.get("/api/v1/overlay/state", headers={"X-Overlay-Key": key})
    assert old.status_code == 401 and old.get_json()["code"] == "overlay_key_revoked"
    new_key = rotated["key"]
    assert (
        client.get("/api/v1/overlay/state", headers={"X-Overlay-Key": new_key}).status_code == 200
    )
    assert client.delete(f"{ROOM}/overlays/{rotated['id']}", headers=alice).status_code == 204
    gone = client.get("/api/v1/overlay/state", headers={"X-Overlay-Key": new_key})
    assert gone.get_json()["code"] == "overlay_key_revoked"


def test_a_made_up_key_is_invalid(client) -> None:
    for key in ("ovk_nope", "not-a-key", ""):
        response = client.get("/api/v1/overlay/state", headers={"X-Overlay-Key": key})
        assert response.status_code == 401
        assert response.get_json()["code"] == "overlay_key_invalid"


def test_keys_are_stored_hashed(app, client, alice) -> None:
    from server.services.rooms.models import OverlayKey

    key = client.post(f"{ROOM}/overlays", json={"kind": "goal"}, headers=alice).get_json()["key"]
    with app.app_context():
        row = app.extensions["webcammer"].db.session.query(OverlayKey).one()
        assert key not in (row.key_hash, row.id) and len(row.key_hash) == 64


def test_ticker_state_never_shows_chat_or_private_messages(app, client, alice) -> None:
    key = client.post(f"{ROOM}/overlays", json={"kind": "ticker"}, headers=alice).get_json()["key"]
    chat = {"id": "c1", "broadcaster": "alice_room", "method": "chatMessage",
            "user": {"username": "bob"}, "message": {"message": "hi"}}  # fmt: skip
    private = {**chat, "id": "p1", "method": "privateMessage"}
    publish(client, alice, [chat, private, tip("t1")])
    state = client.get("/api/v1/overlay/state", headers={"X-Overlay-Key": key}).get_json()
    assert [item["event"]["method"] for item in state["state"]["recent"]] == ["tip"]


def test_a_room_linked_to_another_account_starts_without_the_old_setup(
    app, client, alice, auth
) -> None:
    client.put(f"{ROOM}/goals", json={"goals": [{"label": "oil", "tokens": 100}]}, headers=alice)
    client.put(f"{ROOM}/menu", json={"items": [{"name": "flash", "tokens": 50}]}, headers=alice)
    key = client.post(f"{ROOM}/overlays", json={"kind": "menu"}, headers=alice).get_json()["key"]
    assert client.delete("/api/v1/me/broadcasters/alice_room", headers=alice).status_code in (
        200,
        204,
    )
    response = client.post(
        "/api/v1/me/broadcasters", json={"broadcaster": "alice_room"}, headers=auth("zoe")
    )
    assert response.status_code == 201
    zoe = auth("zoe")
    assert client.get(f"{ROOM}/goals", headers=zoe).get_json()["goals"] == []
    assert client.get(f"{ROOM}/menu", headers=zoe).get_json()["items"] == []
    with app.app_context():  # gone from the database, not only from zoe's answer
        from server.services.rooms.models import RoomGoal

        assert app.extensions["webcammer"].db.session.query(RoomGoal).count() == 0
    state = client.get("/api/v1/overlay/state", headers={"X-Overlay-Key": key})
    assert state.status_code == 401 and state.get_json()["code"] == "overlay_key_revoked"


def test_the_room_toolkit_on_real_postgresql(make_config, postgres_url) -> None:
    from server import create_app
    from tests.conftest import close_app

    application = create_app(make_config(DATABASE_URL=postgres_url))
    try:
        client = application.test_client()
        headers = {
            "Authorization": f"Bearer {application.extensions['webcammer'].dev_issuer.mint('pg')}"
        }
        assert client.post("/api/v1/me/broadcasters", json={"broadcaster": "alice_room"},
                           headers=headers).status_code == 201  # fmt: skip
        goals = {"goals": [{"label": "oil", "tokens": 100}]}
        assert client.put(f"{ROOM}/goals", json=goals, headers=headers).status_code == 200
        menu = {"items": [{"name": "flash", "tokens": 50}], "nearest_below": True}
        assert client.put(f"{ROOM}/menu", json=menu, headers=headers).get_json()["nearest_below"]
        publish(client, headers, [tip("p1", tokens=60)])
        assert client.get(f"{ROOM}/goals", headers=headers).get_json()["goal"]["progress"] == 60
        made = client.post(f"{ROOM}/overlays", json={"kind": "menu"}, headers=headers).get_json()
        state = client.get("/api/v1/overlay/state", headers={"X-Overlay-Key": made["key"]})
        assert state.get_json()["state"] == {"items": [{"name": "flash", "tokens": 50}]}
    finally:
        close_app(application)


def test_patching_an_overlay_keeps_its_key_and_changes_its_look(client, alice) -> None:
    made = client.post(f"{ROOM}/overlays", json={"kind": "goal"}, headers=alice).get_json()
    path = f"{ROOM}/overlays/{made['id']}"
    patched = client.patch(path, json={"label": "stage", "options": {"size": 40}}, headers=alice)
    assert patched.status_code == 200 and patched.get_json()["label"] == "stage"
    state = client.get("/api/v1/overlay/state", headers={"X-Overlay-Key": made["key"]}).get_json()
    assert state["options"] == {"size": 40}
    bad = client.patch(path, json={"options": {"wallpaper": "x"}}, headers=alice)
    assert bad.status_code == 400
    assert [p["field"] for p in bad.get_json()["details"]] == ["options.wallpaper"]
    bad = client.post(f"{ROOM}/overlays", json={"kind": "goal", "options": {"z": 1}}, headers=alice)
    assert bad.status_code == 400


def test_overlay_key_changes_are_in_the_owners_audit_trail_without_the_key(client, alice) -> None:
    made = client.post(f"{ROOM}/overlays", json={"kind": "goal"}, headers=alice).get_json()
    rotated = client.post(f"{ROOM}/overlays/{made['id']}/rotate", headers=alice).get_json()
    client.delete(f"{ROOM}/overlays/{rotated['id']}", headers=alice)
    page = client.get("/api/v1/me/audit?limit=10", headers=alice).get_json()
    rows = [row for row in page["items"] if row["action"].startswith("overlay_key.")]
    assert [row["action"] for row in rows] == [
        "overlay_key.revoked",
        "overlay_key.rotated",
        "overlay_key.created",
    ]
    assert rows[1]["after"]["replaced_by"] == rotated["id"]
    assert all(row["target"] == "alice_room" and row["actor"]["id"] == "alice" for row in rows)
    assert made["key"] not in str(page) and rotated["key"] not in str(page)
