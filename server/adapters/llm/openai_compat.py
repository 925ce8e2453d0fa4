"""OpenAI-compatible Chat Completions client (Novita, OpenAI, Ollama, vLLM, LM Studio).

One pooled `requests.Session` (cooperative under gevent monkey-patching, so concurrent
requests wait concurrently), a time budget per call, retries with full jitter on 429/5xx
and connection failures honouring `Retry-After` (capped), and a circuit breaker.
"""

from __future__ import annotations

import logging
import random
import time
from collections.abc import Callable
from email.utils import parsedate_to_datetime
from typing import Any

import requests
from requests.adapters import HTTPAdapter

from server.adapters.llm.base import ChatMessage, Completion, LLMSettings
from server.adapters.llm.breaker import CircuitBreaker
from server.adapters.llm.errors import AIProviderError, AITimeout, AIUnavailable

log = logging.getLogger(__name__)

RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
_CONFIG_HINTS = {
    401: "The AI provider refused the credentials: check LLM_API_KEY.",
    403: "The AI provider refused the credentials: check LLM_API_KEY.",
    404: "The AI provider does not know this endpoint or model: check LLM_BASE_URL and LLM_MODEL.",
}


class _RetryableStatus(Exception):
    def __init__(self, response: requests.Response) -> None:
        super().__init__(f"HTTP {response.status_code}")
        self.status = response.status_code
        self.retry_after = parse_retry_after(response.headers.get("Retry-After"))


class OpenAICompatClient:
    """The production `LLMProvider`: POST {base_url}/chat/completions."""

    def __init__(
        self,
        base_url: str,
        api_key: str = "",
        settings: LLMSettings | None = None,
        *,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.url = base_url.rstrip("/") + "/chat/completions"
        self.settings = settings or LLMSettings()
        self.breaker = CircuitBreaker(
            self.settings.breaker_threshold, self.settings.breaker_cooldown
        )
        self._sleep, self._clock = sleep, clock
        self._session = requests.Session()
        adapter = HTTPAdapter(pool_connections=2, pool_maxsize=self.settings.pool_size)
        self._session.mount("http://", adapter)
        self._session.mount("https://", adapter)
        self._session.headers.update({"User-Agent": "WebCammerPlus/0.1"})
        if api_key:
            self._session.headers["Authorization"] = f"Bearer {api_key}"

    def close(self) -> None:
        self._session.close()

    def complete(
        self,
        messages: list[ChatMessage],
        *,
        model: str,
        max_tokens: int = 512,
        temperature: float = 0.3,
    ) -> Completion:
        """One chat completion; see the module docstring for the failure policy."""
        if not self.breaker.allow():
            wait = self.breaker.retry_in()
            raise AIUnavailable(
                f"The AI provider is failing; calls are paused for {wait} s (circuit open).",
                details={"reason": "circuit_open", "retry_after": wait},
                headers={"Retry-After": str(wait)},
            )
        payload = {
            "model": model,
            "messages": messages,
            "max_tokens": max_tokens,
            "temperature": temperature,
            "stream": False,
        }
        try:
            body = self._post_with_retries(payload)
            result = parse_completion(body, model)
        except (AITimeout, AIUnavailable) as exc:
            self.breaker.record_failure()
            raise exc
        except AIProviderError as exc:
            # A 4xx other than 429 means the provider is up and our setup is wrong.
            status = (exc.details or {}).get("provider_status") or 0
            if 400 <= status < 500:
                self.breaker.record_success()
            else:
                self.breaker.record_failure()
            raise exc
        self.breaker.record_success()
        return result

    def _post_with_retries(self, payload: dict[str, Any]) -> Any:
        settings = self.settings
        deadline = self._clock() + settings.total_timeout
        last: Exception | None = None
        attempt = 0
        while attempt < settings.max_attempts:
            remaining = deadline - self._clock()
            if remaining <= 0:
                break
            attempt += 1
            try:
                return self._post_once(payload, remaining)
            except (_RetryableStatus, requests.ConnectionError) as exc:
                last = exc
            delay = self._backoff(attempt, last)
            if attempt == settings.max_attempts or delay >= deadline - self._clock():
                break
            log.warning("AI provider call failed, retrying", extra={"attempt": attempt})
            self._sleep(delay)
        raise _final_error(last, attempt)

    def _post_once(self, payload: dict[str, Any], remaining: float) -> Any:
        timeout = (min(self.settings.connect_timeout, remaining), remaining)
        try:
            response = self._session.post(self.url, json=payload, timeout=timeout)
        except requests.ConnectTimeout as exc:
            raise requests.ConnectionError(str(exc)) from exc
        except requests.Timeout as exc:
            raise AITimeout(
                f"The AI provider did not answer within {self.settings.total_timeout:g} s.",
                details={"timeout_s": self.settings.total_timeout},
            ) from exc
        if response.status_code in RETRY_STATUSES:
            raise _RetryableStatus(response)
        if response.status_code >= 400:
            raise _client_error(response)
        try:
            return response.json()
        except ValueError as exc:
            raise _malformed("the body is not JSON") from exc

    def _backoff(self, attempt: int, error: Exception | None) -> float:
        if isinstance(error, _RetryableStatus) and error.retry_after is not None:
            return min(error.retry_after, self.settings.retry_after_cap)
        return random.uniform(0, self.settings.backoff_base * 2 ** (attempt - 1))


def parse_retry_after(value: str | None) -> float | None:
    """Seconds from a Retry-After header (delta-seconds or HTTP-date); None when absent/bad."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        return max(0.0, parsedate_to_datetime(value).timestamp() - time.time())
    except (TypeError, ValueError):
        return None


def parse_completion(body: Any, model: str) -> Completion:
    """The first choice's text and the usage of a Chat Completions response body."""
    try:
        content = body["choices"][0]["message"]["content"]
    except (KeyError, IndexError, TypeError) as exc:
        raise _malformed("no choices[0].message.content") from exc
    if not isinstance(content, str) or not content.strip():
        raise _malformed("the answer is empty")
    usage = body.get("usage") if isinstance(body.get("usage"), dict) else {}
    return Completion(
        text=content,
        model=str(body.get("model") or model),
        prompt_tokens=_int(usage.get("prompt_tokens")),
        completion_tokens=_int(usage.get("completion_tokens")),
    )


def _int(value: Any) -> int:
    return value if isinstance(value, int) and value > 0 else 0


def _malformed(why: str) -> AIProviderError:
    return AIProviderError(
        f"The AI provider sent an answer that is not a valid chat completion ({why}).",
        details={"reason": "malformed"},
    )


def _client_error(response: requests.Response) -> AIProviderError:
    status = response.status_code
    message = _CONFIG_HINTS.get(status, f"The AI provider refused the request (HTTP {status}).")
    return AIProviderError(message, details={"reason": "refused", "provider_status": status})


def _final_error(error: Exception | None, attempts: int) -> Exception:
    if isinstance(error, _RetryableStatus) and error.status == 429:
        wait = max(1, int(error.retry_after or 1))
        return AIUnavailable(
            f"The AI provider is rate-limiting this server; retry in {wait} s.",
            details={"reason": "rate_limited", "provider_status": 429, "retry_after": wait},
            headers={"Retry-After": str(wait)},
        )
    if isinstance(error, _RetryableStatus):
        return AIProviderError(
            f"The AI provider failed (HTTP {error.status}) after {attempts} attempt(s).",
            details={"reason": "provider_error", "provider_status": error.status},
        )
    if isinstance(error, requests.ConnectionError):
        return AIProviderError(
            "The AI provider could not be reached: check LLM_BASE_URL.",
            details={"reason": "unreachable"},
        )
    return AITimeout("The AI provider did not answer in time.", details={"reason": "deadline"})
