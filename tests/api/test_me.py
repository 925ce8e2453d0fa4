"""/api/v1/me: account on first call, limits from the tier table, isolation between accounts."""

from __future__ import annotations

from flask.testing import FlaskClient

from server.tiers import TIERS


def test_first_call_creates_the_account_with_email(client: FlaskClient, token_for) -> None:
    token = token_for("auth0|carol", email="carol@example.com")
    body = client.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"}).get_json()
    assert body["account"]["sub"] == "auth0|carol"
    assert body["account"]["email"] == "carol@example.com"
    assert body["account"]["tier"] == "free"
    assert body["account"]["privacy"] == {"store_chat_text": True, "send_private_to_ai": False}


def test_limits_and_usage_follow_the_tier(client: FlaskClient, auth, set_tier) -> None:
    set_tier("dana", "pro")
    body = client.get("/api/v1/me", headers=auth("dana")).get_json()
    assert body["limits"]["translate_chars_per_day"] == TIERS["pro"].translate_chars_per_day
    assert body["usage"]["translate_chars"] == {"used": 0, "limit": 200_000}


def test_settings_can_be_changed(client: FlaskClient, auth) -> None:
    response = client.patch(
        "/api/v1/me",
        json={"language": "de", "privacy": {"send_private_to_ai": True}},
        headers=auth("erin"),
    )
    account = response.get_json()["account"]
    assert account["language"] == "de"
    assert account["privacy"] == {"store_chat_text": True, "send_private_to_ai": True}


def test_linking_a_broadcaster_respects_the_tier_cap(client: FlaskClient, auth) -> None:
    assert (
        client.post(
            "/api/v1/me/broadcasters", json={"broadcaster": "room_a"}, headers=auth("f")
        ).status_code
        == 201
    )
    second = client.post(
        "/api/v1/me/broadcasters", json={"broadcaster": "room_b"}, headers=auth("f")
    )
    assert second.status_code == 403
    assert second.get_json()["code"] == "tier_limit"


def test_broadcaster_names_are_validated(client: FlaskClient, auth) -> None:
    for bad in ["Room", "a b", "x'; DROP TABLE accounts;--", "", "a" * 65, "r,oom=1"]:
        response = client.post(
            "/api/v1/me/broadcasters", json={"broadcaster": bad}, headers=auth("g")
        )
        assert response.status_code == 400, bad


def test_an_account_cannot_take_or_remove_another_accounts_broadcaster(
    client: FlaskClient, auth
) -> None:
    client.post(
        "/api/v1/me/broadcasters", json={"broadcaster": "alice_room"}, headers=auth("alice")
    )
    taken = client.post(
        "/api/v1/me/broadcasters", json={"broadcaster": "alice_room"}, headers=auth("mallory")
    )
    assert taken.status_code == 409
    removed = client.delete("/api/v1/me/broadcasters/alice_room", headers=auth("mallory"))
    assert removed.status_code == 404
    me = client.get("/api/v1/me", headers=auth("alice")).get_json()
    assert me["account"]["broadcasters"] == ["alice_room"]


def test_each_account_sees_only_itself(client: FlaskClient, auth) -> None:
    client.patch("/api/v1/me", json={"language": "fr"}, headers=auth("alice"))
    mallory = client.get("/api/v1/me", headers=auth("mallory")).get_json()
    assert mallory["account"]["sub"] == "mallory"
    assert mallory["account"]["language"] == "en"


def test_members_need_the_studio_tier(client: FlaskClient, auth, set_tier) -> None:
    refused = client.post("/api/v1/me/members", json={"sub": "analyst"}, headers=auth("hank"))
    assert refused.status_code == 403
    set_tier("hank", "studio")
    added = client.post("/api/v1/me/members", json={"sub": "analyst"}, headers=auth("hank"))
    assert added.status_code == 201
    assert added.get_json()["account"]["members"] == [
        {"sub": "analyst", "permissions": ["read:analytics"]}
    ]


def test_health_reports_readiness_without_auth(client: FlaskClient) -> None:
    body = client.get("/api/v1/health").get_json()
    assert body["checks"]["database"]["ok"] is True
    assert body["checks"]["llm"] == {"configured": False}
    assert body["checks"]["stripe"] == {"configured": False}


def test_dev_token_endpoint_mints_a_working_token(client: FlaskClient) -> None:
    token = client.post("/api/v1/dev/token", json={"sub": "ivy"}).get_json()["access_token"]
    assert client.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"}).status_code == 200


def test_dev_token_endpoint_cannot_set_a_tier(client: FlaskClient) -> None:
    response = client.post("/api/v1/dev/token", json={"sub": "ivy", "tier": "studio"})
    assert response.status_code == 400


def test_a_simulated_room_taken_by_another_account_says_it_is_open_to_all(make_config) -> None:
    from server import create_app

    app = create_app(make_config(SIMULATOR="demo_room"))
    client = app.test_client()
    headers = {}
    with app.app_context():
        issuer = app.extensions["webcammer"].dev_issuer
        headers = {name: {"Authorization": f"Bearer {issuer.mint(name)}"} for name in ("ann", "bo")}
    taken = client.post(
        "/api/v1/me/broadcasters", json={"broadcaster": "demo_room"}, headers=headers["ann"]
    )
    assert taken.status_code == 201
    second = client.post(
        "/api/v1/me/broadcasters", json={"broadcaster": "demo_room"}, headers=headers["bo"]
    )
    assert second.status_code == 409
    assert second.get_json()["details"] == {"open_to_all": True, "broadcaster": "demo_room"}
    other = client.post(
        "/api/v1/me/broadcasters", json={"broadcaster": "ann_room"}, headers=headers["ann"]
    )
    assert other.status_code == 403  # the free tier's one room is demo_room
