"""The platform event schema: every per-field validation rule (types, bounds, sizes)."""

from __future__ import annotations

import json
from typing import Any

import pytest

from server.events.schema import MAX_EVENT_BYTES, parse_event
from tests.adapters.helpers import NOW, USER, error_of, flat


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
    "tokens",
    [True, False, 2.5, -1, 0, 1_000_001, 10**30, "2.5", "twenty", None, [25], float("nan")],
)
def test_tip_tokens_must_be_a_positive_int_up_to_a_million(tokens: object) -> None:
    code, message = error_of(flat(tip={"tokens": tokens}))
    assert code == ("missing_field" if tokens is None else "invalid_field")
    assert "tip.tokens" in message


@pytest.mark.parametrize(("tokens", "expected"), [("25", 25), (" 7 ", 7), (25.0, 25), ("+3", 3)])
def test_tip_tokens_sent_as_numeric_strings_or_whole_floats_are_coerced(
    tokens: object, expected: int
) -> None:
    assert parse_event(flat(tip={"tokens": tokens}), received_at=NOW).tokens == expected


def test_tip_token_bounds_are_inclusive() -> None:
    for tokens in (1, 1_000_000):
        assert parse_event(flat(tip={"tokens": tokens}), received_at=NOW).tokens == tokens


@pytest.mark.parametrize("tokens", [True, -1, 1.5, 1_000_001, "lots"])
def test_media_tokens_must_be_a_non_negative_int(tokens: object) -> None:
    media = {"id": 1, "tokens": tokens}
    assert error_of(flat(method="mediaPurchase", media=media))[0] == "invalid_field"
    free = parse_event(flat(method="mediaPurchase", media={"tokens": 0}), received_at=NOW)
    assert free.tokens == 0


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("inFanclub", "maybe"),
        ("inFanclub", 2),
        ("gender", ["f"]),
        ("gender", "g" * 17),
        ("hasTokens", {"x": 1}),
        ("recentTips", 5),
        ("isMod", 0.5),
        ("language", {"en": 1}),
        ("colorGroup", 3),
        ("subgender", ""),
        ("isOwner", "owner"),
    ],
)
def test_unreadable_user_labels_and_flags_drop_that_field_only(field: str, value: object) -> None:
    event = parse_event(flat(user={**USER, field: value}), received_at=NOW)
    assert event.user is not None and field not in event.user
    assert event.user["username"] == USER["username"]


@pytest.mark.parametrize(
    ("field", "value", "kept"),
    [
        ("gender", "x", "x"),
        ("recentTips", "few", "few"),
        ("recentTips", "many", "many"),
        ("inFanclub", "true", True),
        ("inFanclub", 1, True),
        ("hasTokens", 0, False),
        ("isMod", "False", False),
        ("subgender", "tf", "tf"),
        ("isOwner", True, True),
        ("isSpying", "no", False),
    ],
)
def test_open_user_values_are_kept_and_boolean_strings_coerced(
    field: str, value: object, kept: object
) -> None:
    event = parse_event(flat(user={**USER, field: value}), received_at=NOW)
    assert event.user is not None and event.user[field] == kept


@pytest.mark.parametrize("username", [None, "", 5, ["bob"]])
def test_a_user_without_a_username_is_dropped_not_the_event(username: object) -> None:
    user = {"inFanclub": True, "gender": "f", "username": username}
    event = parse_event(flat(user=user), received_at=NOW)
    assert event.user is None and event.tokens == 25


@pytest.mark.parametrize(("sent", "kept"), [(None, False), ("true", True), (0, False)])
def test_is_anon_defaults_to_false_and_is_coerced(sent: object, kept: bool) -> None:
    event = parse_event(flat(tip={"tokens": 5, "isAnon": sent}), received_at=NOW)
    assert event.tip == {"tokens": 5, "isAnon": kept}


def test_an_unreadable_is_anon_refuses_the_tip() -> None:
    """It decides whether the tipper's name is shown: never guess it."""
    code, message = error_of(flat(tip={"tokens": 5, "isAnon": "perhaps"}))
    assert code == "invalid_field" and "tip.isAnon" in message


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
    ("media_id", "kept"), [(48215, 48215), ("48215", "48215"), ("v_7f", "v_7f")]
)
def test_media_id_is_an_int_or_a_string_kept_as_sent(media_id: object, kept: object) -> None:
    media = {"id": media_id, "name": "set", "type": "photos", "tokens": "25"}
    event = parse_event(flat(method="mediaPurchase", media=media), received_at=NOW)
    assert event.media == {**media, "id": kept, "tokens": 25}


@pytest.mark.parametrize("media_id", [True, -1, 2.5, [1], "i" * 65])
def test_media_id_of_another_type_is_refused(media_id: object) -> None:
    code, message = error_of(flat(method="mediaPurchase", media={"id": media_id}))
    assert code in ("invalid_field", "too_large") and "media.id" in message


@pytest.mark.parametrize("kind", ["photos", "video", "videos", "audio", ""])
def test_media_type_is_an_open_label(kind: str) -> None:
    event = parse_event(flat(method="mediaPurchase", media={"type": kind}), received_at=NOW)
    assert event.media == {"type": kind}


def test_message_keeps_bg_color_and_drops_unreadable_styling() -> None:
    message = {"message": "hi", "bgColor": "#ffffff", "color": 7, "font": None}
    event = parse_event(flat(method="chatMessage", message=message), received_at=NOW)
    assert event.message == {"message": "hi", "bgColor": "#ffffff"}


@pytest.mark.parametrize(
    ("overrides", "path"),
    [
        ({"method": "chatMessage", "message": {"message": "hi \ud83d"}}, "message.message"),
        ({"method": "chatMessage", "message": {"message": "\udc00" * 3000}}, "message.message"),
        ({"tip": {"tokens": 5, "message": "x\ud800"}}, "tip.message"),
        ({"method": "roomSubjectChange", "subject": "\ud83d goal"}, "subject"),
        ({"user": {**USER, "username": "bob\udfff"}}, "user.username"),
        ({"id": "e\ud800"}, "id"),
    ],
)
def test_lone_surrogates_are_refused_as_invalid_text(overrides: dict[str, Any], path: str) -> None:
    code, message = error_of(flat(**overrides))
    assert code == "invalid_field" and path in message and "surrogate" in message


def test_a_lone_surrogate_label_drops_that_label() -> None:
    event = parse_event(flat(user={**USER, "language": "e\ud800"}), received_at=NOW)
    assert event.user is not None and "language" not in event.user


def test_every_field_kind_says_what_it_stores() -> None:
    """The wire models are built from the specs: each kind must name its stored type."""
    from server.events.schema import MEDIA_SPEC, MESSAGE_SPEC, STORED_AS, TIP_SPEC, USER_SPEC

    kinds = {
        kind for spec in (USER_SPEC, TIP_SPEC, MESSAGE_SPEC, MEDIA_SPEC) for _, kind, _ in spec
    }
    assert kinds <= set(STORED_AS)
