"""POST /api/v1/write/{kind} against the fake provider: kinds, limits, validation, quota."""

from __future__ import annotations

import pytest

from server.models import Account
from server.services.ai.output_rules import apply_rules
from server.services.ai.writing import WriteRequest, prepare_write
from tests.services.ai.helpers import system_of, user_of

URL = "/api/v1/write"


def write(client, headers, kind, **body):
    return client.post(f"{URL}/{kind}", json=body, headers=headers)


def test_variants_kind_and_limit_are_returned_and_one_request_charged(
    ai_client, auth, ledger
) -> None:
    response = write(ai_client, auth("ann"), "room_subject", details="goal: dance at 500", n=3)
    assert response.status_code == 200
    body = response.get_json()
    assert (body["kind"], body["limit"], len(body["variants"])) == ("room_subject", 160, 3)
    assert ledger("ann", "write_requests") == 1


def test_the_request_is_sent_as_delimited_data(ai_client, auth, fake_llm) -> None:
    write(ai_client, auth("ann"), "bio", details="I love yoga and cats", tone="playful")
    request = fake_llm.requests[0]
    assert "Tone: playful" in system_of(request)
    assert user_of(request).endswith("<request>\nI love yoga and cats\n</request>")


@pytest.mark.parametrize(("network", "limit"), [("twitter", 280), ("bluesky", 300)])
def test_social_posts_fit_the_networks_length(ai_client, auth, network, limit) -> None:
    details = "live tonight at nine, come say hi " * 25
    body = write(ai_client, auth("ann"), "social_post", network=network, details=details).get_json()
    assert body["limit"] == limit
    assert all(len(v) <= limit for v in body["variants"])


def test_a_tip_menu_keeps_every_price(ai_client, auth) -> None:
    items = [{"name": "flash", "tokens": 50}, {"name": "dance", "tokens": 111}]
    body = write(ai_client, auth("ann"), "tip_menu", items=items).get_json()
    assert all("50" in v and "111" in v for v in body["variants"])


def test_a_variant_that_drops_a_price_is_discarded() -> None:
    request = WriteRequest("tip_menu", n=2, items=(("flash", 50), ("dance", 111)))
    answer = "flash 50\ndance 111\n---\nflash 50\ndance 11"
    rules = prepare_write(Account(language="en"), request).rules
    assert apply_rules(answer, rules, "system") == ["flash 50\ndance 111"]


def test_short_length_tightens_the_limit(ai_client, auth) -> None:
    body = write(
        ai_client, auth("ann"), "room_subject", length="short", details="x " * 100
    ).get_json()
    assert body["limit"] == 80
    assert all(len(v) <= 80 for v in body["variants"])


def test_an_unknown_kind_is_400(ai_client, auth) -> None:
    response = write(ai_client, auth("ann"), "poem")
    assert response.status_code == 400
    assert response.get_json()["code"] == "unknown_kind"


@pytest.mark.parametrize(
    ("kind", "body"),
    [
        ("tip_menu", {}),
        ("tip_menu", {"items": []}),
        ("tip_menu", {"items": [{"name": "flash", "tokens": 0}]}),
        ("tip_menu", {"items": [{"name": "flash", "tokens": "50"}]}),
        ("tip_menu", {"items": [{"name": "a", "tokens": 5}, {"name": "A", "tokens": 6}]}),
        ("tip_menu", {"items": [{"name": "x" * 61, "tokens": 5}]}),
        ("social_post", {}),
        ("social_post", {"network": "myspace"}),
        ("bio", {"length": "epic"}),
        ("bio", {"n": 6}),
        ("bio", {"details": "x" * 1001}),
        ("bio", {"items": [{"name": "a", "tokens": 5}]}),
        ("thank_you", {"tokens": -1}),
    ],
)
def test_bad_kind_bodies_are_400(ai_client, auth, kind, body) -> None:
    assert write(ai_client, auth("ann"), kind, **body).status_code == 400


def test_over_the_daily_write_requests_is_429(ai_client, auth, use_quota, fake_llm) -> None:
    use_quota("ann", "write_requests", 5)
    response = write(ai_client, auth("ann"), "thank_you", username="v1", tokens=100)
    assert response.status_code == 429
    assert response.get_json()["details"]["upgrade"]["tier"] == "pro"
    assert fake_llm.calls == 0
