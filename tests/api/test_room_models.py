"""Real answers of /rooms/{broadcaster}/... and /overlay/state validate against their documented
models (server/api/schemas/rooms.py), for the owner and a member; another account gets 404."""

from __future__ import annotations

import pytest
from flask import Flask
from flask.testing import FlaskClient

from server.models import Account, Membership
from tests.api.wire import check_documented
from tests.realtime.conftest import tip

ROOM = "/api/v1/rooms/alice_room"
DOC = "/rooms/{broadcaster}"


@pytest.fixture
def owner(app: Flask, client: FlaskClient, auth, set_tier) -> dict[str, str]:
    headers = auth("alice")
    client.post("/api/v1/me/broadcasters", json={"broadcaster": "alice_room"}, headers=headers)
    set_tier("alice", "studio")
    with app.app_context():
        session = app.extensions["webcammer"].db.session
        account = session.query(Account).filter_by(sub="alice").one()
        session.add(
            Membership(account_id=account.id, member_sub="ann", permissions="read:analytics")
        )
        session.commit()
    goals = {"goals": [{"label": "oil", "tokens": 100}, {"label": "dance", "tokens": 50}]}
    check_documented(
        app, client.put(f"{ROOM}/goals", json=goals, headers=headers), f"{DOC}/goals", "put"
    )
    menu = {"items": [{"name": "flash", "tokens": 50}]}
    check_documented(
        app, client.put(f"{ROOM}/menu", json=menu, headers=headers), f"{DOC}/menu", "put"
    )
    levels = {"big_tip_tokens": 500, "tipper_tiers": [10, 100, 1000, 10000]}
    saved = client.put(f"{ROOM}/thresholds", json=levels, headers=headers)
    check_documented(app, saved, f"{DOC}/thresholds", "put")
    tips = [tip("t1", tokens=50), tip("t2", tokens=120, user={"username": "carol"})]
    assert client.post("/api/v1/events", json=tips, headers=headers).status_code == 200
    assert app.extensions["webcammer"].writer.drain(5)
    return headers


READS = ("goals", "menu", "menu/report", "menu/report?scope=period", "thresholds",
         "leaderboard", "leaderboard?scope=period", "tipper-tiers", "overlays")  # fmt: skip


@pytest.mark.parametrize("reader", ["alice", "ann"])
def test_every_room_read_matches_its_model(app, client, auth, owner, reader) -> None:
    headers = auth(reader)
    client.get("/api/v1/me", headers=headers)  # the member's own account exists
    for read in READS:
        path = read.split("?")[0]
        check_documented(app, client.get(f"{ROOM}/{read}", headers=headers), f"{DOC}/{path}")
    assert client.get(f"{ROOM}/goals", headers=auth("mallory")).status_code == 404


def test_goal_reset_and_overlay_answers_match_their_models(app, client, owner) -> None:
    check_documented(
        app, client.post(f"{ROOM}/goals/reset", headers=owner), f"{DOC}/goals/reset", "post"
    )
    item = f"{DOC}/overlays/{{overlay_id}}"
    for kind in ("goal", "alerts", "top", "menu", "ticker"):
        made = client.post(
            f"{ROOM}/overlays", json={"kind": kind, "options": {"size": 20}}, headers=owner
        )
        issued = check_documented(app, made, f"{DOC}/overlays", "post")
        state = client.get("/api/v1/overlay/state", headers={"X-Overlay-Key": issued.key})
        assert check_documented(app, state, "/overlay/state").root.kind == kind
    rotated = client.post(f"{ROOM}/overlays/{issued.id}/rotate", headers=owner)
    fresh = check_documented(app, rotated, f"{item}/rotate", "post")
    patched = client.patch(f"{ROOM}/overlays/{fresh.id}", json={"label": "x"}, headers=owner)
    assert check_documented(app, patched, item, "patch").label == "x"
    listed = client.get(f"{ROOM}/overlays", headers=owner)
    assert len(check_documented(app, listed, f"{DOC}/overlays").overlays) == 5
