"""Time handling for analytics: zones, instants, windows clamped to retention, bucket grids."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from server.errors import ValidationFailed

DAY = 86_400
INTERVALS = {"1m": 60, "5m": 300, "1h": 3_600, "1d": DAY}
#: Longest window per timeseries interval (caps the bucket count at a few thousand).
MAX_SERIES_WINDOW = {"1m": 2 * DAY, "5m": 14 * DAY, "1h": 120 * DAY, "1d": 731 * DAY}
MAX_WINDOW = 731 * DAY  # every other endpoint: the longest tier history, plus a day
DEFAULT_WINDOW = 7 * DAY
MAX_EPOCH = 2**33  # year 2242: beyond every store's time range
_ZONE_RE = re.compile(r"[A-Za-z0-9_+\-]+(/[A-Za-z0-9_+\-]+){0,2}")
_NUMBER_RE = re.compile(r"-?\d{1,12}(\.\d{1,6})?")


def parse_zone(name: str) -> ZoneInfo:
    """An IANA zone (e.g. Europe/Berlin) or 400 `invalid_timezone`."""
    if not _ZONE_RE.fullmatch(name or ""):
        raise ValidationFailed(
            f"tz {name[:64]!r} is not an IANA time zone name", code="invalid_timezone"
        )
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError) as exc:
        raise ValidationFailed(
            f"tz {name[:64]!r} is not a known IANA time zone (e.g. UTC, Europe/Berlin)",
            code="invalid_timezone",
        ) from exc


def parse_instant(value: str, zone: ZoneInfo, field: str) -> float:
    """Epoch seconds from epoch digits, an ISO 8601 date-time, or a date (midnight in zone)."""
    text = value.strip()
    if _NUMBER_RE.fullmatch(text):
        return float(text)
    try:
        if len(text) == 10:
            day = date.fromisoformat(text)
            return datetime(day.year, day.month, day.day, tzinfo=zone).timestamp()
        moment = datetime.fromisoformat(text.replace("z", "Z"))
    except ValueError:
        raise ValidationFailed(
            f"{field} must be epoch seconds, an ISO 8601 date-time or a YYYY-MM-DD date",
            code="invalid_time",
        ) from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=zone)
    return moment.timestamp()


@dataclass(frozen=True, slots=True)
class Window:
    """A validated [start, end) window; `clamped` says how retention shortened it."""

    start: float
    end: float
    zone: ZoneInfo
    clamped: dict[str, Any] | None = None

    @property
    def empty(self) -> bool:
        return self.end <= self.start

    def describe(self) -> dict[str, Any]:
        """The window fields every analytics answer carries."""
        return {
            "from": iso(self.start, self.zone),
            "to": iso(self.end, self.zone),
            "tz": self.zone.key,
            "clamped": self.clamped,
        }


def resolve_window(
    raw_from: str | None,
    raw_to: str | None,
    zone: ZoneInfo,
    *,
    now: float,
    history_days: int,
    max_span: int = MAX_WINDOW,
    default_span: int = DEFAULT_WINDOW,
) -> Window:
    """Validate from/to (from < to, span <= max_span) and clamp from to the tier's history."""
    end = parse_instant(raw_to, zone, "to") if raw_to else now
    start = parse_instant(raw_from, zone, "from") if raw_from else end - min(default_span, max_span)
    if not all(math.isfinite(t) and 0 <= t <= MAX_EPOCH for t in (start, end)):
        raise ValidationFailed("from/to are out of range", code="invalid_time")
    if start >= end:
        raise ValidationFailed("from must be before to", code="invalid_window")
    if end - start > max_span:
        raise ValidationFailed(
            f"the window is longer than {max_span // DAY} days; ask for a shorter one",
            code="window_too_large",
            details={"max_days": max_span // DAY},
        )
    earliest = now - history_days * DAY
    if start >= earliest:
        return Window(start, end, zone)
    clamp = {
        "requested_from": iso(start, zone),
        "effective_from": iso(earliest, zone),
        "reason": f"the plan keeps {history_days} days of history",
    }
    return Window(earliest, max(end, earliest), zone, clamp)


def iso(ts: float, zone: ZoneInfo) -> str:
    """ISO 8601 in the zone, to the millisecond (straight into the zone, no detour through
    UTC: a 30-day hourly series formats 720 of these per request)."""
    moment = datetime.fromtimestamp(round(ts * 1000) / 1000, zone)
    return moment.isoformat(timespec="milliseconds")


def utc_offset(ts: float, zone: ZoneInfo) -> int:
    """The zone's UTC offset at ts, in seconds."""
    offset = datetime.fromtimestamp(ts, zone).utcoffset() or timedelta(0)
    return int(offset.total_seconds())


@dataclass(frozen=True, slots=True)
class Grid:
    """Buckets to answer with (edges) and the store grid (step, origin) that fills them."""

    edges: list[float]  # bucket starts; the last bucket ends at `end`
    end: float
    step: int
    origin: int


def plan_grid(start: float, end: float, interval_s: int, zone: ZoneInfo) -> Grid:
    """Local-time buckets: sub-day ones on the zone's wall clock, days from local midnight.

    Sub-day buckets keep the zone's offset at `start`. Days are 23-25 h around DST changes,
    so then the store groups by hour (or 15 min for such zones) and days are summed here.
    """
    if interval_s < DAY:
        origin = -utc_offset(start, zone) % interval_s
        first = origin + math.floor((start - origin) / interval_s) * interval_s
        return Grid(_steps(first, end, interval_s), end, interval_s, origin)
    edges = local_midnights(start, end, zone)
    lengths = {b - a for a, b in zip(edges, edges[1:], strict=False)}
    if lengths <= {DAY}:
        return Grid(edges, end, DAY, int(edges[0]) % DAY)
    step = next(s for s in (3_600, 900, 60) if len({int(e) % s for e in edges}) == 1)
    return Grid(edges, end, step, int(edges[0]) % step)


def local_midnights(start: float, end: float, zone: ZoneInfo) -> list[float]:
    """Local midnights from the one at or before start, up to (not including) end."""
    day = datetime.fromtimestamp(start, zone).date()
    edges: list[float] = []
    while True:
        at = datetime(day.year, day.month, day.day, tzinfo=zone).timestamp()
        if edges and at >= end:
            return edges
        edges.append(at)
        day += timedelta(days=1)


def _steps(first: float, end: float, step: int) -> list[float]:
    count = max(1, math.ceil((end - first) / step))
    return [first + i * step for i in range(count)]
