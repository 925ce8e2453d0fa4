"""How a model answer becomes reply or writing variants, as data and as the one implementation.

The server applies `apply_rules` to provider output; `PreparedPrompt.as_dict` serves the same
rules (and every pattern they use, JavaScript-compatible) so the side panel can apply them to
an on-device model's output and reach the same variants. The cross-language fixture
`extension/tests/utils/ondevice/fixtures/output-cases.json` is checked by both sides.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from server.adapters.llm.base import ChatMessage
from server.adapters.llm.errors import AIProviderError
from server.services.ai import prompts
from server.services.ai.privacy import PLACEHOLDER_PATTERN

#: An answer quoting the first characters of its system message is rejected as a leak.
SYSTEM_PROBE_CHARS = 80
_PLACEHOLDER = re.compile(PLACEHOLDER_PATTERN)


@dataclass(frozen=True, slots=True)
class OutputRules:
    """What a usable answer looks like: at most `variants` variants of at most `max_chars`."""

    variants: int
    max_chars: int
    multiline: bool = False
    banned_words: tuple[str, ...] = ()
    required_numbers: tuple[int, ...] = ()

    def as_dict(self) -> dict[str, Any]:
        """The rules with every pattern and constant the client needs to apply them."""
        return {
            "variants": self.variants,
            "max_chars": self.max_chars,
            "multiline": self.multiline,
            "banned_words": list(self.banned_words),
            "required_numbers": list(self.required_numbers),
            "separator": prompts.VARIANT_SEPARATOR,
            "numbering_pattern": prompts.NUMBERING_PATTERN,
            "quotes": prompts.QUOTES,
            "leak_probes": list(prompts.LEAK_PROBES),
            "system_probe_chars": SYSTEM_PROBE_CHARS,
            "pii_placeholder_pattern": PLACEHOLDER_PATTERN,
        }


@dataclass(frozen=True, slots=True)
class PreparedPrompt:
    """A provider call, fully built: what the server sends and what the panel can run."""

    feature: str
    messages: list[ChatMessage]
    rules: OutputRules
    language: str
    max_tokens: int
    temperature: float
    #: What the provider path charges for this call (the panel counts on-device use in it).
    units: int = 1

    @property
    def system(self) -> str:
        return next(m["content"] for m in self.messages if m["role"] == "system")

    def as_dict(self) -> dict[str, Any]:
        return {
            "feature": self.feature,
            "messages": [dict(m) for m in self.messages],
            "output": self.rules.as_dict(),
            "language": self.language,
            "generation": {"max_tokens": self.max_tokens, "temperature": self.temperature},
            "units": self.units,
        }


def apply_rules(answer: str, rules: OutputRules, system: str) -> list[str]:
    """The usable variants of `answer`, or AIProviderError when none is left (or it leaked)."""
    prompts.ensure_no_leak(answer, system, probe_chars=SYSTEM_PROBE_CHARS)
    banned = _banned_pattern(rules.banned_words)
    variants = []
    for variant in prompts.parse_variants(answer, rules.variants, multiline=rules.multiline):
        if banned is not None and banned.search(variant):
            continue
        trimmed = prompts.trim_to_limit(variant, rules.max_chars)
        # A placeholder in a variant would echo redacted PII back into the room.
        usable = trimmed and not _PLACEHOLDER.search(trimmed)
        if usable and _keeps_numbers(trimmed, rules.required_numbers):
            variants.append(trimmed)
    if not variants:
        raise AIProviderError(
            "The AI answer had no usable variant within the limits; try again.",
            details={"reason": "empty", "limit": rules.max_chars},
        )
    return variants


def _banned_pattern(words: tuple[str, ...]) -> re.Pattern[str] | None:
    if not words:
        return None
    return re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\b", re.I)


def _keeps_numbers(text: str, numbers: tuple[int, ...]) -> bool:
    """True when every required number (a tip menu price) appears on its own in `text`."""
    return all(re.search(rf"(?<!\d){n}(?!\d)", text) for n in numbers)
