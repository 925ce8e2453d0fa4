"""InfluxDB wire formats: line protocol for writes, InfluxQL literals and time bounds.

Point time = event ts in ms * 1e6 + offset % 1e6 ns: unique per broadcaster (offsets are
unique) and stable, so a re-written event overwrites itself.
"""

from __future__ import annotations

import json
import math
from typing import Any

from server.adapters.eventstore.base import StoredEvent

# One shared encoder: json.dumps(**options) builds a new encoder on every call.
_to_json = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode

#: What encode_line writes (tests/services/analytics checks Grafana provisioning against it).
MEASUREMENT = "events"
TAG_KEYS = ("broadcaster", "method")
FIELD_KEYS = ("id", "offset", "username", "tokens", "language", "text", "payload")
MS = 1_000_000  # ns per ms
MAX_BODY_BYTES = 4 * 1024 * 1024  # per POST /write (influxd 1.x refuses > 25 MB)
TIME_MAX_NS = 9_000_000_000_000_000_000  # ns, ~2255: InfluxQL's usable upper bound
_TAG_ESCAPES = str.maketrans({",": r"\,", "=": r"\=", " ": r"\ "})


def to_ms(seconds: float) -> int:
    """Epoch seconds -> whole ms, snapping float noise (< 1 us) up to the next ms."""
    return math.floor(seconds * 1000.0 + 0.001)


def _tag(value: str) -> str:
    if "\n" in value or "\\" in value:
        raise ValueError(f"tag value {value!r} cannot be written")
    return value.translate(_TAG_ESCAPES)


def _str_field(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def quote_literal(value: str) -> str:
    """Return an InfluxQL single-quoted string literal."""
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'").replace("\n", "\\n") + "'"


def point_time_ns(stored: StoredEvent) -> int:
    """The point's timestamp: stable for an event, unique among a broadcaster's events."""
    return max(0, to_ms(stored.event.ts)) * MS + stored.offset % MS


def encode_line(stored: StoredEvent, store_text: bool) -> str:
    """One line of line protocol for a stored event."""
    event = stored.event if store_text else stored.event.without_text()
    fields = [f"id={_str_field(event.id)}", f"offset={stored.offset}i"]
    username = event.username
    if username is not None:
        fields.append(f"username={_str_field(username)}")
    tokens = event.tokens
    if tokens is not None:
        fields.append(f"tokens={tokens}i")
    if event.user and event.user.get("language") is not None:
        fields.append(f"language={_str_field(event.user['language'])}")
    text = event.text
    if text is not None:
        fields.append(f"text={_str_field(text)}")
    payload = _to_json(event.to_dict())
    fields.append(f"payload={_str_field(payload)}")
    tags = f"events,broadcaster={_tag(event.broadcaster)},method={_tag(event.method)}"
    return f"{tags} {','.join(fields)} {point_time_ns(stored)}"


def ns_bounds(seconds: float) -> int:
    """A query bound in ns at ms precision (clamped to InfluxQL's time range)."""
    if not math.isfinite(seconds):
        return 0 if seconds < 0 else TIME_MAX_NS
    return min(max(to_ms(seconds), 0) * MS, TIME_MAX_NS)


def point_seconds(time_ns: int) -> float:
    """A point's event ts (the ms part of its time; the rest is the offset)."""
    return (int(time_ns) // MS) / 1000


def quote_ident(name: str) -> str:
    return '"' + name.replace("\\", "\\\\").replace('"', '\\"') + '"'


def ms_offset_key(row: list[Any]) -> tuple[int, int]:
    """Sort key (event ms, offset): the order SQLite uses, (ts, offset)."""
    return int(row[0]) // MS, int(row[1])


def first_value(series: list[dict[str, Any]]) -> int:
    return int(series[0]["values"][0][1] or 0) if series else 0
