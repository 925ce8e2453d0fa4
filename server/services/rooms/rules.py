"""Per-tip notes the panel's feed shows: the tip-menu item a tip bought and whether it is a
big tip. Decided here, once, and sent as `tip_note` frames (the panel never re-implements it)."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from server.adapters.eventstore.base import StoredEvent
from server.services.rooms.menu import MenuItem, match_item


@dataclass(frozen=True, slots=True)
class TipRules:
    """A room's tip menu, its matching rule and its big-tip threshold."""

    items: tuple[MenuItem, ...]
    nearest_below: bool
    big_tip_tokens: int


RulesLoader = Callable[[str], TipRules]
RULES_TTL_SECONDS = 10.0


class TipNotes:
    """Cached rules per room (dropped when the owner edits them), applied to each tip."""

    def __init__(self, load_rules: RulesLoader, clock: Callable[[], float] = time.monotonic):
        self.load_rules = load_rules
        self.clock = clock
        self._rules: dict[str, tuple[TipRules, float]] = {}
        self._lock = threading.Lock()

    def note(self, stored: StoredEvent) -> dict[str, Any] | None:
        """The `tip_note` frame of a tip, or None (not a tip, or nothing to note)."""
        tokens = (stored.event.tip or {}).get("tokens") if stored.event.method == "tip" else None
        if type(tokens) is not int or tokens <= 0:
            return None
        rules = self.rules(stored.event.broadcaster)
        item = match_item(rules.items, tokens, nearest_below=rules.nearest_below)
        big = tokens >= rules.big_tip_tokens
        if item is None and not big:
            return None
        return {
            "broadcaster": stored.event.broadcaster,
            "offset": stored.offset,
            "event_id": stored.event.id,
            "tokens": tokens,
            "menu_item": {"name": item.name, "tokens": item.tokens} if item else None,
            "big_tip": big,
        }

    def rules(self, broadcaster: str) -> TipRules:
        """Cached; re-read after RULES_TTL_SECONDS (edits made through another process)."""
        now = self.clock()
        with self._lock:
            cached = self._rules.get(broadcaster)
        if cached is not None and now - cached[1] < RULES_TTL_SECONDS:
            return cached[0]
        rules = self.load_rules(broadcaster)
        with self._lock:
            self._rules[broadcaster] = (rules, now)
        return rules

    def forget(self, broadcaster: str) -> None:
        with self._lock:
            self._rules.pop(broadcaster, None)
