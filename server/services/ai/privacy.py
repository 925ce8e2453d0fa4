"""PII redaction applied to every text before it is sent to an AI provider.

Emails, Luhn-valid card numbers, SSN-like numbers, phone numbers and (where a pattern is
feasible) street addresses become numbered placeholders such as `[EMAIL_1]`. The mapping
stays on the server, so a translation can put the originals back for the streamer while
the provider never sees them.
"""

from __future__ import annotations

import re
from collections.abc import Callable

_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
_CARD = re.compile(r"(?<![\d-])\d(?:[ -]?\d){12,18}(?![\d-])")
_SSN = re.compile(r"(?<![\d-])\d{3}([- ])\d{2}\1\d{4}(?![\d-])")
_PHONE = re.compile(r"(?<![\w+])\+?\(?\d[\d\s().-]{5,}\d(?![\d])")
_DATE = re.compile(r"\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}")
_STREET_TYPES = (
    r"street|st|avenue|ave|road|rd|boulevard|blvd|lane|ln|drive|dr|court|ct|way|place|pl"
    r"|terrace|parkway|pkwy|circle|cir|highway|hwy|square|sq"
)
_ADDRESSES = (
    re.compile(
        rf"\b\d{{1,6}}[a-z]?\s+(?:[A-Za-z][\w'.-]*\s+){{1,4}}(?:{_STREET_TYPES})\b\.?",
        re.IGNORECASE,
    ),
    re.compile(
        r"\b(?:calle|avenida|rua|rue|via|viale|carrer|ulica|ul\.)\s+(?:[\w'.-]+\s+){0,4}?"
        r"\d{1,5}[a-z]?\b",
        re.IGNORECASE,
    ),
    re.compile(r"\b[\wäöüß-]+(?:straße|strasse|weg|gasse|platz|laan|straat)\s+\d{1,5}[a-z]?\b"),
)
#: What a redacted value becomes ("[EMAIL_1]"); also valid JavaScript, served to the panel.
PLACEHOLDER_PATTERN = r"\[(?:EMAIL|CARD|SSN|PHONE|ADDRESS)_\d+\]"
_PLACEHOLDER = re.compile(PLACEHOLDER_PATTERN)


def luhn_valid(digits: str) -> bool:
    """True when `digits` passes the Luhn checksum (payment card numbers do)."""
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = int(char)
        if index % 2 == 1:
            value = value * 2 - 9 if value > 4 else value * 2
        total += value
    return total % 10 == 0


def _is_card(match: str) -> bool:
    digits = re.sub(r"\D", "", match)
    return 13 <= len(digits) <= 19 and luhn_valid(digits)


def _is_phone(match: str) -> bool:
    candidate = match.strip()
    digits = re.sub(r"\D", "", candidate)
    if not 7 <= len(digits) <= 15 or _DATE.fullmatch(candidate):
        return False
    plain = candidate.isdigit()
    # A bare number (a token amount, an id) counts only when it is phone-length.
    return not plain or len(digits) >= 9


class Redactor:
    """Redacts several texts with one consistent numbering (same value, same placeholder)."""

    def __init__(self) -> None:
        self.found: dict[str, str] = {}
        self._by_value: dict[tuple[str, str], str] = {}
        self._counts: dict[str, int] = {}

    def redact(self, text: str) -> str:
        """`text` with every PII match replaced by a placeholder."""
        text = _EMAIL.sub(self._replacer("EMAIL"), text)
        text = _CARD.sub(self._replacer("CARD", _is_card), text)
        text = _SSN.sub(self._replacer("SSN"), text)
        text = _PHONE.sub(self._replacer("PHONE", _is_phone), text)
        for pattern in _ADDRESSES:
            text = pattern.sub(self._replacer("ADDRESS"), text)
        return text

    def restore(self, text: str) -> str:
        """Put the original values back into a text that carries our placeholders."""
        return _PLACEHOLDER.sub(lambda m: self.found.get(m.group(0), m.group(0)), text)

    def _replacer(
        self, kind: str, accept: Callable[[str], bool] | None = None
    ) -> Callable[[re.Match[str]], str]:
        def replace(match: re.Match[str]) -> str:
            value = match.group(0)
            if accept is not None and not accept(value):
                return value
            key = (kind, value)
            if key not in self._by_value:
                self._counts[kind] = self._counts.get(kind, 0) + 1
                placeholder = f"[{kind}_{self._counts[kind]}]"
                self._by_value[key] = placeholder
                self.found[placeholder] = value
            return self._by_value[key]

        return replace


def redact(text: str) -> str:
    """One-shot redaction of a single text."""
    return Redactor().redact(text)
