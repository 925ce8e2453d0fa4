"""The OpenAI-compatible client against the fake provider: wire format, retries, timeouts."""

from __future__ import annotations

import time
from dataclasses import replace

import pytest

from server.adapters.llm.base import ChatMessage
from server.adapters.llm.errors import AIProviderError, AITimeout, AIUnavailable
from server.adapters.llm.openai_compat import OpenAICompatClient, parse_retry_after
from tests.adapters.helpers import free_port
from tests.fakes.llm_server import FakeLLM
from tests.services.ai.conftest import TEST_SETTINGS

MESSAGES: list[ChatMessage] = [
    {"role": "system", "content": "Target language: French (fr)."},
    {"role": "user", "content": "<chat>\nhello\n</chat>"},
]


@pytest.fixture
def client(fake_llm: FakeLLM) -> OpenAICompatClient:
    return OpenAICompatClient(fake_llm.base_url, "sk-test", TEST_SETTINGS)


def test_request_uses_the_chat_completions_wire_format(client, fake_llm) -> None:
    client.complete(MESSAGES, model="m-1", max_tokens=50)
    request = fake_llm.requests[0]
    assert request.path == "/v1/chat/completions"
    assert request.headers["Authorization"] == "Bearer sk-test"
    assert request.body == {
        "model": "m-1",
        "messages": MESSAGES,
        "max_tokens": 50,
        "temperature": 0.3,
        "stream": False,
    }


def test_answer_text_and_token_usage_are_returned(client) -> None:
    result = client.complete(MESSAGES, model="m-1")
    assert result.text == "[fr] hello"
    assert result.prompt_tokens > 0 and result.completion_tokens > 0


def test_a_500_is_retried_then_succeeds(client, fake_llm) -> None:
    fake_llm.configure("error", times=1)
    assert client.complete(MESSAGES, model="m").text == "[fr] hello"
    assert fake_llm.calls == 2


def test_a_429_waits_for_retry_after_then_succeeds(fake_llm) -> None:
    client = OpenAICompatClient(fake_llm.base_url, "", replace(TEST_SETTINGS, total_timeout=3))
    fake_llm.configure("rate_limit", times=1, retry_after="1")
    started = time.monotonic()
    assert client.complete(MESSAGES, model="m").text == "[fr] hello"
    assert time.monotonic() - started >= 1.0
    assert fake_llm.calls == 2


def test_a_retry_after_beyond_the_budget_gives_up_at_once_with_503(client, fake_llm) -> None:
    fake_llm.configure("rate_limit", retry_after="30")
    started = time.monotonic()
    with pytest.raises(AIUnavailable) as caught:
        client.complete(MESSAGES, model="m")
    assert time.monotonic() - started < 0.5
    assert caught.value.status == 503
    assert caught.value.details["reason"] == "rate_limited"
    assert caught.value.headers["Retry-After"] == "30"
    assert fake_llm.calls == 1


def test_persistent_500_is_a_502_after_the_attempts(client, fake_llm) -> None:
    fake_llm.configure("error")
    with pytest.raises(AIProviderError) as caught:
        client.complete(MESSAGES, model="m")
    assert caught.value.status == 502
    assert caught.value.code == "ai_provider_error"
    assert fake_llm.calls == TEST_SETTINGS.max_attempts


def test_malformed_json_is_a_502_without_retry(client, fake_llm) -> None:
    fake_llm.configure("malformed")
    with pytest.raises(AIProviderError) as caught:
        client.complete(MESSAGES, model="m")
    assert caught.value.details["reason"] == "malformed"
    assert fake_llm.calls == 1


def test_a_provider_that_never_answers_is_a_504_within_the_budget(client, fake_llm) -> None:
    fake_llm.configure("hang")
    started = time.monotonic()
    with pytest.raises(AITimeout) as caught:
        client.complete(MESSAGES, model="m")
    assert caught.value.status == 504
    assert time.monotonic() - started < TEST_SETTINGS.total_timeout + 0.5


def test_an_unreachable_provider_is_a_502_naming_the_base_url() -> None:
    client = OpenAICompatClient(f"http://127.0.0.1:{free_port()}/v1", "", TEST_SETTINGS)
    with pytest.raises(AIProviderError) as caught:
        client.complete(MESSAGES, model="m")
    assert "LLM_BASE_URL" in caught.value.message


def test_the_breaker_opens_and_calls_stop_reaching_the_provider(client, fake_llm) -> None:
    fake_llm.configure("malformed")
    for _ in range(TEST_SETTINGS.breaker_threshold):
        with pytest.raises(AIProviderError):
            client.complete(MESSAGES, model="m")
    calls = fake_llm.calls
    with pytest.raises(AIUnavailable) as caught:
        client.complete(MESSAGES, model="m")
    assert caught.value.details["reason"] == "circuit_open"
    assert fake_llm.calls == calls


def test_the_breaker_lets_a_trial_through_after_the_cooldown(client, fake_llm) -> None:
    fake_llm.configure("malformed", times=TEST_SETTINGS.breaker_threshold)
    for _ in range(TEST_SETTINGS.breaker_threshold):
        with pytest.raises(AIProviderError):
            client.complete(MESSAGES, model="m")
    time.sleep(TEST_SETTINGS.breaker_cooldown + 0.05)
    assert client.complete(MESSAGES, model="m").text == "[fr] hello"
    assert client.breaker.state == "closed"


def test_retry_after_accepts_seconds_and_http_dates() -> None:
    assert parse_retry_after("7") == 7.0
    assert parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT") == 0.0
    assert parse_retry_after("soon") is None
