"""The platform event schema: every validation rule, both input shapes."""

from __future__ import annotations

import json
from typing import Any

import pytest

from server.realtime.protocol import (
    MAX_EVENT_BYTES,
    METHODS,
    EventValidationError,
    PlatformEvent,
    parse_batch,
    parse_event,
)

NOW = 1_767_225_600.0  # 2026-01-01T00:00:00Z

USER = {
    "username": "fan_1",
    "inFanclub": True,
    "gender": "f",
    "hasTokens": True,
    "recentTips": "lots",
    "isMod": False,
    "language": "pt-BR",
    "colorGroup": "purple",
}
PAYLOADS: dict[str, dict[str, Any]] = {
    "tip": {"tip": {"tokens": 25, "isAnon": False, "message": "nice"}},
    "chatMessage": {"message": {"message": "hi", "color": "#494949", "font": "default"}},
    "privateMessage": {
        "message": {"message": "psst", "fromUser": "fan_1", "toUser": "alice", "orig": "psst"}
    },
    "mediaPurchase": {"media": {"id": 3, "name": "Set 1", "type": "video", "tokens": 50}},
    "roomSubjectChange": {"subject": "Goal: 500 tokens #new"},
}


def chaturbate(method: str, **extra: Any) -> dict[str, Any]:
    """An event as the Chaturbate Events API sends it."""
    obj = {"broadcaster": "alice", "user": dict(USER), **PAYLOADS.get(method, {})}
    return {"method": method, "id": f"1767225600000-{method}", "object": obj, **extra}


def flat(**overrides: Any) -> dict[str, Any]:
    event = {"id": "e1", "broadcaster": "alice", "method": "tip", "ts": NOW - 1}
    event.update(PAYLOADS["tip"], user=dict(USER))
    event.update(overrides)
    return event


def error_of(raw: object) -> tuple[str, str]:
    with pytest.raises(EventValidationError) as info:
        parse_event(raw, received_at=NOW)
    return info.value.code, info.value.message


@pytest.mark.parametrize("method", sorted(METHODS))
def test_raw_chaturbate_shape_is_flattened_for_every_method(method: str) -> None:
    raw = chaturbate(method)
    raw["object"]["user"]["isSilenced"] = False  # unknown extras are dropped
    raw["object"]["unknownPart"] = {"x": 1}
    raw["unknownTop"] = 1
    event = parse_event(raw, received_at=NOW)
    out = event.to_dict()
    expected = {
        "id": raw["id"],
        "broadcaster": "alice",
        "method": method,
        "ts": NOW,
        "received_at": NOW,
        "user": USER,
        **PAYLOADS.get(method, {}),
    }
    assert out == expected
    assert parse_event(json.loads(json.dumps(out)), received_at=NOW).to_dict() == out


def test_payload_parts_of_other_methods_are_not_kept() -> None:
    event = parse_event(flat(method="follow", message={"message": "x"}), received_at=NOW)
    assert event.tip is None and event.message is None
    assert set(event.to_dict()) == {"id", "broadcaster", "method", "ts", "received_at", "user"}


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ([], "not_an_object"),
        ("tip", "not_an_object"),
        (None, "not_an_object"),
        (42, "not_an_object"),
        (flat(method="explode"), "unknown_method"),
        (flat(method=""), "unknown_method"),
        (flat(method=["tip"]), "invalid_field"),
        ({"id": "e", "broadcaster": "a"}, "missing_field"),
        ({"method": "tip", "broadcaster": "a", "tip": {"tokens": 1}}, "missing_field"),
        ({"method": "follow", "id": "e"}, "missing_field"),
        (flat(method="tip", tip=None), "missing_field"),
        (flat(method="chatMessage"), "missing_field"),
        (flat(method="chatMessage", message={"color": "red"}), "missing_field"),
        (flat(method="mediaPurchase"), "missing_field"),
        (flat(method="roomSubjectChange"), "missing_field"),
        ({"method": "tip", "id": "e", "object": "alice"}, "invalid_field"),
    ],
)
def test_malformed_events_get_a_code(raw: object, code: str) -> None:
    assert error_of(raw)[0] == code


@pytest.mark.parametrize(
    "broadcaster",
    [
        "Alice",
        "al ice",
        "al,ice",
        "al'ice",
        'al"ice',
        "alice\n",
        "alice\r\nx",
        "al=ice",
        "al\\ice",
        "al-ice",
        "",
        "a" * 65,
        "ålice",
        "alice;drop",
        12,
        None,
    ],
)
def test_broadcaster_must_be_lowercase_identifier(broadcaster: object) -> None:
    raw = flat()
    raw["broadcaster"] = broadcaster
    code, _ = error_of(raw)
    assert code == ("missing_field" if broadcaster is None else "invalid_field")


def test_broadcaster_edge_values_are_accepted() -> None:
    assert parse_event(flat(broadcaster="a" * 64), received_at=NOW).broadcaster == "a" * 64
    assert parse_event(flat(broadcaster="_0_z"), received_at=NOW).broadcaster == "_0_z"


@pytest.mark.parametrize(
    ("event_id", "code"),
    [
        ("", "invalid_field"),
        (7, "invalid_field"),
        ("x" * 129, "too_large"),
        (["e"], "invalid_field"),
    ],
)
def test_id_must_be_a_short_string(event_id: object, code: str) -> None:
    assert error_of(flat(id=event_id))[0] == code
    assert parse_event(flat(id="x" * 128), received_at=NOW).id == "x" * 128


@pytest.mark.parametrize(
    "tokens", [True, False, 1.0, 2.5, -1, 0, 1_000_001, 10**30, "25", None, [25], float("nan")]
)
def test_tip_tokens_must_be_a_positive_int_up_to_a_million(tokens: object) -> None:
    code, message = error_of(flat(tip={"tokens": tokens}))
    assert code == ("missing_field" if tokens is None else "invalid_field")
    assert "tip.tokens" in message


def test_tip_token_bounds_are_inclusive() -> None:
    for tokens in (1, 1_000_000):
        assert parse_event(flat(tip={"tokens": tokens}), received_at=NOW).tokens == tokens


@pytest.mark.parametrize("tokens", [True, -1, 1.5, 1_000_001])
def test_media_tokens_must_be_a_non_negative_int(tokens: object) -> None:
    media = {"id": 1, "tokens": tokens}
    assert error_of(flat(method="mediaPurchase", media=media))[0] == "invalid_field"
    free = parse_event(flat(method="mediaPurchase", media={"tokens": 0}), received_at=NOW)
    assert free.tokens == 0


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("username", 5),
        ("inFanclub", "yes"),
        ("inFanclub", 1),
        ("gender", "x"),
        ("gender", ["f"]),
        ("hasTokens", 0),
        ("recentTips", "all"),
        ("isMod", "false"),
        ("language", {"en": 1}),
        ("colorGroup", 3),
    ],
)
def test_user_fields_are_typed(field: str, value: object) -> None:
    code, message = error_of(flat(user={**USER, field: value}))
    assert code == "invalid_field" and f"user.{field}" in message


def test_user_must_be_an_object_and_null_parts_are_absent() -> None:
    assert error_of(flat(user="bob"))[0] == "invalid_field"
    event = parse_event(flat(user={"username": "bob", "gender": None}), received_at=NOW)
    assert event.user == {"username": "bob"}
    assert parse_event(flat(user=None), received_at=NOW).user is None


@pytest.mark.parametrize(
    ("overrides", "path"),
    [
        ({"user": {"username": "u" * 65}}, "user.username"),
        ({"method": "chatMessage", "message": {"message": "m" * 4001}}, "message.message"),
        (
            {"method": "chatMessage", "message": {"message": "m", "orig": "o" * 4001}},
            "message.orig",
        ),
        ({"tip": {"tokens": 5, "message": "t" * 4001}}, "tip.message"),
        ({"method": "roomSubjectChange", "subject": "s" * 1001}, "subject"),
        ({"method": "mediaPurchase", "media": {"name": "n" * 257}}, "media.name"),
    ],
)
def test_oversize_strings_are_too_large(overrides: dict[str, Any], path: str) -> None:
    code, message = error_of(flat(**overrides))
    assert code == "too_large" and path in message


def test_strings_at_their_limits_are_accepted() -> None:
    message = {"message": "m" * 4000}
    event = parse_event(flat(method="chatMessage", message=message), received_at=NOW)
    assert event.text == "m" * 4000
    subject = parse_event(flat(method="roomSubjectChange", subject="s" * 1000), received_at=NOW)
    assert subject.subject == "s" * 1000


def test_serialized_size_is_capped() -> None:
    big = "中" * 4000  # 12,000 UTF-8 bytes per field
    code, message = error_of(flat(method="chatMessage", message={"message": big, "orig": big}))
    assert code == "too_large" and str(MAX_EVENT_BYTES) in message
    ok = parse_event(flat(method="chatMessage", message={"message": big}), received_at=NOW)
    assert len(json.dumps(ok.to_dict(), ensure_ascii=False).encode()) <= MAX_EVENT_BYTES


@pytest.mark.parametrize(
    ("ts", "expected"),
    [
        ("2025-12-31T23:59:59Z", NOW - 1),
        ("2025-12-31t23:59:59.5z", NOW - 0.5),
        ("2026-01-01T01:00:00+01:00", NOW),
        ("2025-12-31T23:59:59.123456789Z", NOW - 1 + 0.123456),
        (NOW - 10, NOW - 10),
        (int(NOW) - 10, NOW - 10),
        (None, NOW),
    ],
)
def test_ts_accepts_rfc3339_and_epoch_seconds(ts: object, expected: float) -> None:
    event = parse_event(flat(ts=ts), received_at=NOW)
    assert event.ts == pytest.approx(expected, abs=1e-6)
    assert event.received_at == NOW


@pytest.mark.parametrize(
    "ts",
    [
        "2026-01-01",
        "2026-01-01T00:00:00",  # no offset
        "yesterday",
        "2026-13-01T00:00:00Z",
        True,
        float("inf"),
        float("nan"),
        NOW * 1000,  # milliseconds by mistake
        NOW - 8 * 86_400,
        NOW + 3600,
        [NOW],
    ],
)
def test_bad_or_implausible_ts_is_refused(ts: object) -> None:
    code, message = error_of(flat(ts=ts))
    assert code == "invalid_field" and "ts" in message


def test_received_at_defaults_to_now_and_is_not_taken_from_the_client() -> None:
    event = parse_event(flat(ts=None, received_at=1.0))
    assert event.received_at > NOW and event.ts == event.received_at


def test_without_text_removes_chat_text_only() -> None:
    chat = parse_event(
        flat(method="privateMessage", message=PAYLOADS["privateMessage"]["message"]),
        received_at=NOW,
    )
    stripped = chat.without_text()
    assert stripped.message == {"fromUser": "fan_1", "toUser": "alice"}
    assert chat.message is not None and chat.message["message"] == "psst"  # original intact
    tip = parse_event(flat(), received_at=NOW).without_text()
    assert tip.tip == {"tokens": 25, "isAnon": False} and tip.text is None
    follow = parse_event(flat(method="follow"), received_at=NOW)
    assert follow.without_text() is follow


def test_from_dict_rebuilds_to_dict_output() -> None:
    event = parse_event(chaturbate("tip"), received_at=NOW)
    assert PlatformEvent.from_dict(json.loads(json.dumps(event.to_dict()))) == event


def test_parse_batch_reports_errors_by_index() -> None:
    batch = [flat(id="a"), "junk", flat(id="b", tip={"tokens": -5}), chaturbate("follow")]
    events, errors = parse_batch(batch, received_at=NOW)
    assert [e.id for e in events] == ["a", "1767225600000-follow"]
    assert [(e["index"], e["code"]) for e in errors] == [(1, "not_an_object"), (2, "invalid_field")]
    assert all(e["message"] for e in errors)


def test_parse_batch_accepts_one_event_or_an_events_api_page() -> None:
    assert len(parse_batch(flat(), received_at=NOW)[0]) == 1
    page = {"events": [chaturbate("tip"), chaturbate("userEnter")], "nextUrl": "https://x"}
    assert [e.method for e in parse_batch(page, received_at=NOW)[0]] == ["tip", "userEnter"]
    with pytest.raises(EventValidationError) as info:
        parse_batch("nope")
    assert info.value.code == "not_an_object"


def test_a_10000_event_batch_parses_and_a_longer_one_is_refused() -> None:
    batch = [flat(id=f"e{i}") for i in range(10_000)]
    events, errors = parse_batch(batch, received_at=NOW)
    assert len(events) == 10_000 and errors == []
    assert len({e.id for e in events}) == 10_000
    with pytest.raises(EventValidationError) as info:
        parse_batch([*batch, flat()], received_at=NOW)
    assert info.value.code == "too_large"


def test_parse_batch_honours_a_smaller_max_events() -> None:
    with pytest.raises(EventValidationError) as info:
        parse_batch([flat(id=f"e{i}") for i in range(6)], max_events=5, received_at=NOW)
    assert info.value.code == "too_large" and "5" in info.value.message
