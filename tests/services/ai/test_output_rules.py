"""The server's output rules and skip rules reproduce the cross-language fixture the panel's
tests also run (extension/tests/utils/ondevice/fixtures/output-cases.json)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from server.adapters.llm.errors import AIProviderError
from server.services.ai.langdetect import detection_rules, detector
from server.services.ai.output_rules import OutputRules, apply_rules

FIXTURE = (
    Path(__file__).resolve().parents[3]
    / "extension/tests/utils/ondevice/fixtures/output-cases.json"
)
CASES = json.loads(FIXTURE.read_text(encoding="utf-8"))


def rules_from(data: dict) -> OutputRules:
    return OutputRules(
        data["variants"],
        data["max_chars"],
        multiline=data["multiline"],
        banned_words=tuple(data["banned_words"]),
        required_numbers=tuple(data["required_numbers"]),
    )


@pytest.mark.parametrize("case", CASES["output"], ids=lambda c: c["name"])
def test_the_server_gives_the_fixtures_variants(case: dict) -> None:
    rules = rules_from(case["rules"])
    assert rules.as_dict() == case["rules"], "the served rules changed: regenerate the fixture"
    if "error" in case:
        with pytest.raises(AIProviderError) as caught:
            apply_rules(case["answer"], rules, case["system"])
        assert caught.value.code == case["error"]["code"]
        assert (caught.value.details or {}).get("reason") == case["error"]["reason"]
    else:
        assert apply_rules(case["answer"], rules, case["system"]) == case["expected"]


def test_the_fixture_holds_the_served_skip_rules() -> None:
    assert CASES["detection_rules"] == detection_rules()


@pytest.mark.parametrize("case", CASES["detection"], ids=lambda c: c["text"])
def test_the_server_skips_the_fixtures_lines(case: dict) -> None:
    assert (not detector().detect(case["text"]).translatable) == case["skip"]


def test_the_served_patterns_compile_as_plain_regexes() -> None:
    rules = OutputRules(1, 10).as_dict()
    for key in ("numbering_pattern", "pii_placeholder_pattern"):
        re.compile(rules[key])
    assert re.compile(detection_rules()["noise_pattern"]).sub("", "@bob 123 https://x.y") == "  "


def test_the_languages_endpoint_serves_the_skip_rules(client, auth) -> None:
    body = client.get("/api/v1/translate/languages", headers=auth("ann")).get_json()
    assert "lol" in body["detection"]["chat_neutral"]
    assert body["detection"]["confident"] == 0.5
