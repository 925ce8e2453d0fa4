"""Real answers of the main endpoints validate against their documented pydantic models
(server/api/schemas): an answer that gains, loses or retypes a field fails here."""

from __future__ import annotations

from flask import Flask

from tests.api.wire import check_documented
from tests.realtime.conftest import tip


def test_me_and_its_changes_match_the_me_view(app: Flask, client, auth, set_tier) -> None:
    set_tier("alice", "studio")
    headers = auth("alice")
    check_documented(app, client.get("/api/v1/me", headers=headers), "/me")
    patched = client.patch("/api/v1/me", json={"language": "de"}, headers=headers)
    assert check_documented(app, patched, "/me", "patch").account.language == "de"
    linked = client.post("/api/v1/me/broadcasters", json={"broadcaster": "a_room"}, headers=headers)
    check_documented(app, linked, "/me/broadcasters", "post")
    added = client.post("/api/v1/me/members", json={"sub": "bob"}, headers=headers)
    view = check_documented(app, added, "/me/members", "post")
    assert [m.sub for m in view.account.members] == ["bob"]
    removed = client.delete("/api/v1/me/members/bob", headers=headers)
    check_documented(app, removed, "/me/members/{sub}", "delete")
    unlinked = client.delete("/api/v1/me/broadcasters/a_room", headers=headers)
    check_documented(app, unlinked, "/me/broadcasters/{broadcaster}", "delete")


def test_health_dev_token_and_catalog_match_their_models(app: Flask, client) -> None:
    health = check_documented(app, client.get("/api/v1/health"), "/health")
    assert {"database", "redis", "event_store", "llm", "stripe"} <= set(health.checks)
    token = client.post("/api/v1/dev/token", json={"sub": "alice"})
    check_documented(app, token, "/dev/token", "post")
    check_documented(app, client.get("/api/v1/catalog"), "/catalog")


def test_publish_ack_matches_its_model(app: Flask, client, auth) -> None:
    headers = auth("alice")
    client.post("/api/v1/me/broadcasters", json={"broadcaster": "alice_room"}, headers=headers)
    response = client.post("/api/v1/events", json=[tip("e1"), {"id": "bad"}], headers=headers)
    ack = check_documented(app, response, "/events", "post")
    assert (ack.accepted, [e.index for e in ack.errors]) == (1, [1])


def test_persona_languages_and_feeds_match_their_models(app: Flask, client, auth) -> None:
    headers = auth("alice")
    check_documented(app, client.get("/api/v1/reply/persona", headers=headers), "/reply/persona")
    saved = client.put("/api/v1/reply/persona", json={"voice": "warm"}, headers=headers)
    assert check_documented(app, saved, "/reply/persona", "put").voice == "warm"
    languages = client.get("/api/v1/translate/languages", headers=headers)
    check_documented(app, languages, "/translate/languages")
    client.post("/api/v1/me/broadcasters", json={"broadcaster": "alice_room"}, headers=headers)
    feeds = client.get("/api/v1/platform/chaturbate", headers=headers)
    assert check_documented(app, feeds, "/platform/chaturbate").broadcasters[0].state
    forgotten = client.delete("/api/v1/platform/chaturbate/alice_room", headers=headers)
    check_documented(app, forgotten, "/platform/chaturbate/{broadcaster}", "delete")


def test_every_json_operation_documents_a_response_model(client) -> None:
    spec = client.get("/api/v1/swagger.json").get_json()
    undocumented = [
        f"{method.upper()} {path}"
        for path, operations in spec["paths"].items()
        for method, operation in operations.items()
        if isinstance(operation, dict) and "responses" in operation
        if not any("schema" in answer for answer in operation["responses"].values())
    ]
    assert undocumented == ["GET /analytics/{broadcaster}/export.csv"]  # text/csv, not JSON
