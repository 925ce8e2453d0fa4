"""The /hub socket protocol's names and message shapes (the event schema is server.events)."""

from __future__ import annotations

from typing import Any

from server.adapters.eventstore.base import StoredEvent
from server.realtime.recovery import Since

HUB_NAMESPACE = "/hub"
MAX_ITEMS_PER_FRAME = 500
SINCE_HELP = "since must be {offset: integer >= 0, epoch: string} (or a bare integer offset)"


def account_room(account_id: str) -> str:
    """The Socket.IO room every connection of an account joins on connect."""
    return f"account:{account_id}"


def broadcaster_room(broadcaster: str) -> str:
    """The Socket.IO room of one broadcaster's subscribers."""
    return f"bc:{broadcaster}"


def event_message(stored: StoredEvent) -> dict[str, Any]:
    """The `event` message sent to subscribers."""
    return {"offset": stored.offset, "event": stored.event.to_dict()}


def batch_message(events: list[StoredEvent]) -> dict[str, Any]:
    """The `events` message: several events of one room, in offset order."""
    return {"items": [event_message(stored) for stored in events]}


def frames(events: list[StoredEvent]) -> list[tuple[str, dict[str, Any]]]:
    """`event` for one event, else `events` frames of at most MAX_ITEMS_PER_FRAME."""
    if len(events) == 1:
        return [("event", event_message(events[0]))]
    return [
        ("events", batch_message(events[start : start + MAX_ITEMS_PER_FRAME]))
        for start in range(0, len(events), MAX_ITEMS_PER_FRAME)
    ]


def parse_since(raw: Any) -> tuple[Since | None, bool]:
    """(position, valid) from `since`: absent, {offset, epoch} or the old bare integer."""
    if raw is None:
        return None, True
    if type(raw) is int:
        return (Since(raw), True) if raw >= 0 else (None, False)
    if not isinstance(raw, dict):
        return None, False
    offset, epoch = raw.get("offset"), raw.get("epoch")
    if type(offset) is not int or offset < 0 or not isinstance(epoch, str) or len(epoch) > 64:
        return None, False
    return Since(offset, epoch), True
