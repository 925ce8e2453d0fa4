"""Analytics value types of the event-store port and the store-independent helpers.

SQLite answers analytics in SQL. InfluxQL cannot group by a field (usernames are fields,
not tags) nor follow per-user enter/leave state, so the Influx store reads narrow field
rows for those questions and finishes them with the helpers here. Both give the same
numbers; tests/services/analytics checks that on one generated data set.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

ENTER, LEAVE = "userEnter", "userLeave"
BROADCAST_MARKS = ("broadcastStart", "broadcastStop")
UNKNOWN_LANGUAGE = "und"  # BCP 47 "undetermined": chat without a language


@dataclass(slots=True, frozen=True)
class Totals:
    """What one broadcaster's window holds: counts and tokens per method, tippers, viewers."""

    counts: dict[str, int]
    tokens: dict[str, int]
    unique_tippers: int
    peak_viewers: int
    viewer_ms: int  # integral of the concurrent-viewer count over the window, in viewer-ms


@dataclass(slots=True, frozen=True)
class Tipper:
    """A user's tips in a window."""

    username: str
    tokens: int
    tips: int


@dataclass(slots=True, frozen=True)
class ViewerBucket:
    """Concurrent viewers in one bucket that saw a change: the peak and the count at its end."""

    start: float
    peak: int
    last: int


@dataclass(slots=True, frozen=True)
class ViewerStats:
    """One user's history with one broadcaster."""

    username: str
    first_seen: float
    last_seen: float
    events: int
    tokens: int
    tips: int
    last_tip_at: float | None
    last_tip_tokens: int | None
    fanclub_joined_at: float | None
    in_fanclub: bool
    languages: list[str]


@dataclass(slots=True, frozen=True)
class SessionStats:
    """Aggregates of one broadcast window."""

    tokens: int
    new_followers: int
    top_tipper: Tipper | None


@dataclass(slots=True, frozen=True)
class ExportRow:
    """One stored event as the CSV export lists it."""

    ts: float
    offset: int
    id: str
    method: str
    username: str | None
    tokens: int | None
    language: str | None
    text: str | None


@dataclass(slots=True, frozen=True)
class RetentionResult:
    """What a retention run did: rows deleted (SQLite) or the policy applied (InfluxDB)."""

    deleted: int | None
    detail: str


def grid_floor(ts: float, interval_s: int, origin_s: int) -> float:
    """Start of the bucket holding ts on the grid origin_s + k * interval_s."""
    return origin_s + math.floor((ts - origin_s) / interval_s) * interval_s


def as_ms(ts: float) -> int:
    """Seconds -> whole milliseconds (rounded: stored floats are ms values)."""
    return round(ts * 1000)


class Presence:
    """Concurrent viewers from enter/leave events fed in (ts, offset) order.

    A user is present from an enter until their next leave; repeats change nothing and a
    leave of someone never seen entering (in the window) is ignored.
    """

    def __init__(self) -> None:
        self.present: set[str] = set()

    def feed(self, method: str, username: str | None) -> bool:
        """Apply one event; True when it changed the count."""
        if username is None:
            return False
        if method == ENTER and username not in self.present:
            self.present.add(username)
            return True
        if method == LEAVE and username in self.present:
            self.present.discard(username)
            return True
        return False


def presence_totals(rows: Iterable[tuple[float, str, str | None]], end: float) -> tuple[int, int]:
    """(peak, viewer_ms) over ordered (ts, method, username) rows, integrated up to end."""
    presence = Presence()
    peak = area = 0
    last_ms: int | None = None
    for ts, method, username in rows:
        count = len(presence.present)
        if not presence.feed(method, username):
            continue
        now_ms = as_ms(ts)
        if last_ms is not None:
            area += count * (now_ms - last_ms)
        last_ms = now_ms
        peak = max(peak, len(presence.present))
    if last_ms is not None:
        area += len(presence.present) * (as_ms(end) - last_ms)
    return peak, area


def presence_buckets(
    rows: Iterable[tuple[float, str, str | None]], interval_s: int, origin_s: int
) -> list[ViewerBucket]:
    """Per-bucket (peak, last) of the count, for buckets where it changed."""
    presence = Presence()
    out: dict[float, tuple[int, int]] = {}
    for ts, method, username in rows:
        if presence.feed(method, username):
            count = len(presence.present)
            key = grid_floor(ts, interval_s, origin_s)
            peak = out[key][0] if key in out else count
            out[key] = (max(peak, count), count)
    return [ViewerBucket(k, peak, last) for k, (peak, last) in sorted(out.items())]


def rank_tippers(rows: Iterable[tuple[str | None, int | None]], limit: int) -> list[Tipper]:
    """Sum (username, tokens) tip rows; most tokens first, ties by username; no anonymous."""
    sums: dict[str, list[int]] = {}
    for username, tokens in rows:
        if username is None:
            continue
        entry = sums.setdefault(username, [0, 0])
        entry[0] += int(tokens or 0)
        entry[1] += 1
    ranked = sorted(sums.items(), key=lambda item: (-item[1][0], item[0]))
    return [Tipper(name, tokens, tips) for name, (tokens, tips) in ranked[: max(0, limit)]]
