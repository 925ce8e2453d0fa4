"""The LLM provider port: one Chat Completions call, typed result and settings."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol, TypedDict


class ChatMessage(TypedDict):
    """One message of a Chat Completions request."""

    role: str
    content: str


@dataclass(frozen=True, slots=True)
class Completion:
    """The provider's answer: the first choice's text and the token usage it reported."""

    text: str
    model: str
    prompt_tokens: int
    completion_tokens: int


@dataclass(frozen=True, slots=True)
class LLMSettings:
    """Resilience tuning of a provider client (timeouts in seconds)."""

    connect_timeout: float = 3.0
    total_timeout: float = 20.0
    max_attempts: int = 3
    backoff_base: float = 0.25
    retry_after_cap: float = 5.0
    breaker_threshold: int = 5
    breaker_cooldown: float = 30.0
    pool_size: int = 64


class LLMProvider(Protocol):
    """An OpenAI-compatible Chat Completions endpoint."""

    def complete(
        self,
        messages: list[ChatMessage],
        *,
        model: str,
        max_tokens: int = 512,
        temperature: float = 0.3,
    ) -> Completion:
        """Send `messages`; return the answer or raise AIProviderError, AITimeout, AIUnavailable."""
        ...
