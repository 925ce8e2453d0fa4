"""LLM provider port (`base`) and its OpenAI-compatible adapter (`openai_compat`)."""

from server.adapters.llm.base import ChatMessage, Completion, LLMProvider, LLMSettings
from server.adapters.llm.errors import AINotConfigured, AIProviderError, AITimeout, AIUnavailable

__all__ = [
    "AINotConfigured",
    "AIProviderError",
    "AITimeout",
    "AIUnavailable",
    "ChatMessage",
    "Completion",
    "LLMProvider",
    "LLMSettings",
]
