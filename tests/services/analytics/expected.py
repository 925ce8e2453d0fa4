"""Expected analytics answers computed in plain Python from the generated event list.

Written independently of the stores and of server/services: straightforward loops over
the events, local dates from zoneinfo, no shared helpers.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from server.adapters.eventstore.base import StoredEvent


def _in(events: list[StoredEvent], start: float, end: float) -> list[StoredEvent]:
    rows = [s for s in events if start <= s.event.ts < end]
    return sorted(rows, key=lambda s: (s.event.ts, s.offset))


def viewer_changes(events: list[StoredEvent], start: float, end: float) -> list[tuple[float, int]]:
    """(ts, viewers after) at every enter/leave that changes who is in the room."""
    inside: dict[str, bool] = defaultdict(bool)
    count = 0
    out = []
    for s in _in(events, start, end):
        name = s.event.username
        if s.event.method not in ("userEnter", "userLeave") or name is None:
            continue
        entering = s.event.method == "userEnter"
        if inside[name] == entering:
            continue
        inside[name] = entering
        count += 1 if entering else -1
        out.append((s.event.ts, count))
    return out


def sessions(events: list[StoredEvent], start: float, end: float, now: float) -> list[dict]:
    """Broadcast windows: start..stop pairs, restarts close the previous one, live at the end."""
    out: list[dict] = []
    current = None
    marks = [s for s in _in(events, start, end) if s.event.method.startswith("broadcast")]
    for i, s in enumerate(marks):
        if s.event.method == "broadcastStart":
            if current is not None:
                out.append({"start": current, "end": s.event.ts, "live": False})
            current = s.event.ts
        elif current is not None:
            out.append({"start": current, "end": s.event.ts, "live": False})
            current = None
        elif i == 0:
            out.append({"start": start, "end": s.event.ts, "live": False})
    if current is not None:
        out.append({"start": current, "end": max(current, min(end, now)), "live": True})
    return out


def summary(events: list[StoredEvent], start: float, end: float, now: float) -> dict[str, Any]:
    until = max(start, min(end, now))
    window = _in(events, start, until)
    count = Counter(s.event.method for s in window)
    tip_tokens = sum(s.event.tokens or 0 for s in window if s.event.method == "tip")
    tippers = {s.event.username for s in window if s.event.method == "tip"} - {None}
    changes = viewer_changes(events, start, until)
    area = 0
    for (t0, n), (t1, _) in zip(changes, changes[1:] + [(until, 0)], strict=True):
        area += n * (round(t1 * 1000) - round(t0 * 1000))
    span_ms = round((until - start) * 1000)
    found = sessions(events, start, end, now)
    return {
        "tokens": tip_tokens,
        "tips": count["tip"],
        "unique_tippers": len(tippers),
        "average_tip": round(tip_tokens / count["tip"], 2) if count["tip"] else 0,
        "follows": count["follow"],
        "unfollows": count["unfollow"],
        "fanclub_joins": count["fanclubJoin"],
        "media_sales": count["mediaPurchase"],
        "media_tokens": sum(
            s.event.tokens or 0 for s in window if s.event.method == "mediaPurchase"
        ),
        "chat_messages": count["chatMessage"],
        "private_messages": count["privateMessage"],
        "peak_viewers": max((n for _, n in changes), default=0),
        "average_viewers": round(area / span_ms, 2) if span_ms else 0,
        "broadcasts": len(found),
        "broadcast_seconds": round(sum(s["end"] - s["start"] for s in found), 3),
    }


def bucket_starts(start: float, end: float, interval_s: int, zone: ZoneInfo) -> list[float]:
    """Local-clock bucket starts covering [start, end)."""
    if interval_s == 86_400:
        day = datetime.fromtimestamp(start, zone).date()
        out: list[float] = []
        while True:
            midnight = datetime(day.year, day.month, day.day, tzinfo=zone).timestamp()
            if out and midnight >= end:
                return out
            out.append(midnight)
            day += timedelta(days=1)
    offset = datetime.fromtimestamp(start, zone).utcoffset().total_seconds()
    first = start - (start + offset) % interval_s
    out = []
    while first < end:
        out.append(first)
        first += interval_s
    return out


METRIC_METHOD = {"tokens": "tip", "tips": "tip", "chat": "chatMessage", "follows": "follow"}


def series(
    events: list[StoredEvent], start: float, end: float, metric: str, interval_s: int, tz: str
) -> list[tuple[float, int]]:
    zone = ZoneInfo(tz)
    starts = bucket_starts(start, end, interval_s, zone)
    values = [0] * len(starts)

    def index(ts: float) -> int:
        return max(i for i, b in enumerate(starts) if b <= ts)

    if metric == "viewers":
        changes = viewer_changes(events, start, end)
        carry, j = 0, 0
        for i in range(len(starts)):
            upper = starts[i + 1] if i + 1 < len(starts) else float("inf")
            peak = carry
            while j < len(changes) and changes[j][0] < upper:
                peak = max(peak, changes[j][1])
                carry = changes[j][1]
                j += 1
            values[i] = peak
        return list(zip(starts, values, strict=True))
    for s in _in(events, start, end):
        if s.event.method == METRIC_METHOD[metric]:
            values[index(s.event.ts)] += (s.event.tokens or 0) if metric == "tokens" else 1
    return list(zip(starts, values, strict=True))


def top_tippers(events: list[StoredEvent], start: float, end: float, limit: int) -> list[dict]:
    tokens: Counter[str] = Counter()
    tips: Counter[str] = Counter()
    for s in _in(events, start, end):
        if s.event.method == "tip" and s.event.username is not None:
            tokens[s.event.username] += s.event.tokens or 0
            tips[s.event.username] += 1
    ranked = sorted(tokens, key=lambda name: (-tokens[name], name))[:limit]
    return [
        {"rank": i, "username": n, "tokens": tokens[n], "tips": tips[n]}
        for i, n in enumerate(ranked, 1)
    ]


def viewer(events: list[StoredEvent], username: str, start: float, end: float) -> dict | None:
    mine = [s for s in _in(events, start, end) if s.event.username == username]
    if not mine:
        return None
    tips = [s for s in mine if s.event.method == "tip"]
    joins = [s for s in mine if s.event.method == "fanclubJoin"]
    latest_user = mine[-1].event.user or {}
    return {
        "first_seen": mine[0].event.ts,
        "last_seen": mine[-1].event.ts,
        "events": len(mine),
        "tokens": sum(s.event.tokens or 0 for s in tips),
        "tips": len(tips),
        "last_tip": (tips[-1].event.ts, tips[-1].event.tokens) if tips else None,
        "fanclub_joined_at": joins[-1].event.ts if joins else None,
        "member": bool(latest_user.get("inFanclub")) or bool(joins),
        "languages": sorted({(s.event.user or {}).get("language") for s in mine} - {None}),
    }


def session_rows(events: list[StoredEvent], start: float, end: float, now: float) -> list[dict]:
    rows = []
    for found in sorted(sessions(events, start, end, now), key=lambda s: -s["start"]):
        inside = _in(events, found["start"], found["end"])
        tip_rows = [
            {"username": s.event.username, "tokens": s.event.tokens}
            for s in inside
            if s.event.method == "tip"
        ]
        sums: Counter[str] = Counter()
        for row in tip_rows:
            if row["username"] is not None:
                sums[row["username"]] += row["tokens"]
        top = min(sums, key=lambda n: (-sums[n], n)) if sums else None
        rows.append(
            {
                **found,
                "tokens": sum(r["tokens"] for r in tip_rows),
                "top_tipper": None if top is None else {"username": top, "tokens": sums[top]},
                "new_followers": sum(1 for s in inside if s.event.method == "follow"),
            }
        )
    return rows


def languages(events: list[StoredEvent], start: float, end: float) -> dict[str, int]:
    return dict(
        Counter(
            (s.event.user or {}).get("language") or "und"
            for s in _in(events, start, end)
            if s.event.method == "chatMessage"
        )
    )
