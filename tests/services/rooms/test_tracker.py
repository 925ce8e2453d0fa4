"""GoalTracker: rebuilt from history, each offset once, and config edits made elsewhere apply."""

from __future__ import annotations

from server.adapters.eventstore.base import StoredEvent
from server.events.model import PlatformEvent
from server.services.rooms.goals import Goal
from server.services.rooms.tracker import CONFIG_TTL_SECONDS, GoalConfig, GoalTracker


class History:
    """The two reads the tracker makes, over a fixed list of events."""

    def __init__(self, events: list[StoredEvent]) -> None:
        self.events = events

    def last_broadcast_start(self, broadcaster: str) -> int:
        starts = [s.offset for s in self.events if s.event.method == "broadcastStart"]
        return max(starts, default=0)

    def since_offset(self, broadcaster: str, offset: int, methods) -> list[StoredEvent]:
        return [s for s in self.events if s.offset > offset and s.event.method in methods]


def event(offset: int, method: str = "tip", tokens: int = 10) -> StoredEvent:
    tip = {"tokens": tokens} if method == "tip" else None
    return StoredEvent(offset, PlatformEvent(f"e{offset}", "room", method, 0.0, 0.0, tip=tip))


def test_a_rebuild_counts_history_after_the_last_broadcast_start() -> None:
    history = History([event(1, tokens=50), event(2, "broadcastStart"), event(3, tokens=7)])
    config = GoalConfig((Goal("oil", 100),), carry_over=True, reset_offset=0)
    tracker = GoalTracker(history, lambda _room: config)  # type: ignore[arg-type]
    assert tracker.view("room")["goal"]["progress"] == 7


def test_live_events_already_in_the_rebuild_are_not_counted_again() -> None:
    events = [event(1, tokens=30)]
    config = GoalConfig((Goal("oil", 100),), carry_over=True, reset_offset=0)
    tracker = GoalTracker(History(events), lambda _room: config)  # type: ignore[arg-type]
    assert tracker.observe(events[0]) is None  # the rebuild counted it
    frame = tracker.observe(event(2, tokens=5))
    assert frame is not None and frame["goal"]["progress"] == 35


def test_a_config_changed_elsewhere_applies_after_the_ttl() -> None:
    now = [0.0]
    configs = [GoalConfig((Goal("oil", 100),), carry_over=True, reset_offset=0)]
    tracker = GoalTracker(
        History([event(1, tokens=30)]), lambda _room: configs[0], clock=lambda: now[0]  # type: ignore[arg-type]
    )
    assert tracker.view("room")["goal"]["label"] == "oil"
    configs[0] = GoalConfig((Goal("show", 20),), carry_over=True, reset_offset=0)
    assert tracker.view("room")["goal"]["label"] == "oil"  # cached
    now[0] += CONFIG_TTL_SECONDS + 1
    assert tracker.view("room")["goal"] == {
        "label": "show", "target": 20, "progress": 20, "completed": True,
    }  # fmt: skip
