"""What the event store knows around a chat line: the event itself, the room's recent public
chat and the viewer's history. A missing or failing store means "no context", never an error.

The store port has no lookup by id or by user, so lookups scan bounded time windows,
newest window first (see `EVENT_WINDOWS_S`).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass
from functools import partial
from typing import Any

from server.adapters.eventstore.base import EventStore
from server.events.model import PlatformEvent

log = logging.getLogger(__name__)

EVENT_WINDOWS_S = (900, 6 * 3600, 7 * 86_400)
ROOM_WINDOW_S = 600
ROOM_LINES = 15
HISTORY_WINDOW_S = 30 * 86_400
PUBLIC_LINES = ("chatMessage", "tip")
FUTURE_SKEW_S = 600


@dataclass(frozen=True, slots=True)
class ViewerHistory:
    """Facts about one viewer of one room (from the events the store keeps)."""

    username: str
    tips: int = 0
    total_tokens: int = 0
    last_tip_tokens: int | None = None
    last_tip_at: float | None = None
    in_fanclub: bool = False
    first_seen: float | None = None


def _from_store(broadcaster: str, call: Callable[[], Iterable[Any]]) -> list[Any] | None:
    """The store's answer, or None (logged) when it is unavailable: AI context is optional."""
    try:
        return list(call())
    except Exception:  # noqa: BLE001 - context is optional; the reply still works without it
        log.warning("event store unavailable for AI context", extra={"broadcaster": broadcaster})
        return None


def _query(
    store: EventStore, broadcaster: str, start: float, end: float, **kwargs: Any
) -> list[Any]:
    rows = _from_store(broadcaster, lambda: store.query_range(broadcaster, start, end, **kwargs))
    return rows or []


def find_events(
    store: EventStore | None, broadcaster: str, ids: Collection[str], now: float | None = None
) -> dict[str, PlatformEvent]:
    """The events of `broadcaster` with these ids (those found), looked up by id in recent
    windows first (an index lookup on SQLite, an id filter inside influxd)."""
    wanted = set(ids)
    found: dict[str, PlatformEvent] = {}
    if store is None or not wanted:
        return found
    now = now or time.time()
    for window in EVENT_WINDOWS_S:
        missing = wanted - found.keys()
        lookup = partial(store.get_events, broadcaster, missing, now - window, now + FUTURE_SKEW_S)
        rows = _from_store(broadcaster, lookup)
        if rows is None:
            return found
        found.update((stored.event.id, stored.event) for stored in rows)
        if len(found) == len(wanted):
            break
    return found


def room_lines(
    store: EventStore | None,
    broadcaster: str,
    *,
    exclude_id: str | None = None,
    now: float | None = None,
) -> list[PlatformEvent]:
    """The last public chat lines and tips of the room (private messages never included)."""
    if store is None:
        return []
    now = now or time.time()
    events = [
        s.event
        for s in _query(
            store, broadcaster, now - ROOM_WINDOW_S, now + FUTURE_SKEW_S, methods=PUBLIC_LINES
        )
        if s.event.id != exclude_id
    ]
    return events[-ROOM_LINES:]


def viewer_history(
    store: EventStore | None, broadcaster: str, username: str, now: float | None = None
) -> ViewerHistory | None:
    """Tips, fan club and first sighting of `username` in this room over the last 30 days."""
    if store is None or not username:
        return None
    now = now or time.time()
    methods = ("tip", "fanclubJoin", "chatMessage", "userEnter")
    events = [
        s.event
        for s in _query(
            store, broadcaster, now - HISTORY_WINDOW_S, now + FUTURE_SKEW_S, methods=methods
        )
        if s.event.username == username
    ]
    if not events:
        return ViewerHistory(username)
    tips = [e for e in events if e.method == "tip" and e.tokens]
    last_tip = max(tips, key=lambda e: e.ts) if tips else None
    return ViewerHistory(
        username=username,
        tips=len(tips),
        total_tokens=sum(int(e.tokens or 0) for e in tips),
        last_tip_tokens=int(last_tip.tokens or 0) if last_tip else None,
        last_tip_at=last_tip.ts if last_tip else None,
        in_fanclub=any(
            e.method == "fanclubJoin" or (e.user or {}).get("inFanclub") for e in events
        ),
        first_seen=min(e.ts for e in events),
    )


def describe_line(event: PlatformEvent) -> str:
    """One context line: `username: text` or `username tipped N tokens: note`."""
    name = event.username or "anonymous"
    if event.method == "tip":
        note = f": {event.text}" if event.text else ""
        return f"{name} tipped {event.tokens} tokens{note}"
    return f"{name}: {event.text or ''}"


def describe_history(history: ViewerHistory, now: float | None = None) -> str:
    """The viewer facts as short plain lines for a prompt."""
    now = now or time.time()
    lines = [f"username: {history.username}"]
    lines.append(f"tips in the last 30 days: {history.tips} ({history.total_tokens} tokens)")
    if history.last_tip_tokens is not None and history.last_tip_at is not None:
        ago = max(0, int((now - history.last_tip_at) / 60))
        lines.append(f"last tip: {history.last_tip_tokens} tokens, {ago} minutes ago")
    lines.append(f"fan club member: {'yes' if history.in_fanclub else 'no'}")
    if history.first_seen is not None:
        days = max(0, int((now - history.first_seen) / 86_400))
        lines.append(f"first seen: {days} days ago")
    return "\n".join(lines)
