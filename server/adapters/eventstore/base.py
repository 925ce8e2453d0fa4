"""The event store port: the `EventStore` protocol, its value types and shared helpers."""

from __future__ import annotations

from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from server.adapters.eventstore.stats import (
    ExportRow,
    RetentionResult,
    SessionStats,
    Tipper,
    Totals,
    ViewerBucket,
    ViewerStats,
)
from server.events.model import PlatformEvent
from server.events.schema import METHODS

# metric -> (method counted, column summed or None for a count)
METRICS: dict[str, tuple[str, str | None]] = {
    "tokens": ("tip", "tokens"),
    "tips": ("tip", None),
    "chat": ("chatMessage", None),
    "follows": ("follow", None),
}
MAX_IDS_PER_LOOKUP = 100


class StoreUnavailable(Exception):
    """The backend is down, slow or refusing service; the write may be retried later."""


@dataclass(slots=True, frozen=True)
class StoredEvent:
    """An event with its per-broadcaster offset (assigned by the hub, monotonic)."""

    offset: int
    event: PlatformEvent

    def to_record(self) -> dict[str, Any]:
        """Return a JSON-ready dict (spool format)."""
        return {"offset": self.offset, "event": self.event.to_dict()}

    @classmethod
    def from_record(cls, record: dict[str, Any]) -> StoredEvent:
        """Rebuild from `to_record()` output."""
        return cls(int(record["offset"]), PlatformEvent.from_dict(record["event"]))


@dataclass(slots=True, frozen=True)
class StoreHealth:
    """Result of a health probe."""

    ok: bool
    backend: str
    detail: str


class EventStore(Protocol):
    """Durable, idempotent storage of platform events (SQLite or InfluxDB)."""

    backend: str
    #: Writes cross a network (milliseconds each): the writer makes events durable in its
    #: local spool first (one fsync), acks and fans them out, then ships them to the store.
    journal_first: bool

    def write_batch(self, events: Sequence[StoredEvent], *, store_text: bool = True) -> None:
        """Store events; re-writing a (broadcaster, id) never duplicates it.

        Raises `StoreUnavailable` when the backend is down or slow, `ValueError` when it
        refuses the data itself. With `store_text=False` chat text is not stored at all.
        """
        ...

    def query_range(
        self,
        broadcaster: str,
        start: float,
        end: float,
        *,
        methods: Collection[str] | None = None,
        since_offset: int | None = None,
        limit: int = 10_000,
    ) -> list[StoredEvent]:
        """Events with start <= ts < end, ordered by (ts, offset); by offset with since_offset."""
        ...

    def get_events(
        self, broadcaster: str, ids: Collection[str], start: float, end: float
    ) -> list[StoredEvent]:
        """The stored events of `broadcaster` with these ids (at most MAX_IDS_PER_LOOKUP);
        InfluxDB looks only in [start, end), SQLite uses its unique (broadcaster, id) index."""
        ...

    def last_offset(self, broadcaster: str) -> int:
        """Highest stored offset of the broadcaster (0 if none)."""
        ...

    def count(self, broadcaster: str | None = None) -> int:
        """Number of stored events, for one broadcaster or all."""
        ...

    def health(self) -> StoreHealth:
        """Probe the backend."""
        ...

    # -- analytics (server/services/analytics/reports.py calls only these) --

    def summary(self, broadcaster: str, start: float, end: float) -> Totals:
        """Counts and tokens per method, unique tippers, peak viewers and viewer-ms."""
        ...

    def series(
        self,
        broadcaster: str,
        start: float,
        end: float,
        *,
        metric: str,
        interval_s: int,
        origin_s: int = 0,
    ) -> list[tuple[float, float]]:
        """Sparse (bucket_start, value) of a METRICS metric on the grid origin_s + k*interval_s."""
        ...

    def viewer_series(
        self, broadcaster: str, start: float, end: float, *, interval_s: int, origin_s: int = 0
    ) -> list[ViewerBucket]:
        """Concurrent viewers (from enter/leave) per bucket where the count changed."""
        ...

    def top_tippers(
        self, broadcaster: str, start: float, end: float, *, limit: int
    ) -> list[Tipper]:
        """Named tippers by tokens (desc), ties by username."""
        ...

    def viewer(
        self, broadcaster: str, username: str, start: float, end: float
    ) -> ViewerStats | None:
        """One user's history with the broadcaster in the window (None: never seen)."""
        ...

    def broadcast_marks(
        self, broadcaster: str, start: float, end: float
    ) -> list[tuple[float, str]]:
        """(ts, method) of broadcastStart/broadcastStop events, in (ts, offset) order."""
        ...

    def session_stats(
        self, broadcaster: str, windows: Sequence[tuple[float, float]]
    ) -> list[SessionStats]:
        """Tokens, new followers and top tipper of each [start, end) window (same order)."""
        ...

    def languages(self, broadcaster: str, start: float, end: float) -> dict[str, int]:
        """Chat messages per user language ("und" when unknown)."""
        ...

    def iter_range(
        self, broadcaster: str, start: float, end: float, *, page: int = 5_000
    ) -> Iterator[ExportRow]:
        """Every event in [start, end) in (ts, offset) order, read page by page."""
        ...

    def enforce_retention(self, days: int) -> RetentionResult:
        """Delete (SQLite) or let expire (InfluxDB retention policy) data older than days."""
        ...


def check_methods(methods: Collection[str] | None) -> list[str] | None:
    """Return the sorted method filter, refusing unknown names (ValueError)."""
    if methods is None:
        return None
    unknown = set(methods) - METHODS
    if unknown:
        raise ValueError(f"unknown methods: {sorted(unknown)}")
    return sorted(methods)


def check_metric(metric: str, interval_s: int | None) -> tuple[str, str | None]:
    """Validate an aggregate request; return (method, summed column or None)."""
    if metric not in METRICS:
        raise ValueError(f"metric must be one of {sorted(METRICS)}")
    if interval_s is not None and (type(interval_s) is not int or interval_s <= 0):
        raise ValueError("interval_s must be a positive integer or None")
    return METRICS[metric]


def in_range(stored: StoredEvent, start: float, end: float) -> bool:
    """True when the event's ts lies in [start, end)."""
    return start <= stored.event.ts < end
