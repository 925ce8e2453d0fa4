"""The AI answers (translate, batch, reply, write) validate against their documented models."""

from __future__ import annotations

from tests.api.wire import check_documented

SPANISH = "hola guapa, me encanta tu sonrisa"


def test_translations_match_their_models(ai_app, ai_client, auth) -> None:
    one = ai_client.post("/api/v1/translate", json={"text": SPANISH}, headers=auth("ann"))
    assert check_documented(ai_app, one, "/translate", "post").source == "es"
    items = [{"text": SPANISH, "event_id": "e1"}, {"text": "lol", "event_id": "e2"}]
    batch = ai_client.post("/api/v1/translate/batch", json={"items": items}, headers=auth("ann"))
    lines = check_documented(ai_app, batch, "/translate/batch", "post").items
    assert [line.event_id for line in lines] == ["e1", "e2"]


def test_reply_suggestions_match_their_model(ai_app, ai_client, auth, link_room) -> None:
    link_room("ann", "ann_room")
    body = {"broadcaster": "ann_room", "message": "you look great", "n": 2}
    response = ai_client.post("/api/v1/reply", json=body, headers=auth("ann"))
    assert len(check_documented(ai_app, response, "/reply", "post").suggestions) == 2


def test_written_variants_match_their_model(ai_app, ai_client, auth) -> None:
    body = {"network": "bluesky", "details": "live at nine"}
    response = ai_client.post("/api/v1/write/social_post", json=body, headers=auth("ann"))
    assert check_documented(ai_app, response, "/write/{kind}", "post").limit == 300
