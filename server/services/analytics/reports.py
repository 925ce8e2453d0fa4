"""Analytics for streamers and analysts, over the event-store port only (SQLite or InfluxDB).

Every answer carries its window (`from`, `to`, `tz`) and `clamped` when the tier's history
shortened it. Routes parse and authorize (server/api/analytics.py); the numbers come from here.
"""

from __future__ import annotations

import bisect
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from server.adapters.eventstore.base import EventStore, StoreUnavailable
from server.adapters.eventstore.stats import SessionStats, ViewerBucket, ViewerStats
from server.errors import ServiceUnavailable
from server.services.analytics.sessions import Session, pair_sessions
from server.services.analytics.time_grid import INTERVALS, Grid, Window, iso, plan_grid

METRICS = ("tokens", "tips", "chat", "viewers", "follows")
MIN_RATE_SECONDS = 600  # tokens/hour of a shorter (e.g. just started) broadcast means nothing


@contextmanager
def store_errors() -> Iterator[None]:
    """An unreachable store is a 503 the client can retry, not a 500."""
    try:
        yield
    except StoreUnavailable as exc:
        raise ServiceUnavailable(
            "The event store is unavailable right now; retry shortly.", code="store_unavailable"
        ) from exc


class Analytics:
    """Answers for one store; `clock` is injectable so tests can fix "now"."""

    def __init__(self, store: EventStore, clock: Callable[[], float] = time.time) -> None:
        self.store = store
        self.clock = clock

    def _until(self, window: Window) -> float:
        """End of the window for time-weighted numbers: never past now."""
        return max(window.start, min(window.end, self.clock()))

    def summary(self, broadcaster: str, window: Window) -> dict[str, Any]:
        """Money, audience and activity totals of the window."""
        until = self._until(window)
        with store_errors():
            totals = self.store.summary(broadcaster, window.start, until)
            sessions = self._sessions(broadcaster, window)
        counts, tokens = totals.counts, totals.tokens
        tips = counts.get("tip", 0)
        span_ms = round((until - window.start) * 1000)
        return {
            "broadcaster": broadcaster,
            **window.describe(),
            "tokens": tokens.get("tip", 0),
            "tips": tips,
            "unique_tippers": totals.unique_tippers,
            "average_tip": round(tokens.get("tip", 0) / tips, 2) if tips else 0,
            "follows": counts.get("follow", 0),
            "unfollows": counts.get("unfollow", 0),
            "fanclub_joins": counts.get("fanclubJoin", 0),
            "media_sales": counts.get("mediaPurchase", 0),
            "media_tokens": tokens.get("mediaPurchase", 0),
            "chat_messages": counts.get("chatMessage", 0),
            "private_messages": counts.get("privateMessage", 0),
            "peak_viewers": totals.peak_viewers,
            "average_viewers": round(totals.viewer_ms / span_ms, 2) if span_ms > 0 else 0,
            "broadcasts": len(sessions),
            "broadcast_seconds": round(sum(s.duration for s in sessions), 3),
        }

    def timeseries(
        self, broadcaster: str, window: Window, metric: str, interval: str
    ) -> dict[str, Any]:
        """Gap-filled buckets on the zone's wall clock (days from local midnight)."""
        grid = plan_grid(window.start, window.end, INTERVALS[interval], window.zone)
        with store_errors():
            if window.empty:
                values = [0.0] * len(grid.edges)
            elif metric == "viewers":
                buckets = self.store.viewer_series(
                    broadcaster,
                    window.start,
                    window.end,
                    interval_s=grid.step,
                    origin_s=grid.origin,
                )
                values = [float(v) for v in fill_viewers(grid, buckets)]
            else:
                rows = self.store.series(
                    broadcaster,
                    window.start,
                    window.end,
                    metric=metric,
                    interval_s=grid.step,
                    origin_s=grid.origin,
                )
                values = fill_sums(grid, rows)
        points = [
            {"start": iso(at, window.zone), "ts": at, "value": _number(value)}
            for at, value in zip(grid.edges, values, strict=True)
        ]
        total = None if metric == "viewers" else _number(sum(values))
        return {
            "broadcaster": broadcaster,
            **window.describe(),
            "metric": metric,
            "interval": interval,
            "total": total,
            "points": points,
        }

    def top_tippers(self, broadcaster: str, window: Window, limit: int) -> dict[str, Any]:
        """Named tippers by tokens."""
        with store_errors():
            rows = (
                []
                if window.empty
                else self.store.top_tippers(broadcaster, window.start, window.end, limit=limit)
            )
        tippers = [
            {"rank": rank, "username": t.username, "tokens": t.tokens, "tips": t.tips}
            for rank, t in enumerate(rows, 1)
        ]
        return {"broadcaster": broadcaster, **window.describe(), "limit": limit, "tippers": tippers}

    def viewer(self, broadcaster: str, username: str, window: Window) -> ViewerStats | None:
        """One user's history, or None when the window has no event of theirs."""
        if window.empty:
            return None
        with store_errors():
            return self.store.viewer(broadcaster, username, window.start, window.end)

    def sessions(self, broadcaster: str, window: Window, limit: int) -> dict[str, Any]:
        """Broadcasts (start -> stop), most recent first, with their money and followers."""
        with store_errors():
            found = self._sessions(broadcaster, window)
            shown = sorted(found, key=lambda s: s.start, reverse=True)[:limit]
            stats = self.store.session_stats(broadcaster, [(s.start, s.end) for s in shown])
        rows = [session_row(s, stat, window) for s, stat in zip(shown, stats, strict=True)]
        return {
            "broadcaster": broadcaster,
            **window.describe(),
            "total": len(found),
            "sessions": rows,
        }

    def languages(self, broadcaster: str, window: Window) -> dict[str, Any]:
        """Chat messages per language, largest share first."""
        with store_errors():
            counts = (
                {} if window.empty else self.store.languages(broadcaster, window.start, window.end)
            )
        total = sum(counts.values())
        ordered = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
        mix = [
            {"language": lang, "messages": n, "share": round(n / total, 4)} for lang, n in ordered
        ]
        return {"broadcaster": broadcaster, **window.describe(), "total": total, "languages": mix}

    def _sessions(self, broadcaster: str, window: Window) -> list[Session]:
        if window.empty:
            return []
        marks = self.store.broadcast_marks(broadcaster, window.start, window.end)
        return pair_sessions(marks, window.start, window.end, self.clock())


def session_row(session: Session, stat: SessionStats, window: Window) -> dict[str, Any]:
    """The JSON of one broadcast."""
    rate = None
    if session.duration >= MIN_RATE_SECONDS:
        rate = round(stat.tokens / (session.duration / 3600), 2)
    top = stat.top_tipper
    return {
        "start": iso(session.start, window.zone),
        "end": None if session.live else iso(session.end, window.zone),
        "live": session.live,
        "duration_seconds": round(session.duration, 3),
        "tokens": stat.tokens,
        "tokens_per_hour": rate,
        "top_tipper": None if top is None else {"username": top.username, "tokens": top.tokens},
        "new_followers": stat.new_followers,
    }


def fill_sums(grid: Grid, rows: list[tuple[float, float]]) -> list[float]:
    """Add sparse store buckets into the answer's buckets (zeros where nothing happened)."""
    values = [0.0] * len(grid.edges)
    for at, value in rows:
        index = bisect.bisect_right(grid.edges, at) - 1
        if index >= 0:
            values[index] += value
    return values


def fill_viewers(grid: Grid, buckets: list[ViewerBucket]) -> list[int]:
    """Peak concurrent viewers per answer bucket, carrying the count across quiet buckets."""
    out: list[int] = []
    carry = j = 0
    for i in range(len(grid.edges)):
        upper = grid.edges[i + 1] if i + 1 < len(grid.edges) else float("inf")
        value = carry
        while j < len(buckets) and buckets[j].start < upper:
            value = max(value, buckets[j].peak)
            carry = buckets[j].last
            j += 1
        out.append(value)
    return out


def viewer_view(
    stats: ViewerStats | None, username: str, notes: str, window: Window
) -> dict[str, Any]:
    """The JSON of GET viewers/{username}."""
    zone = window.zone
    body: dict[str, Any] = {
        "username": username,
        **window.describe(),
        "seen": stats is not None,
        "notes": notes,
    }
    if stats is None:
        return body
    last_tip = None
    if stats.last_tip_at is not None:
        last_tip = {"at": iso(stats.last_tip_at, zone), "tokens": stats.last_tip_tokens}
    joined = stats.fanclub_joined_at
    return {
        **body,
        "first_seen": iso(stats.first_seen, zone),
        "last_seen": iso(stats.last_seen, zone),
        "events": stats.events,
        "tokens": stats.tokens,
        "tips": stats.tips,
        "last_tip": last_tip,
        "fanclub": {"member": stats.in_fanclub, "joined_at": iso(joined, zone) if joined else None},
        "languages": stats.languages,
    }


def _number(value: float) -> float | int:
    return int(value) if float(value).is_integer() else round(value, 4)
