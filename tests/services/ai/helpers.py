"""Builders for AI tests: platform events written to the real event store; translate calls."""

from __future__ import annotations

import itertools
import time
from typing import Any

from server.adapters.eventstore.base import StoredEvent
from server.adapters.eventstore.sqlite import SqliteEventStore
from server.events.schema import parse_event

_offsets = itertools.count(1)


def add_event(
    store: SqliteEventStore,
    broadcaster: str,
    method: str = "chatMessage",
    *,
    text: str = "hello",
    username: str = "viewer1",
    event_id: str | None = None,
    ago: float = 5.0,
    tokens: int = 25,
    user: dict[str, Any] | None = None,
) -> str:
    """Write one validated event `ago` seconds in the past; returns its id."""
    offset = next(_offsets)
    event_id = event_id or f"{broadcaster}-{offset}"
    raw: dict[str, Any] = {
        "id": event_id,
        "broadcaster": broadcaster,
        "method": method,
        "ts": time.time() - ago,
        "user": {"username": username, **(user or {})},
    }
    if method == "tip":
        raw["tip"] = {"tokens": tokens, "message": text}
    elif method in ("chatMessage", "privateMessage"):
        raw["message"] = {"message": text}
    store.write_batch([StoredEvent(offset, parse_event(raw))])
    return event_id


def system_of(request: Any) -> str:
    return next(m["content"] for m in request.messages if m["role"] == "system")


def user_of(request: Any) -> str:
    return [m["content"] for m in request.messages if m["role"] == "user"][-1]


URL = "/api/v1/translate"
SPANISH = "hola guapa, como estas hoy? que hermosa eres"


def translate(client, headers, **body):
    return client.post(URL, json=body, headers=headers)
