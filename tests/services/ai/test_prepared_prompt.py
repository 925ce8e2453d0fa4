"""POST /api/v1/reply/prompt and /api/v1/write/<kind>/prompt: the provider call, prepared once.

The prepared prompt must be the very call the provider path sends (same messages, same
generation settings), cost no quota and need no provider, and keep every access rule.
"""

from __future__ import annotations

import pytest

from server.services.ai.output_rules import OutputRules, apply_rules
from tests.fakes.llm_server import answer_text
from tests.services.ai.helpers import add_event

TIP_MENU = {"items": [{"name": "flash", "tokens": 50}, {"name": "dance", "tokens": 111}]}


@pytest.fixture
def room(link_room) -> str:
    link_room("ann", "ann_room")
    return "ann_room"


def rules_of(prepared: dict) -> OutputRules:
    output = prepared["output"]
    return OutputRules(
        output["variants"],
        output["max_chars"],
        multiline=output["multiline"],
        banned_words=tuple(output["banned_words"]),
        required_numbers=tuple(output["required_numbers"]),
    )


def test_the_prepared_reply_is_the_call_the_provider_path_sends(
    ai_client, auth, room, event_store, fake_llm
) -> None:
    ai_client.put(
        "/api/v1/reply/persona",
        json={"voice": "warm, mail me at ann@example.com", "banned_words": ["cheap"]},
        headers=auth("ann"),
    )
    add_event(event_store, room, "tip", username="bigtipper", tokens=100, ago=3600)
    add_event(event_store, room, text="call me 555-123-4567 tonight", username="dj_fan", ago=60)
    target = add_event(event_store, room, text="can you dance?", username="bigtipper")
    body = {"broadcaster": room, "event_id": target, "n": 2, "tone": "flirty"}

    prepared = ai_client.post("/api/v1/reply/prompt", json=body, headers=auth("ann"))
    assert prepared.status_code == 200, prepared.get_json()
    assert fake_llm.calls == 0
    answered = ai_client.post("/api/v1/reply", json=body, headers=auth("ann"))
    assert answered.status_code == 200
    assert fake_llm.calls == 1

    sent = fake_llm.requests[0].body
    served = prepared.get_json()
    assert served["messages"] == sent["messages"]
    assert served["generation"] == {"max_tokens": sent["max_tokens"], "temperature": 0.3}
    assert "ann@example.com" not in str(served) and "555-123-4567" not in str(served)
    assert served["output"]["banned_words"] == ["cheap"]
    assert served["output"]["variants"] == 2 and served["output"]["max_chars"] == 200
    assert served["units"] == 1  # what /reply charged for the same request (one per request)


def test_the_prepared_writing_is_the_call_the_provider_path_sends(
    ai_client, auth, fake_llm
) -> None:
    body = {**TIP_MENU, "n": 2, "length": "short", "details": "friday show"}
    prepared = ai_client.post("/api/v1/write/tip_menu/prompt", json=body, headers=auth("ann"))
    assert prepared.status_code == 200, prepared.get_json()
    answered = ai_client.post("/api/v1/write/tip_menu", json=body, headers=auth("ann"))
    assert answered.status_code == 200
    assert fake_llm.calls == 1
    served, sent = prepared.get_json(), fake_llm.requests[0].body
    assert served["messages"] == sent["messages"]
    assert served["generation"]["max_tokens"] == sent["max_tokens"]
    assert served["generation"]["temperature"] == sent["temperature"] == 0.8
    assert served["output"]["required_numbers"] == [50, 111]
    assert served["output"]["multiline"] is True


def test_the_served_rules_give_the_servers_own_answer(ai_client, auth, room, fake_llm) -> None:
    body = {"broadcaster": room, "message": "hello there gorgeous", "n": 3}
    prepared = ai_client.post("/api/v1/reply/prompt", json=body, headers=auth("ann")).get_json()
    answered = ai_client.post("/api/v1/reply", json=body, headers=auth("ann")).get_json()
    provider_text = answer_text(fake_llm.requests[0].messages)
    system = prepared["messages"][0]["content"]
    assert apply_rules(provider_text, rules_of(prepared), system) == answered["suggestions"]


def test_preparing_charges_no_quota(ai_client, auth, room, ledger, fake_llm) -> None:
    for _ in range(3):
        body = {"broadcaster": room, "message": "hi", "n": 5}
        response = ai_client.post("/api/v1/reply/prompt", json=body, headers=auth("ann"))
        assert response.status_code == 200
        response = ai_client.post("/api/v1/write/bio/prompt", json={}, headers=auth("ann"))
        assert response.status_code == 200
    assert ledger("ann", "reply_suggestions") == 0
    assert ledger("ann", "write_requests") == 0
    assert fake_llm.calls == 0


def test_preparing_needs_no_provider(client, auth) -> None:
    linked = client.post(
        "/api/v1/me/broadcasters", json={"broadcaster": "ann_room"}, headers=auth("ann")
    )
    assert linked.status_code == 201
    body = {"broadcaster": "ann_room", "message": "hi"}
    assert client.post("/api/v1/reply", json=body, headers=auth("ann")).status_code == 503
    prepared = client.post("/api/v1/reply/prompt", json=body, headers=auth("ann"))
    assert prepared.status_code == 200
    assert prepared.get_json()["messages"][1]["content"].endswith("<message>\nhi\n</message>")


def test_another_accounts_room_is_refused(ai_client, auth, room) -> None:
    body = {"broadcaster": room, "message": "hi"}
    response = ai_client.post("/api/v1/reply/prompt", json=body, headers=auth("mallory"))
    assert response.status_code == 403
    assert set(response.get_json()) >= {"code", "message"}


def test_a_private_message_needs_the_same_opt_in(ai_client, auth, room, event_store) -> None:
    pm = add_event(event_store, room, "privateMessage", text="a private question")
    body = {"broadcaster": room, "event_id": pm}
    response = ai_client.post("/api/v1/reply/prompt", json=body, headers=auth("ann"))
    assert response.status_code == 403
    assert response.get_json()["code"] == "private_message_blocked"
    assert "private question" not in response.get_data(as_text=True)


@pytest.mark.parametrize(
    ("url", "body"),
    [
        ("/api/v1/reply/prompt", {"broadcaster": "ann_room"}),
        ("/api/v1/reply/prompt", {"broadcaster": "ann_room", "message": "x", "n": 9}),
        ("/api/v1/write/novel/prompt", {}),
        ("/api/v1/write/tip_menu/prompt", {}),
        ("/api/v1/write/social_post/prompt", {"network": "myspace"}),
    ],
)
def test_bad_requests_get_the_error_shape(ai_client, auth, room, url, body) -> None:
    response = ai_client.post(url, json=body, headers=auth("ann"))
    assert response.status_code == 400
    assert set(response.get_json()) >= {"code", "message"}


def test_a_suggestion_echoing_redacted_pii_is_never_offered(
    ai_client, auth, room, fake_llm
) -> None:
    # The fake echoes the message block, so every variant carries the placeholder.
    body = {"broadcaster": room, "message": "mail me at bob@example.com", "n": 2}
    response = ai_client.post("/api/v1/reply", json=body, headers=auth("ann"))
    assert response.status_code == 502
    assert response.get_json()["details"]["reason"] == "empty"
    assert "[EMAIL_1]" in fake_llm.sent_text()
