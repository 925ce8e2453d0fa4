"""Live goal progress per room, rebuilt from the stored tips on first use (after a restart,
a config change, a reset) and advanced by each accepted tip exactly once (by offset)."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from server.adapters.eventstore.base import StoredEvent
from server.services.rooms.goals import Goal, GoalRun
from server.services.rooms.history import RoomHistory

GOAL_METHODS = frozenset({"tip", "broadcastStart"})


@dataclass(frozen=True, slots=True)
class GoalConfig:
    """A room's goal list as stored."""

    goals: tuple[Goal, ...]
    carry_over: bool
    reset_offset: int


ConfigLoader = Callable[[str], GoalConfig]
CONFIG_TTL_SECONDS = 10.0


@dataclass
class _Cached:
    run: GoalRun
    config: GoalConfig
    checked_at: float


class GoalTracker:
    """One GoalRun per room seen by this process."""

    def __init__(
        self,
        history: RoomHistory,
        load_config: ConfigLoader,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.history = history
        self.load_config = load_config
        self.clock = clock
        self._runs: dict[str, _Cached] = {}
        self._lock = threading.RLock()

    def view(self, broadcaster: str) -> dict[str, Any]:
        """`{goal, next}` now (StoreUnavailable if the store cannot be read on a rebuild)."""
        with self._lock:
            return self._run(broadcaster).view()

    def observe(self, stored: StoredEvent) -> dict[str, Any] | None:
        """Count an accepted event; the `goal` frame to send, or None if nothing changed."""
        if stored.event.method not in GOAL_METHODS:
            return None
        broadcaster = stored.event.broadcaster
        with self._lock:
            run = self._run(broadcaster)
            if not run.goals or stored.offset <= run.last_offset:
                return None
            if stored.event.method == "broadcastStart":
                run.restart(stored.offset)
                return goal_frame(broadcaster, run, [])
            done = run.add_tip(stored.offset, _tokens(stored))
            return goal_frame(broadcaster, run, done)

    def forget(self, broadcaster: str) -> None:
        """Drop the cached run (its goals or reset changed): the next use rebuilds it."""
        with self._lock:
            self._runs.pop(broadcaster, None)

    def _run(self, broadcaster: str) -> GoalRun:
        """The cached run; its config is re-read every CONFIG_TTL_SECONDS (edits made through
        another process), and a changed config rebuilds the run from the store."""
        cached, now = self._runs.get(broadcaster), self.clock()
        if cached is not None and now - cached.checked_at < CONFIG_TTL_SECONDS:
            return cached.run
        config = self.load_config(broadcaster)
        if cached is None or cached.config != config:
            cached = _Cached(self._rebuild(broadcaster, config), config, now)
            self._runs[broadcaster] = cached
        cached.checked_at = now
        return cached.run

    def _rebuild(self, broadcaster: str, config: GoalConfig) -> GoalRun:
        run = GoalRun(config.goals, carry_over=config.carry_over)
        if not config.goals:
            return run
        start = max(config.reset_offset, self.history.last_broadcast_start(broadcaster))
        run.last_offset = start
        for stored in self.history.since_offset(broadcaster, start, GOAL_METHODS):
            if stored.event.method == "broadcastStart":
                run.restart(stored.offset)
            else:
                run.add_tip(stored.offset, _tokens(stored))
        run.completed.clear()  # completions before now are not news
        return run


def goal_frame(broadcaster: str, run: GoalRun, done: list[Goal]) -> dict[str, Any]:
    """The hub's `goal` message: the active goal, the next one, what this tip completed."""
    frame: dict[str, Any] = {"broadcaster": broadcaster, **run.view()}
    if done:
        frame["completed"] = {"label": done[-1].label, "target": done[-1].tokens}
    return frame


def _tokens(stored: StoredEvent) -> int:
    tokens = (stored.event.tip or {}).get("tokens")
    return tokens if type(tokens) is int else 0
