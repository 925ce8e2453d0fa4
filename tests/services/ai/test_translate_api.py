"""POST /api/v1/translate(/batch), GET /languages against the fake provider: what is sent,
charged and cached.

What the endpoints refuse or guard against (no provider, PII, prompt injection, quotas,
provider failures, bad bodies, private messages) is in test_translate_guards.py.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from server.models import TranslationCache
from server.services.ai.common import build_ai
from server.services.ai.langdetect import LANGUAGES
from tests.service_urls import require_service_url
from tests.services.ai.conftest import MODEL, TEST_SETTINGS
from tests.services.ai.helpers import SPANISH, URL, system_of, translate, user_of


def test_the_provider_gets_the_model_and_the_line_as_delimited_data(
    ai_client, auth, fake_llm
) -> None:
    response = translate(ai_client, auth("ann"), text=SPANISH, target="fr")
    assert response.status_code == 200
    request = fake_llm.requests[0]
    assert request.body["model"] == "fake-model"
    assert "Target language: French (fr)" in system_of(request)
    assert user_of(request) == f"<chat>\n{SPANISH}\n</chat>"


def test_a_translation_reports_source_target_and_characters_charged(
    ai_client, auth, ledger
) -> None:
    body = translate(ai_client, auth("ann"), text=SPANISH).get_json()
    assert body == {
        "text": f"[en] {SPANISH}",
        "source": "es",
        "target": "en",
        "cached": False,
        "charged_chars": len(SPANISH),
        "detected": "es",
    }
    assert ledger("ann", "translate_chars") == len(SPANISH)


def test_provider_tokens_are_recorded_for_the_account(ai_client, auth, ledger) -> None:
    translate(ai_client, auth("ann"), text=SPANISH)
    assert ledger("ann", "llm_prompt_tokens") > 0
    assert ledger("ann", "llm_completion_tokens") > 0


def test_a_line_already_in_the_target_language_is_free_and_not_sent(
    ai_client, auth, fake_llm, ledger
) -> None:
    text = "how are you doing today, where are you from?"
    body = translate(ai_client, auth("ann"), text=text, target="en").get_json()
    assert (body["text"], body["source"], body["charged_chars"]) == (text, "en", 0)
    assert fake_llm.calls == 0
    assert ledger("ann", "translate_chars") == 0


def test_emoji_and_chat_slang_lines_are_returned_unchanged(ai_client, auth, fake_llm) -> None:
    body = translate(ai_client, auth("ann"), text="lol 😍😍 @bob 100").get_json()
    assert (body["text"], body["charged_chars"]) == ("lol 😍😍 @bob 100", 0)
    assert fake_llm.calls == 0


def test_a_repeated_line_is_a_free_cache_hit(ai_client, auth, fake_llm, ledger) -> None:
    translate(ai_client, auth("ann"), text=SPANISH)
    again = translate(ai_client, auth("bea"), text="  " + SPANISH.replace(" ", "  ")).get_json()
    assert (again["cached"], again["charged_chars"]) == (True, 0)
    assert again["text"] == f"[en] {SPANISH}"
    assert fake_llm.calls == 1
    assert ledger("bea", "translate_chars") == 0


def test_the_cache_keeps_targets_apart(ai_client, auth, fake_llm) -> None:
    french = translate(ai_client, auth("ann"), text=SPANISH, target="fr").get_json()
    german = translate(ai_client, auth("ann"), text=SPANISH, target="de").get_json()
    assert (french["text"][:4], german["text"][:4]) == ("[fr]", "[de]")
    assert fake_llm.calls == 2


def fresh_components(app, fake_llm, **overrides):
    """AI components as another server process would build them (empty in-process cache)."""
    app_services = app.extensions["webcammer"]
    config = replace(
        app_services.config, LLM_BASE_URL=fake_llm.base_url, LLM_MODEL=MODEL, **overrides
    )
    app_services.ai = build_ai(config, app_services.db, TEST_SETTINGS)
    return app_services.ai


def test_the_shared_table_serves_repeats_to_other_processes_without_pii(
    ai_app, ai_client, auth, fake_llm
) -> None:
    text = "escribeme a ana@mail.es, guapa"
    translate(ai_client, auth("ann"), text=text)
    fresh_components(ai_app, fake_llm)
    again = translate(ai_client, auth("ann"), text=text).get_json()
    assert (again["cached"], again["text"]) == (True, f"[en] {text}")
    assert fake_llm.calls == 1
    with ai_app.app_context():
        rows = ai_app.extensions["webcammer"].db.session.query(TranslationCache).all()
        assert [row.translated for row in rows] == ["[en] escribeme a [EMAIL_1], guapa"]


def test_the_redis_cache_serves_repeats_when_configured(ai_app, auth, fake_llm) -> None:
    url = require_service_url("TEST_REDIS_URL")
    redis_client = fresh_components(ai_app, fake_llm, REDIS_URL=url).cache.shared.client
    redis_client.flushdb()
    client = ai_app.test_client()
    translate(client, auth("ann"), text=SPANISH)
    fresh_components(ai_app, fake_llm, REDIS_URL=url)
    again = translate(client, auth("ann"), text=SPANISH).get_json()
    assert again["cached"] is True
    assert fake_llm.calls == 1
    assert len(redis_client.keys("wcp:tr:*")) == 1


def test_a_batch_keeps_order_and_translates_each_distinct_line_once(
    ai_client, auth, fake_llm, ledger
) -> None:
    items = [
        {"text": SPANISH, "event_id": "e1"},
        {"text": "where are you from? you look amazing", "event_id": "e2"},
        {"text": SPANISH, "event_id": "e3"},
        {"text": "bonjour ma belle, tu es magnifique", "event_id": "e4"},
    ]
    body = ai_client.post(f"{URL}/batch", json={"items": items}, headers=auth("ann")).get_json()
    results = body["items"]
    assert [r["event_id"] for r in results] == ["e1", "e2", "e3", "e4"]
    assert [r["charged_chars"] > 0 for r in results] == [True, False, False, True]
    assert results[2]["text"] == results[0]["text"]
    assert fake_llm.calls == 2
    assert ledger("ann", "translate_chars") == len(SPANISH) + len(items[3]["text"])


@pytest.mark.parametrize("count", [0, 51])
def test_a_batch_holds_1_to_50_items(ai_client, auth, count) -> None:
    items = [{"text": f"hola {i}"} for i in range(count)]
    response = ai_client.post(f"{URL}/batch", json={"items": items}, headers=auth("ann"))
    assert response.status_code == 400


def test_languages_lists_targets_and_the_accounts_default(ai_client, auth) -> None:
    body = ai_client.get(f"{URL}/languages", headers=auth("ann")).get_json()
    assert {"code": "es", "name": "Spanish"} in body["languages"]
    assert len(body["languages"]) == len(LANGUAGES)
    assert (body["default_target"], body["configured"]) == ("en", True)
