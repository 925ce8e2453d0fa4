"""PII redaction: what is replaced, what is left alone, and how originals come back."""

from __future__ import annotations

import pytest

from server.services.ai.privacy import Redactor, luhn_valid, redact


@pytest.mark.parametrize(
    ("text", "placeholder"),
    [
        ("write me at juan.perez@gmail.com", "[EMAIL_1]"),
        ("card 4111 1111 1111 1111 ok", "[CARD_1]"),
        ("card 5500-0000-0000-0004", "[CARD_1]"),
        ("my ssn is 123-45-6789", "[SSN_1]"),
        ("call +1 (555) 123-4567", "[PHONE_1]"),
        ("whatsapp +34 612 345 678", "[PHONE_1]"),
        ("text 555-1234 later", "[PHONE_1]"),
        ("number 5551234567", "[PHONE_1]"),
        ("I live at 742 Evergreen Terrace", "[ADDRESS_1]"),
        ("come to 10 Downing St.", "[ADDRESS_1]"),
        ("vivo en Calle Mayor 12", "[ADDRESS_1]"),
        ("ich wohne Hauptstraße 5", "[ADDRESS_1]"),
    ],
)
def test_pii_is_replaced_by_a_placeholder(text: str, placeholder: str) -> None:
    assert placeholder in redact(text)


@pytest.mark.parametrize(
    "text",
    [
        "tip 1000000 tokens for the show",
        "goal at 2500 tokens, 3 min left",
        "see you 2026-01-15 at 10:30",
        "card 4111 1111 1111 1112 is not a valid number",
        "lol <3 :) 😍",
        "@bigtipper99 thanks for 500",
    ],
)
def test_ordinary_chat_is_left_alone(text: str) -> None:
    assert redact(text) == text


def test_the_same_value_gets_the_same_placeholder_across_texts() -> None:
    redactor = Redactor()
    first = redactor.redact("mail a@b.com")
    second = redactor.redact("again a@b.com or c@d.org")
    assert first == "mail [EMAIL_1]"
    assert second == "again [EMAIL_1] or [EMAIL_2]"


def test_originals_are_restored_into_a_translated_text() -> None:
    redactor = Redactor()
    redactor.redact("escribe a ana@x.es o al 612 345 678")
    assert redactor.restore("write to [EMAIL_1] or [PHONE_1]") == (
        "write to ana@x.es or 612 345 678"
    )


def test_luhn_checksum() -> None:
    assert luhn_valid("4111111111111111")
    assert not luhn_valid("4111111111111112")
