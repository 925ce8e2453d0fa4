"""The platform event schema and its validation (the one place).

Accepts our flat schema and the raw Chaturbate Events API shape
(`{"method", "id", "object": {...}}`), keeps only known fields and returns a
`PlatformEvent`. This is the hub's hot path: plain dict/isinstance checks only.
"""

from __future__ import annotations

import json
import math
import re
import time
from datetime import datetime
from typing import Any, TypeGuard

from server.events.fields import (
    MAX_TEXT_CHARS,
    MAX_TOKENS,
    MEDIA_SPEC,
    MESSAGE_SPEC,
    STORED_AS,
    TIP_SPEC,
    USER_SPEC,
    EventValidationError,
    checked_text,
    clean_payload,
    clean_user,
    invalid,
)
from server.events.model import PlatformEvent

__all__ = [
    "BROADCASTER_PATTERN",
    "MAX_BATCH_EVENTS",
    "MAX_EVENT_BYTES",
    "MAX_ID_CHARS",
    "MAX_SUBJECT_CHARS",
    "MAX_TEXT_CHARS",
    "MAX_TOKENS",
    "MAX_TS_PAST_S",
    "MEDIA_SPEC",
    "MESSAGE_SPEC",
    "METHODS",
    "STORED_AS",
    "TIP_SPEC",
    "USER_SPEC",
    "EventValidationError",
    "PlatformEvent",
    "is_broadcaster",
    "parse_batch",
    "parse_event",
]

# fmt: off
METHODS = frozenset((
    "tip", "chatMessage", "privateMessage", "follow", "unfollow", "fanclubJoin",
    "mediaPurchase", "userEnter", "userLeave", "broadcastStart", "broadcastStop",
    "roomSubjectChange",
))
# fmt: on
# The one payload key each method carries (and requires); other methods carry none.
METHOD_PAYLOAD = {
    "tip": "tip",
    "chatMessage": "message",
    "privateMessage": "message",
    "mediaPurchase": "media",
    "roomSubjectChange": "subject",
}
MAX_EVENT_BYTES = 16 * 1024  # serialized (UTF-8 JSON) size of one event
MAX_BATCH_EVENTS = 10_000
MAX_ID_CHARS = 128
MAX_SUBJECT_CHARS = 1_000
MAX_TS_PAST_S = 7 * 86_400  # older client timestamps are refused (bounded store shards)
MAX_TS_FUTURE_S = 600  # client clock skew tolerated ahead of the server

BROADCASTER_PATTERN = r"[a-z0-9_]{1,64}"  # room names everywhere (API models, hub, stores)
_BROADCASTER_RE = re.compile(BROADCASTER_PATTERN)
_RFC3339_RE = re.compile(
    r"\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d{1,9})?([Zz]|[+-]\d{2}:\d{2})"
)


def is_broadcaster(name: object) -> TypeGuard[str]:
    """True for a valid room name (lowercase [a-z0-9_], 1 to 64 characters)."""
    return type(name) is str and _BROADCASTER_RE.fullmatch(name) is not None


def _parse_ts(value: Any, received_at: float) -> float:
    """Return epoch seconds from an RFC 3339 string or an epoch number (None: received)."""
    if value is None:
        return received_at
    if type(value) is str:
        if _RFC3339_RE.fullmatch(value) is None:
            raise invalid("ts", "must be an RFC 3339 date-time with offset")
        try:
            ts = datetime.fromisoformat(value.upper()).timestamp()
        except ValueError as exc:
            raise invalid("ts", f"is not a valid date-time ({exc})") from None
    elif type(value) is int or type(value) is float:
        ts = float(value)
        if not math.isfinite(ts):
            raise invalid("ts", "must be finite")
    else:
        raise invalid("ts", "must be an RFC 3339 string or epoch seconds")
    if not received_at - MAX_TS_PAST_S <= ts <= received_at + MAX_TS_FUTURE_S:
        raise invalid("ts", "is too far from the server time (max 7 days old, 10 min ahead)")
    return ts


def _payload(method: str, src: dict[str, Any]) -> tuple[str | None, Any]:
    """Validate the one payload part `method` carries; return (key, cleaned value)."""
    key = METHOD_PAYLOAD.get(method)
    if key is None:
        return None, None
    value = src.get(key)
    if value is None:
        raise EventValidationError("missing_field", f"{key} is required for method {method}")
    if key == "subject":
        return key, checked_text(value, "subject", MAX_SUBJECT_CHARS)
    return key, clean_payload(key, value)


def _identity(raw: dict[str, Any], src: dict[str, Any]) -> tuple[str, str, str]:
    """Validate and return (id, broadcaster, method)."""
    method = raw.get("method")
    if method is None:
        raise EventValidationError("missing_field", "method is required")
    if type(method) is not str:
        raise invalid("method", "must be a string")
    if method not in METHODS:
        raise EventValidationError("unknown_method", f"unknown method {method[:64]!r}")
    event_id = raw.get("id")
    if event_id is None:
        raise EventValidationError("missing_field", "id is required")
    if type(event_id) is not str or not event_id:
        raise invalid("id", "must be a non-empty string")
    checked_text(event_id, "id", MAX_ID_CHARS)
    broadcaster = src.get("broadcaster")
    if broadcaster is None:
        raise EventValidationError("missing_field", "broadcaster is required")
    if not is_broadcaster(broadcaster):
        raise invalid("broadcaster", "must match [a-z0-9_]{1,64}")
    return event_id, broadcaster, method


def parse_event(raw: object, *, received_at: float | None = None) -> PlatformEvent:
    """Validate one event (flat or raw Chaturbate shape); raise `EventValidationError`."""
    if type(raw) is not dict:
        raise EventValidationError("not_an_object", "an event must be a JSON object")
    if received_at is None:
        received_at = time.time()
    src = raw.get("object", raw)
    if type(src) is not dict:
        raise invalid("object", "must be an object")
    event_id, broadcaster, method = _identity(raw, src)
    ts = _parse_ts(raw.get("ts", src.get("ts")), received_at)
    user = src.get("user")
    if user is not None:
        user = clean_user(user)
    key, value = _payload(method, src)
    event = PlatformEvent(
        event_id, broadcaster, method, ts, received_at, user,
        value if key == "tip" else None,
        value if key == "message" else None,
        value if key == "media" else None,
        value if key == "subject" else None,
    )  # fmt: skip
    _check_size(event)
    return event


def _check_size(event: PlatformEvent) -> None:
    """Refuse events over MAX_EVENT_BYTES; serializes only when long text makes it possible."""
    chars = len(event.subject or "")
    if event.message is not None:
        chars += len(event.message.get("message", "")) + len(event.message.get("orig", ""))
    elif event.tip is not None:
        chars += len(event.tip.get("message", ""))
    elif event.media is not None:
        chars += len(event.media.get("name", ""))
    # Short fields are bounded (< 4 KiB even fully escaped); text costs at most 6 bytes/char.
    if chars * 6 + 4096 <= MAX_EVENT_BYTES:
        return
    size = len(json.dumps(event.to_dict(), ensure_ascii=False).encode("utf-8"))
    if size > MAX_EVENT_BYTES:
        raise EventValidationError(
            "too_large", f"event is {size} bytes serialized; the limit is {MAX_EVENT_BYTES}"
        )


def parse_batch(
    raw: object, *, max_events: int = MAX_BATCH_EVENTS, received_at: float | None = None
) -> tuple[list[PlatformEvent], list[dict[str, Any]]]:
    """Validate a list of events (or one event, or an Events API `{"events": [...]}` page).

    Returns (events, errors) where each error is `{index, code, message}`; raises
    `EventValidationError` only when the batch itself is malformed or too long.
    """
    if type(raw) is dict:
        items = raw["events"] if "events" in raw and "method" not in raw else [raw]
    else:
        items = raw
    if type(items) is not list:
        raise EventValidationError("not_an_object", "expected an event or a list of events")
    if len(items) > max_events:
        raise EventValidationError("too_large", f"a batch holds at most {max_events} events")
    if received_at is None:
        received_at = time.time()
    events: list[PlatformEvent] = []
    errors: list[dict[str, Any]] = []
    for index, item in enumerate(items):
        try:
            events.append(parse_event(item, received_at=received_at))
        except EventValidationError as exc:
            errors.append({"index": index, "code": exc.code, "message": exc.message})
        except Exception as exc:  # noqa: BLE001 - one odd event must never fail its batch
            message = f"the event could not be read ({type(exc).__name__})"
            errors.append({"index": index, "code": "unreadable", "message": message})
    return events, errors
