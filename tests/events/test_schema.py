"""The platform event schema: both input shapes, timestamps, serialization and batches.

The per-field validation rules are in test_schema_fields.py, live shapes in
test_live_shapes.py."""

from __future__ import annotations

import json

import pytest

from server.events.schema import (
    METHODS,
    EventValidationError,
    PlatformEvent,
    parse_batch,
    parse_event,
)
from tests.adapters.helpers import NOW, PAYLOADS, USER, chaturbate, error_of, flat


@pytest.mark.parametrize("method", sorted(METHODS))
def test_raw_chaturbate_shape_is_flattened_for_every_method(method: str) -> None:
    raw = chaturbate(method)
    raw["object"]["user"]["someNewFlag"] = False  # unknown extras are dropped
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


def test_a_lone_surrogate_in_long_text_is_one_error_not_a_failed_batch() -> None:
    """It used to raise UnicodeEncodeError out of the size check and fail the whole page."""
    long_broken = {"message": "a" * 3000 + "\ud83d"}
    batch = [flat(id="a"), flat(id="b", method="chatMessage", message=long_broken), flat(id="c")]
    events, errors = parse_batch(batch, received_at=NOW)
    assert [e.id for e in events] == ["a", "c"]
    assert [(e["index"], e["code"]) for e in errors] == [(1, "invalid_field")]


def test_an_unexpected_failure_on_one_event_is_that_events_error(monkeypatch) -> None:
    import server.events.schema as schema

    def broken(raw: object) -> None:
        raise RuntimeError("a bug we have not met yet")

    monkeypatch.setattr(schema, "clean_user", broken)
    events, errors = parse_batch([flat(id="a", user=None), flat(id="b")], received_at=NOW)
    assert [e.id for e in events] == ["a"]
    assert errors == [
        {"index": 1, "code": "unreadable", "message": "the event could not be read (RuntimeError)"}
    ]
