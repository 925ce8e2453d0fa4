"""Analytics queries of the InfluxDB event store, in InfluxQL (mixed into InfluxEventStore).

Aggregates run in influxd. InfluxQL cannot GROUP BY a field (usernames and languages are
fields, to keep series cardinality bounded) and has no per-user state, so top tippers,
session top tippers, languages and enter/leave viewer counts read narrow field rows
(time, offset and one or two fields, paged by time) and finish in
server/adapters/eventstore/stats.py.
"""

# ruff: noqa: S608 - interpolated InfluxQL is names, numbers and quote_literal() output only


from __future__ import annotations

import bisect
import json
from collections import Counter
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import requests

from server.adapters.eventstore.influx_wire import (
    first_value,
    ms_offset_key,
    ns_bounds,
    point_seconds,
    quote_ident,
    quote_literal,
)
from server.adapters.eventstore.stats import (
    BROADCAST_MARKS,
    ENTER,
    LEAVE,
    UNKNOWN_LANGUAGE,
    ExportRow,
    RetentionResult,
    SessionStats,
    Tipper,
    Totals,
    ViewerBucket,
    ViewerStats,
    presence_buckets,
    presence_totals,
    rank_tippers,
)

SCAN_PAGE = 50_000
_EXPORT_FIELDS = '"id", "offset", "method", "username", "tokens", "language", "text"'


class InfluxAnalytics:
    """The analytics half of the EventStore port, for InfluxEventStore."""

    database: str
    retention_policy: str | None
    _from: str

    def _request(self, method: str, path: str, **kwargs: Any) -> requests.Response:
        raise NotImplementedError  # provided by InfluxEventStore

    def _rows(self, select: str, where: str, tail: str = "") -> list[list[Any]]:
        raise NotImplementedError  # provided by InfluxEventStore

    def _where(self, broadcaster: str, lo_ns: int, hi_ns: int, methods: list[str] | None) -> str:
        raise NotImplementedError  # provided by InfluxEventStore

    def query(self, q: str) -> list[dict[str, Any]]:
        raise NotImplementedError  # provided by InfluxEventStore

    # -- plumbing --

    def _range(self, broadcaster: str, start: float, end: float, *methods: str) -> str:

        wanted = list(methods) or None
        return self._where(broadcaster, ns_bounds(start), ns_bounds(end), wanted)

    def query_many(self, statements: Sequence[str]) -> list[list[dict[str, Any]]]:
        """Run several InfluxQL statements in one request; the series of each, in order."""
        from server.adapters.eventstore.base import StoreUnavailable

        params = {"db": self.database, "epoch": "ns", "q": ";\n".join(statements)}
        response = self._request("POST", "/query", data=params)
        try:
            results = response.json()["results"]
        except (ValueError, KeyError) as exc:
            raise StoreUnavailable(f"influx: unreadable query response: {exc}") from exc
        out = []
        for result in results:
            error = result.get("error")
            if error:
                if "database not found" in error:
                    raise StoreUnavailable(f"influx: {error}")
                raise ValueError(f"influx query failed: {error}")
            out.append(result.get("series", []))
        return out

    def _scan(self, fields: str, where: str) -> Iterator[list[Any]]:
        """Narrow rows [time, *fields] in time order, paged (point times are unique)."""
        after = None
        while True:
            paged = where if after is None else f"{where} AND time > {after}"
            rows = self._rows(fields, paged, f" ORDER BY time ASC LIMIT {SCAN_PAGE}")
            yield from rows
            if len(rows) < SCAN_PAGE:
                return
            after = rows[-1][0]

    def _presence_rows(
        self, broadcaster: str, start: float, end: float
    ) -> list[tuple[float, str, str | None]]:
        where = self._range(broadcaster, start, end, ENTER, LEAVE)
        rows = sorted(self._scan('"offset", "method", "username"', where), key=ms_offset_key)
        return [(point_seconds(t), method, username) for t, _, method, username in rows]

    # -- the port --

    def summary(self, broadcaster: str, start: float, end: float) -> Totals:
        """Per-method count/sum and distinct tippers in influxd; viewers from narrow rows."""
        where = self._range(broadcaster, start, end)
        # The presence scan (paged, the slow part) runs beside the aggregate queries.
        with ThreadPoolExecutor(max_workers=1) as side:
            presence = side.submit(self._presence_rows, broadcaster, start, end)
            per_method, tippers = self._summary_aggregates(broadcaster, start, end, where)
            rows = presence.result()
        counts: dict[str, int] = {}
        tokens: dict[str, int] = {}
        for series in per_method:
            _, count, total = series["values"][0]
            counts[series["tags"]["method"]] = int(count)
            tokens[series["tags"]["method"]] = int(total or 0)
        peak, viewer_ms = presence_totals(rows, end)
        return Totals(counts, tokens, first_value(tippers), peak, viewer_ms)

    def _summary_aggregates(
        self, broadcaster: str, start: float, end: float, where: str
    ) -> list[Any]:
        return self.query_many(
            [
                f'SELECT count("offset"), sum("tokens") FROM {self._from} WHERE {where}'
                ' GROUP BY "method"',
                f'SELECT count(distinct("username")) FROM {self._from}'
                f" WHERE {self._range(broadcaster, start, end, 'tip')}",
            ]
        )

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
        """GROUP BY time(interval, origin) in influxd."""
        from server.adapters.eventstore.base import check_metric

        method, column = check_metric(metric, interval_s)
        value = f'sum("{column}")' if column else 'count("offset")'
        group = f" GROUP BY time({int(interval_s)}s, {int(origin_s)}s) fill(none)"
        rows = self._rows(value, self._range(broadcaster, start, end, method), group)
        return [(row[0] / 1e9, float(row[1] or 0)) for row in rows]

    def viewer_series(
        self, broadcaster: str, start: float, end: float, *, interval_s: int, origin_s: int = 0
    ) -> list[ViewerBucket]:
        """Per-bucket viewers from narrow enter/leave rows (per-user state: not InfluxQL)."""
        rows = self._presence_rows(broadcaster, start, end)
        return presence_buckets(rows, interval_s, origin_s)

    def top_tippers(
        self, broadcaster: str, start: float, end: float, *, limit: int
    ) -> list[Tipper]:
        """Narrow (username, tokens) tip rows summed here: no GROUP BY on a field."""
        where = self._range(broadcaster, start, end, "tip")
        rows = (
            (username, tokens) for _, username, tokens in self._scan('"username", "tokens"', where)
        )
        return rank_tippers(rows, limit)

    def viewer(
        self, broadcaster: str, username: str, start: float, end: float
    ) -> ViewerStats | None:
        """Selectors and aggregates over the user's points, one request of seven statements."""

        user = f'"username" = {quote_literal(username)}'
        every = f"{self._range(broadcaster, start, end)} AND {user}"
        tips = f"{self._range(broadcaster, start, end, 'tip')} AND {user}"
        joins = f"{self._range(broadcaster, start, end, 'fanclubJoin')} AND {user}"
        src = self._from
        first, last, count, tip_sum, last_tip, joined, langs = self.query_many(
            [
                f'SELECT first("offset") FROM {src} WHERE {every}',
                f'SELECT last("payload") FROM {src} WHERE {every}',
                f'SELECT count("offset") FROM {src} WHERE {every}',
                f'SELECT sum("tokens"), count("tokens") FROM {src} WHERE {tips}',
                f'SELECT last("tokens") FROM {src} WHERE {tips}',
                f'SELECT last("offset") FROM {src} WHERE {joins}',
                f'SELECT distinct("language") FROM {src} WHERE {every}',
            ]
        )
        if not first:
            return None
        last_row = last[0]["values"][0]
        payload = json.loads(last_row[1])
        sums = tip_sum[0]["values"][0] if tip_sum else [0, 0, 0]
        tip_row = last_tip[0]["values"][0] if last_tip else None
        joined_at = point_seconds(joined[0]["values"][0][0]) if joined else None
        return ViewerStats(
            username=username,
            first_seen=point_seconds(first[0]["values"][0][0]),
            last_seen=point_seconds(last_row[0]),
            events=first_value(count),
            tokens=int(sums[1] or 0),
            tips=int(sums[2] or 0),
            last_tip_at=point_seconds(tip_row[0]) if tip_row else None,
            last_tip_tokens=int(tip_row[1]) if tip_row else None,
            fanclub_joined_at=joined_at,
            in_fanclub=bool((payload.get("user") or {}).get("inFanclub")) or joined_at is not None,
            languages=sorted(row[1] for row in langs[0]["values"]) if langs else [],
        )

    def broadcast_marks(
        self, broadcaster: str, start: float, end: float
    ) -> list[tuple[float, str]]:
        """Narrow start/stop rows (a handful per day)."""
        where = self._range(broadcaster, start, end, *BROADCAST_MARKS)
        rows = sorted(self._scan('"offset", "method"', where), key=ms_offset_key)
        return [(point_seconds(t), method) for t, _, method in rows]

    def session_stats(
        self, broadcaster: str, windows: Sequence[tuple[float, float]]
    ) -> list[SessionStats]:
        """One narrow scan of tips and follows over the windows' span, split per window."""
        if not windows:
            return []
        order = sorted(range(len(windows)), key=lambda i: windows[i][0])
        starts = [windows[i][0] for i in order]
        lo, hi = min(starts), max(w[1] for w in windows)
        where = self._range(broadcaster, lo, hi, "tip", "follow")
        tips: list[list[tuple[str | None, int | None]]] = [[] for _ in windows]
        follows = [0] * len(windows)
        fields = '"offset", "method", "username", "tokens"'
        for t, _, method, username, tokens in self._scan(fields, where):
            ts = point_seconds(t)
            at = bisect.bisect_right(starts, ts) - 1
            if at < 0 or not ts < windows[order[at]][1]:
                continue
            if method == "tip":
                tips[order[at]].append((username, tokens))
            else:
                follows[order[at]] += 1
        out = []
        for i in range(len(windows)):
            total = sum(int(tokens or 0) for _, tokens in tips[i])
            top = rank_tippers(tips[i], 1)
            out.append(SessionStats(total, follows[i], top[0] if top else None))
        return out

    def languages(self, broadcaster: str, start: float, end: float) -> dict[str, int]:
        """Narrow language rows of chat messages, counted here: no GROUP BY on a field."""
        where = self._range(broadcaster, start, end, "chatMessage")
        rows = self._scan('"offset", "language"', where)
        return dict(Counter(language or UNKNOWN_LANGUAGE for _, _, language in rows))

    def iter_range(
        self, broadcaster: str, start: float, end: float, *, page: int = 5_000
    ) -> Iterator[ExportRow]:
        """Pages keyed on point time (unique per broadcaster), one short query each."""
        where = self._range(broadcaster, start, end)
        after = None
        while True:
            paged = where if after is None else f"{where} AND time > {after}"
            rows = self._rows(_EXPORT_FIELDS, paged, f" ORDER BY time ASC LIMIT {int(page)}")
            for t, event_id, offset, method, username, tokens, language, text in rows:
                ts = point_seconds(t)
                yield ExportRow(ts, int(offset), event_id, method, username, tokens, language, text)
            if len(rows) < page:
                return
            after = rows[-1][0]

    def enforce_retention(self, days: int) -> RetentionResult:
        """Set the written retention policy's DURATION; influxd expires older shards itself.

        InfluxDB 2.x/3.x refuse this over the v1 API: there the bucket's retention applies
        (docker-compose.yml creates the bucket with DOCKER_INFLUXDB_INIT_RETENTION=730d).
        """
        (policies,) = self.query_many([f"SHOW RETENTION POLICIES ON {quote_ident(self.database)}"])
        rows = policies[0]["values"] if policies else []
        name = self.retention_policy or next((r[0] for r in rows if r[-1]), "autogen")
        current = next((r[1] for r in rows if r[0] == name), None)
        wanted = f"{days * 24}h0m0s"
        if current == wanted:
            return RetentionResult(None, f"retention policy {name} already keeps {days}d")
        target = f"{quote_ident(name)} ON {quote_ident(self.database)}"
        self.query_many([f"ALTER RETENTION POLICY {target} DURATION {days}d"])
        return RetentionResult(None, f"retention policy {name}: DURATION {days}d (was {current})")
