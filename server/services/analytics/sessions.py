"""Broadcast sessions from broadcastStart/broadcastStop marks."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Session:
    """One broadcast, clipped to the queried window; `live` when no stop was seen yet."""

    start: float
    end: float
    live: bool

    @property
    def duration(self) -> float:
        return max(0.0, self.end - self.start)


def pair_sessions(
    marks: list[tuple[float, str]], start: float, end: float, now: float
) -> list[Session]:
    """Pair ordered (ts, method) marks of [start, end) into sessions.

    A start while one is open closes the open one there (its stop was lost); a stop before
    any start in the window closes a broadcast that began before the window; further
    unmatched stops are ignored; a start still open at the end is live until min(end, now).
    """
    sessions: list[Session] = []
    opened: float | None = None
    for index, (ts, method) in enumerate(marks):
        if method == "broadcastStart":
            if opened is not None:
                sessions.append(Session(opened, ts, False))
            opened = ts
        elif opened is not None:
            sessions.append(Session(opened, ts, False))
            opened = None
        elif index == 0:
            sessions.append(Session(start, ts, False))
    if opened is not None:
        sessions.append(Session(opened, max(opened, min(end, now)), True))
    return sessions
