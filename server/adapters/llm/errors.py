"""Provider failures as typed AppErrors: errors.py maps them to 502/503/504 in the one shape."""

from __future__ import annotations

from server.errors import AppError, ServiceNotConfigured, ServiceUnavailable

LLM_ENV_VARS = ("LLM_BASE_URL", "LLM_MODEL", "LLM_API_KEY")


class AINotConfigured(ServiceNotConfigured):
    """No provider is configured: the message names the variables to set."""

    code = "ai_not_configured"

    def __init__(self, missing: list[str] | None = None) -> None:
        missing = missing or list(LLM_ENV_VARS)
        super().__init__(
            "AI features are not configured on this server: set "
            + ", ".join(LLM_ENV_VARS)
            + " (any OpenAI-compatible endpoint; Novita AI is the default base URL).",
            details={"missing": missing, "variables": list(LLM_ENV_VARS)},
        )


class AIUnavailable(ServiceUnavailable):
    """The provider is switched off by the circuit breaker or rate-limiting us."""

    code = "ai_unavailable"


class AIProviderError(AppError):
    """The provider answered with an error or with something that is not a usable answer."""

    status, code = 502, "ai_provider_error"


class AITimeout(AppError):
    """The provider did not answer within the time budget."""

    status, code = 504, "ai_timeout"
