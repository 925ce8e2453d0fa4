"""The /hub socket protocol's names and message shapes (the event schema is server.events)."""

from __future__ import annotations

from typing import Any

from server.adapters.eventstore.base import StoredEvent

HUB_NAMESPACE = "/hub"


def account_room(account_id: str) -> str:
    """The Socket.IO room every connection of an account joins on connect."""
    return f"account:{account_id}"


def broadcaster_room(broadcaster: str) -> str:
    """The Socket.IO room of one broadcaster's subscribers."""
    return f"bc:{broadcaster}"


def event_message(stored: StoredEvent) -> dict[str, Any]:
    """The `event` message sent to subscribers."""
    return {"offset": stored.offset, "event": stored.event.to_dict()}
