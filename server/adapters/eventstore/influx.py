"""InfluxDB event store over the v1-compatible HTTP API (InfluxDB 1.x, 2.x and 3.x).

Measurement `events`; tags broadcaster, method; fields id, offset, username, tokens,
language, text (only when chat text is stored) and payload (the event as JSON). The line
protocol and InfluxQL literals are in influx_wire.py.
"""

from __future__ import annotations

import json
import logging
import math
from collections.abc import Collection, Sequence
from typing import Any

import requests

from server.adapters.eventstore.base import (
    MAX_IDS_PER_LOOKUP,
    StoredEvent,
    StoreHealth,
    StoreUnavailable,
    check_methods,
    in_range,
)
from server.adapters.eventstore.influx_analytics import InfluxAnalytics
from server.adapters.eventstore.influx_wire import (
    MAX_BODY_BYTES,
    MS,
    TIME_MAX_NS,
    encode_line,
    ns_bounds,
    quote_literal,
    to_ms,
)
from server.events.model import PlatformEvent

log = logging.getLogger(__name__)


class InfluxEventStore(InfluxAnalytics):
    """Event store on InfluxDB through `/write` (line protocol) and `/query` (InfluxQL)."""

    backend = "influx"
    journal_first = True

    def __init__(
        self,
        url: str,
        database: str,
        *,
        token: str | None = None,
        username: str | None = None,
        password: str | None = None,
        retention_policy: str | None = None,
        timeout: tuple[float, float] = (3, 10),
    ) -> None:
        """Configure the client; no network I/O until the first call."""
        self.url = url.rstrip("/")
        self.database = database
        self.retention_policy = retention_policy or None
        self.timeout = timeout
        self._session = requests.Session()
        if token:
            self._session.headers["Authorization"] = f"Token {token}"
        elif username:
            self._session.auth = (username, password or "")
        rp = '"' + retention_policy.replace('"', '\\"') + '".' if retention_policy else ""
        self._from = f'{rp}"events"'

    def close(self) -> None:
        """Release pooled connections."""
        self._session.close()

    def _request(self, method: str, path: str, **kwargs: Any) -> requests.Response:
        """Send a request; map outages to StoreUnavailable and refusals to ValueError."""
        try:
            response = self._session.request(
                method, self.url + path, timeout=self.timeout, **kwargs
            )
        except requests.RequestException as exc:
            raise StoreUnavailable(f"influx unreachable: {exc}") from exc
        if response.status_code >= 500 or response.status_code in (401, 403, 404, 429):
            raise StoreUnavailable(f"influx {response.status_code}: {response.text[:500]}")
        if response.status_code >= 400:
            raise ValueError(f"influx refused ({response.status_code}): {response.text[:1000]}")
        return response

    def query(self, q: str) -> list[dict[str, Any]]:
        """Run one InfluxQL statement; return its series (empty list when no data)."""
        params = {"db": self.database, "epoch": "ns", "q": q}
        response = self._request("POST", "/query", data=params)
        try:
            result = response.json()["results"][0]
        except (ValueError, KeyError, IndexError) as exc:
            raise StoreUnavailable(f"influx: unreadable query response: {exc}") from exc
        error = result.get("error")
        if error:
            if "database not found" in error:
                raise StoreUnavailable(f"influx: {error}")
            raise ValueError(f"influx query failed: {error}")
        series: list[dict[str, Any]] = result.get("series", [])
        return series

    def _rows(self, select: str, where: str, tail: str = "") -> list[list[Any]]:
        """Rows of `SELECT <select> FROM events WHERE <where><tail>` (first series)."""
        # Every interpolated value is a validated name, a number or quote_literal() output.
        q = f"SELECT {select} FROM {self._from}{' WHERE ' + where if where else ''}{tail}"  # noqa: S608
        series = self.query(q)
        return series[0]["values"] if series else []

    def ensure_database(self) -> None:
        """Create the database (1.x); tolerated where only a DBRP mapping exists (2.x/3.x)."""
        try:
            name = self.database.replace("\\", "\\\\").replace('"', '\\"')
            self._request("POST", "/query", data={"q": f'CREATE DATABASE "{name}"'})
        except ValueError as exc:  # 2.x/3.x: databases come from DBRP mappings
            log.info("influx: CREATE DATABASE refused (%s); assuming a DBRP mapping", exc)
        except StoreUnavailable as exc:  # the writer spools until the server is back
            log.warning("influx: cannot ensure database %s now: %s", self.database, exc)

    def write_batch(self, events: Sequence[StoredEvent], *, store_text: bool = True) -> None:
        """Write points in bodies of at most MAX_BODY_BYTES; re-writes overwrite themselves."""
        params = {"db": self.database, "precision": "ns"}
        if self.retention_policy:
            params["rp"] = self.retention_policy
        chunk: list[str] = []
        size = 0
        for stored in events:
            line = encode_line(stored, store_text)
            if chunk and size + len(line) > MAX_BODY_BYTES:
                self._post_lines(params, chunk)
                chunk, size = [], 0
            chunk.append(line)
            size += len(line) + 1
        if chunk:
            self._post_lines(params, chunk)

    def _post_lines(self, params: dict[str, str], lines: list[str]) -> None:
        body = "\n".join(lines).encode("utf-8")
        self._request("POST", "/write", params=params, data=body)

    def _where(self, broadcaster: str, lo_ns: int, hi_ns: int, methods: list[str] | None) -> str:
        parts = [f'"broadcaster" = {quote_literal(broadcaster)}']
        if methods is not None:
            parts.append("(" + " OR ".join(f'"method" = {quote_literal(m)}' for m in methods) + ")")
        parts.append(f"time >= {max(0, lo_ns)} AND time < {min(TIME_MAX_NS, hi_ns)}")
        return " AND ".join(parts)

    def _select(self, where: str, limit: int | None = None) -> list[list[Any]]:
        """Rows of [time, offset, payload] ordered by time."""
        tail = " ORDER BY time ASC" + (f" LIMIT {int(limit)}" if limit is not None else "")
        return self._rows('"offset", "payload"', where, tail)

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
        method_list = check_methods(methods)
        if limit <= 0 or method_list == []:
            return []
        lo, hi = ns_bounds(start), (ns_bounds(end) + MS if math.isfinite(end) else TIME_MAX_NS)
        if since_offset is not None:
            found = self._since(broadcaster, lo, hi, method_list, since_offset, limit)
            found = [s for s in found if in_range(s, start, end)]
            return sorted(found, key=lambda s: s.offset)[:limit]
        rows: list[list[Any]] = []
        if to_ms(start) != start * 1000 and math.isfinite(start):
            # A start inside a ms: fetch that ms whole so out-of-range rows take no LIMIT slot.
            rows = self._select(self._where(broadcaster, lo, lo + MS, method_list))
            rows = [r for r in rows if in_range(_decode(r), start, end)]
            lo += MS
        page = self._select(self._where(broadcaster, lo, hi, method_list), limit)
        if len(page) == limit:  # LIMIT may cut a ms group: fetch the last group whole
            last = page[-1][0] // MS * MS
            page = [r for r in page if r[0] < last]
            page += self._select(self._where(broadcaster, last, min(hi, last + MS), method_list))
        found = [s for s in map(_decode, rows + page) if in_range(s, start, end)]
        found.sort(key=lambda s: (s.event.ts, s.offset))
        return found[:limit]

    def get_events(
        self, broadcaster: str, ids: Collection[str], start: float, end: float
    ) -> list[StoredEvent]:
        """The events with these ids in [start, end): influxd filters the window by id."""
        wanted = list(dict.fromkeys(ids))[:MAX_IDS_PER_LOOKUP]
        if not wanted:
            return []
        where = self._where(broadcaster, ns_bounds(start), ns_bounds(end) + MS, None)
        match = " OR ".join(f'"id" = {quote_literal(event_id)}' for event_id in wanted)
        return [_decode(row) for row in self._select(f"{where} AND ({match})")]

    def _since(
        self, broadcaster: str, lo: int, hi: int, methods: list[str] | None, after: int, limit: int
    ) -> list[StoredEvent]:
        """Events with offset > after, read in offset windows (offsets are dense)."""
        where = self._where(broadcaster, lo, hi, methods)
        top = self._rows('max("offset")', where)
        last = int(top[0][1]) if top else 0
        found: list[StoredEvent] = []
        grow = 1
        while len(found) < limit and after < last:
            upto = after + (limit - len(found)) * grow
            window = f'{where} AND "offset" > {int(after)} AND "offset" <= {int(upto)}'
            batch = [_decode(r) for r in self._select(window)]
            found += batch
            grow = min(grow * 2, 64) if len(batch) < (upto - after) // 2 else grow
            after = upto
        return found

    def last_offset(self, broadcaster: str) -> int:
        """Highest stored offset of the broadcaster (0 if none)."""
        rows = self._rows('max("offset")', f'"broadcaster" = {quote_literal(broadcaster)}')
        return int(rows[0][1]) if rows else 0

    def count(self, broadcaster: str | None = None) -> int:
        """Number of stored events, for one broadcaster or all."""
        where = "" if broadcaster is None else f'"broadcaster" = {quote_literal(broadcaster)}'
        rows = self._rows('count("offset")', where)
        return int(rows[0][1]) if rows else 0

    def health(self) -> StoreHealth:
        """Ping the server."""
        try:
            response = self._request("GET", "/ping")
        except (StoreUnavailable, ValueError) as exc:
            return StoreHealth(False, self.backend, str(exc))
        version = response.headers.get("X-Influxdb-Version", "unknown")
        return StoreHealth(True, self.backend, f"{self.url} influxdb {version}")


def _decode(row: list[Any]) -> StoredEvent:
    return StoredEvent(int(row[1]), PlatformEvent.from_dict(json.loads(row[2])))
