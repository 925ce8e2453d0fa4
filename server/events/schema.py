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

from server.events.model import PlatformEvent

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
MAX_TEXT_CHARS = 4_000
MAX_SUBJECT_CHARS = 1_000
MAX_TOKENS = 1_000_000
MAX_TS_PAST_S = 7 * 86_400  # older client timestamps are refused (bounded store shards)
MAX_TS_FUTURE_S = 600  # client clock skew tolerated ahead of the server

BROADCASTER_PATTERN = r"[a-z0-9_]{1,64}"  # room names everywhere (API models, hub, stores)
_BROADCASTER_RE = re.compile(BROADCASTER_PATTERN)
_RFC3339_RE = re.compile(
    r"\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d{1,9})?([Zz]|[+-]\d{2}:\d{2})"
)

# Field specs: (key, kind, bound). kind: "str" (max chars), "bool", "enum" (allowed set),
# "int" ((min, max)). Unknown keys are dropped.
_Spec = tuple[tuple[str, str, Any], ...]
USER_SPEC: _Spec = (
    ("username", "str", 64),
    ("inFanclub", "bool", None),
    ("gender", "enum", frozenset({"m", "f", "c", "t", ""})),
    ("hasTokens", "bool", None),
    ("recentTips", "enum", frozenset({"none", "few", "some", "lots", "tons"})),
    ("isMod", "bool", None),
    ("language", "str", 16),
    ("colorGroup", "str", 32),
)
TIP_SPEC: _Spec = (
    ("tokens", "int", (1, MAX_TOKENS)),
    ("isAnon", "bool", None),
    ("message", "str", MAX_TEXT_CHARS),
)
MESSAGE_SPEC: _Spec = (
    ("message", "str", MAX_TEXT_CHARS),
    ("orig", "str", MAX_TEXT_CHARS),
    ("color", "str", 32),
    ("font", "str", 64),
    ("fromUser", "str", 64),
    ("toUser", "str", 64),
)
MEDIA_SPEC: _Spec = (
    ("id", "int", (0, 2**53)),
    ("name", "str", 256),
    ("type", "enum", frozenset({"photos", "video"})),
    ("tokens", "int", (0, MAX_TOKENS)),
)
_PAYLOAD_RULES: dict[str, tuple[_Spec, tuple[str, ...]]] = {
    "tip": (TIP_SPEC, ("tokens",)),
    "message": (MESSAGE_SPEC, ("message",)),
    "media": (MEDIA_SPEC, ()),
}


class EventValidationError(ValueError):
    """A platform event was refused; `code` is machine-readable, `message` says why."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message


def is_broadcaster(name: object) -> TypeGuard[str]:
    """True for a valid room name (lowercase [a-z0-9_], 1 to 64 characters)."""
    return type(name) is str and _BROADCASTER_RE.fullmatch(name) is not None


def _invalid(path: str, what: str) -> EventValidationError:
    return EventValidationError("invalid_field", f"{path} {what}")


def _clean(raw: Any, path: str, spec: _Spec, required: tuple[str, ...]) -> dict[str, Any]:
    """Validate a nested object against `spec` and return only its known fields."""
    if type(raw) is not dict:
        raise _invalid(path, "must be an object")
    out: dict[str, Any] = {}
    for key, kind, bound in spec:
        value = raw.get(key)
        if value is None:
            if key in required:
                raise EventValidationError("missing_field", f"{path}.{key} is required")
            continue
        if kind == "str":
            if type(value) is not str:
                raise _invalid(f"{path}.{key}", "must be a string")
            if len(value) > bound:
                raise EventValidationError(
                    "too_large", f"{path}.{key} is longer than {bound} characters"
                )
        elif kind == "bool":
            if type(value) is not bool:
                raise _invalid(f"{path}.{key}", "must be true or false")
        elif kind == "int":
            if type(value) is not int or not bound[0] <= value <= bound[1]:
                raise _invalid(f"{path}.{key}", f"must be an integer {bound[0]}..{bound[1]}")
        elif type(value) is not str or value not in bound:  # enum
            raise _invalid(f"{path}.{key}", f"must be one of {sorted(bound)}")
        out[key] = value
    return out


def _parse_ts(value: Any, received_at: float) -> float:
    """Return epoch seconds from an RFC 3339 string or an epoch number (None: received)."""
    if value is None:
        return received_at
    if type(value) is str:
        if _RFC3339_RE.fullmatch(value) is None:
            raise _invalid("ts", "must be an RFC 3339 date-time with offset")
        try:
            ts = datetime.fromisoformat(value.upper()).timestamp()
        except ValueError as exc:
            raise _invalid("ts", f"is not a valid date-time ({exc})") from None
    elif type(value) is int or type(value) is float:
        ts = float(value)
        if not math.isfinite(ts):
            raise _invalid("ts", "must be finite")
    else:
        raise _invalid("ts", "must be an RFC 3339 string or epoch seconds")
    if not received_at - MAX_TS_PAST_S <= ts <= received_at + MAX_TS_FUTURE_S:
        raise _invalid("ts", "is too far from the server time (max 7 days old, 10 min ahead)")
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
        if type(value) is not str:
            raise _invalid("subject", "must be a string")
        if len(value) > MAX_SUBJECT_CHARS:
            raise EventValidationError(
                "too_large", f"subject is longer than {MAX_SUBJECT_CHARS} characters"
            )
        return key, value
    spec, required = _PAYLOAD_RULES[key]
    return key, _clean(value, key, spec, required)


def _identity(raw: dict[str, Any], src: dict[str, Any]) -> tuple[str, str, str]:
    """Validate and return (id, broadcaster, method)."""
    method = raw.get("method")
    if method is None:
        raise EventValidationError("missing_field", "method is required")
    if type(method) is not str:
        raise _invalid("method", "must be a string")
    if method not in METHODS:
        raise EventValidationError("unknown_method", f"unknown method {method[:64]!r}")
    event_id = raw.get("id")
    if event_id is None:
        raise EventValidationError("missing_field", "id is required")
    if type(event_id) is not str or not event_id:
        raise _invalid("id", "must be a non-empty string")
    if len(event_id) > MAX_ID_CHARS:
        raise EventValidationError("too_large", f"id is longer than {MAX_ID_CHARS} characters")
    broadcaster = src.get("broadcaster")
    if broadcaster is None:
        raise EventValidationError("missing_field", "broadcaster is required")
    if not is_broadcaster(broadcaster):
        raise _invalid("broadcaster", "must match [a-z0-9_]{1,64}")
    return event_id, broadcaster, method


def parse_event(raw: object, *, received_at: float | None = None) -> PlatformEvent:
    """Validate one event (flat or raw Chaturbate shape); raise `EventValidationError`."""
    if type(raw) is not dict:
        raise EventValidationError("not_an_object", "an event must be a JSON object")
    if received_at is None:
        received_at = time.time()
    src = raw.get("object", raw)
    if type(src) is not dict:
        raise _invalid("object", "must be an object")
    event_id, broadcaster, method = _identity(raw, src)
    ts = _parse_ts(raw.get("ts", src.get("ts")), received_at)
    user = src.get("user")
    if user is not None:
        user = _clean(user, "user", USER_SPEC, ())
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
    return events, errors
