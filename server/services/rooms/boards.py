"""Leaderboards (the broadcast's king, a period's top), tipper tiers and the menu report."""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any

from server.adapters.eventstore.base import EventStore, StoredEvent
from server.services.rooms.history import RoomHistory
from server.services.rooms.menu import MenuItem, menu_report
from server.services.rooms.tipper_tiers import tier_level, tier_name

MAX_TIPPERS_TIERED = 1_000


def named_tips(events: Iterable[StoredEvent]) -> Iterable[tuple[str | None, int]]:
    """(username or None when anonymous, tokens) of each tip."""
    for stored in events:
        tip = stored.event.tip or {}
        tokens = tip.get("tokens")
        if type(tokens) is not int or tokens <= 0:
            continue
        username = (stored.event.user or {}).get("username")
        named = isinstance(username, str) and username and not tip.get("isAnon")
        yield (username if named else None), tokens


def leaders(events: Iterable[StoredEvent], limit: int) -> list[dict[str, Any]]:
    """Named tippers by tokens, ties to whoever got there first (anonymous excluded)."""
    totals: Counter[str] = Counter()
    tips: Counter[str] = Counter()
    reached: dict[str, int] = {}
    for index, (username, tokens) in enumerate(named_tips(events)):
        if username is None:
            continue
        totals[username] += tokens
        tips[username] += 1
        reached[username] = index
    ranked = sorted(totals, key=lambda name: (-totals[name], reached[name]))[:limit]
    return [{"username": name, "tokens": totals[name], "tips": tips[name]} for name in ranked]


class Boards:
    """Reads for the leaderboard, tier and menu-report endpoints and the `top` overlay."""

    def __init__(self, history: RoomHistory, store: EventStore) -> None:
        self.history = history
        self.store = store

    def broadcast_tips(self, broadcaster: str) -> list[StoredEvent]:
        """Tips of the current (or last) broadcast: since the newest broadcastStart."""
        start = self.history.last_broadcast_start(broadcaster)
        return self.history.since_offset(broadcaster, start, {"tip"})

    def broadcast_board(self, broadcaster: str, limit: int = 10) -> dict[str, Any]:
        top = leaders(self.broadcast_tips(broadcaster), limit)
        return {"leaders": top, "king": top[0]["username"] if top else None}

    def period_board(
        self, broadcaster: str, start: float, end: float, limit: int
    ) -> dict[str, Any]:
        top = self.store.top_tippers(broadcaster, start, end, limit=limit)
        rows = [{"username": t.username, "tokens": t.tokens, "tips": t.tips} for t in top]
        return {"leaders": rows, "king": rows[0]["username"] if rows else None}

    def lifetime_tiers(
        self, broadcaster: str, history_days: int, thresholds: Sequence[int]
    ) -> list[dict[str, Any]]:
        """Every tipper at or above the first tier, within the plan's history, dearest first."""
        now = time.time()
        top = self.store.top_tippers(
            broadcaster, now - history_days * 86_400, now + 86_400, limit=MAX_TIPPERS_TIERED
        )
        rows = []
        for tipper in top:
            level = tier_level(tipper.tokens, thresholds)
            if level:
                rows.append({"username": tipper.username, "tokens": tipper.tokens,
                             "level": level, "tier": tier_name(level)})  # fmt: skip
        return rows

    def menu_report(
        self, items: Sequence[MenuItem], events: Iterable[StoredEvent], nearest_below: bool
    ) -> dict[str, Any]:
        amounts = (tokens for _, tokens in named_tips(events))
        return menu_report(items, amounts, nearest_below=nearest_below)

    def period_tips(self, broadcaster: str, start: float, end: float) -> list[StoredEvent]:
        return [
            s
            for s in self.store.query_range(broadcaster, start, end, methods=["tip"], limit=200_000)
        ]
