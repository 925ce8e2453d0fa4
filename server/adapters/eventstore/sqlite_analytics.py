"""Analytics queries of the SQLite event store, in SQL (mixed into SqliteEventStore)."""

# ruff: noqa: S608 - interpolated SQL pieces are module constants; values are bound parameters


from __future__ import annotations

import time
from collections.abc import Iterator, Sequence
from typing import Any

from server.adapters.eventstore.base import check_metric
from server.adapters.eventstore.sqlite_table import SqliteTable
from server.adapters.eventstore.stats import (
    UNKNOWN_LANGUAGE,
    ExportRow,
    RetentionResult,
    SessionStats,
    Tipper,
    Totals,
    ViewerBucket,
    ViewerStats,
)

_ALL_METHODS = (
    "('broadcastStart', 'broadcastStop', 'chatMessage', 'fanclubJoin', 'follow', 'mediaPurchase',"
    " 'privateMessage', 'roomSubjectChange', 'tip', 'unfollow', 'userEnter', 'userLeave')"
)
_RANGE = "broadcaster = ? AND ts >= ? AND ts < ?"
# Concurrent viewers: a user's enter/leave changes the count only when it differs from
# that user's previous event (a user is present iff their last event was an enter).
_PRESENCE = f"""
WITH ev AS (
  SELECT ts, "offset" AS o, method,
         LAG(method) OVER (PARTITION BY username ORDER BY ts, "offset") AS prev
  FROM events
  WHERE {_RANGE} AND method IN ('userEnter', 'userLeave') AND username IS NOT NULL),
changes AS (
  SELECT ts, o, SUM(CASE method WHEN 'userEnter' THEN 1 ELSE -1 END) OVER w AS n,
         LEAD(ts, 1, ?) OVER w AS next
  FROM ev WHERE method <> COALESCE(prev, 'userLeave')
  WINDOW w AS (ORDER BY ts, o ROWS UNBOUNDED PRECEDING))"""
_PRESENCE_TOTALS = f"""{_PRESENCE}
SELECT COALESCE(MAX(n), 0),
       COALESCE(SUM(n * (CAST(ROUND(next * 1000) AS INTEGER)
                         - CAST(ROUND(ts * 1000) AS INTEGER))), 0)
FROM changes"""
_PRESENCE_BUCKETS = f"""{_PRESENCE},
b AS (SELECT CAST((ts - ?) / ? AS INTEGER) AS k, ts, o, n FROM changes),
r AS (SELECT k, n, MAX(n) OVER (PARTITION BY k) AS peak,
             ROW_NUMBER() OVER (PARTITION BY k ORDER BY ts DESC, o DESC) AS rn FROM b)
SELECT k, peak, n FROM r WHERE rn = 1 ORDER BY k"""
_SESSION_TIPS = """
WITH s(i, lo, hi) AS (VALUES {values}),
per AS (SELECT s.i AS i, e.username AS u, SUM(e.tokens) AS tok, COUNT(*) AS n
        FROM s JOIN events e ON e.broadcaster = ? AND e.method = 'tip'
                             AND e.ts >= s.lo AND e.ts < s.hi
        GROUP BY s.i, e.username),
ranked AS (SELECT i, u, tok, n, SUM(tok) OVER (PARTITION BY i) AS total,
                  ROW_NUMBER() OVER (PARTITION BY i ORDER BY u IS NULL, tok DESC, u) AS rn
           FROM per)
SELECT i, total, u, tok, n FROM ranked WHERE rn = 1"""
_SESSION_FOLLOWS = """
WITH s(i, lo, hi) AS (VALUES {values})
SELECT s.i, COUNT(*) FROM s JOIN events e ON e.broadcaster = ? AND e.method = 'follow'
                                          AND e.ts >= s.lo AND e.ts < s.hi
GROUP BY s.i"""
_EXPORT = (
    'SELECT ts, "offset", id, method, username, tokens, language, text FROM events'
    ' WHERE broadcaster = ? AND ts < ? AND (ts, "offset") > (?, ?)'
    ' ORDER BY ts, "offset" LIMIT ?'
)


class SqliteAnalytics(SqliteTable):
    """The analytics half of the EventStore port, for SqliteEventStore."""

    def summary(self, broadcaster: str, start: float, end: float) -> Totals:
        """Counts/tokens per method, unique tippers and viewers, in three statements."""
        args = [broadcaster, start, end]
        rows = self._run(  # method IN (every method): one index range per method
            "SELECT method, COUNT(*), SUM(tokens) FROM events WHERE broadcaster = ?"
            f" AND method IN {_ALL_METHODS} AND ts >= ? AND ts < ? GROUP BY method",
            args,
        )
        tippers = self._run(
            f"SELECT COUNT(DISTINCT username) FROM events WHERE {_RANGE} AND method = 'tip'", args
        )[0][0]
        peak, viewer_ms = self._run(_PRESENCE_TOTALS, [*args, end])[0]  # '?' in text order
        return Totals(
            counts={method: int(n) for method, n, _ in rows},
            tokens={method: int(total or 0) for method, _, total in rows},
            unique_tippers=int(tippers),
            peak_viewers=int(peak),
            viewer_ms=int(viewer_ms),
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
        """Sparse bucket sums/counts on the grid origin_s + k * interval_s."""
        method, column = check_metric(metric, interval_s)
        value = f"SUM({column})" if column else "COUNT(*)"
        rows = self._run(
            f"SELECT CAST((ts - ?) / ? AS INTEGER) AS k, {value} FROM events"
            f" WHERE {_RANGE} AND method = ? GROUP BY k ORDER BY k",
            [origin_s, interval_s, broadcaster, start, end, method],
        )
        return [(float(origin_s + k * interval_s), float(v or 0)) for k, v in rows]

    def viewer_series(
        self, broadcaster: str, start: float, end: float, *, interval_s: int, origin_s: int = 0
    ) -> list[ViewerBucket]:
        """Peak and closing concurrent viewers of each bucket where the count changed."""
        rows = self._run(_PRESENCE_BUCKETS, [broadcaster, start, end, end, origin_s, interval_s])
        return [ViewerBucket(float(origin_s + k * interval_s), peak, n) for k, peak, n in rows]

    def top_tippers(
        self, broadcaster: str, start: float, end: float, *, limit: int
    ) -> list[Tipper]:
        """GROUP BY username over the window's tips."""
        rows = self._run(
            f"SELECT username, SUM(tokens) AS t, COUNT(*) FROM events WHERE {_RANGE}"
            " AND method = 'tip' AND username IS NOT NULL GROUP BY username"
            " ORDER BY t DESC, username LIMIT ?",
            [broadcaster, start, end, max(0, limit)],
        )
        return [Tipper(name, int(tokens or 0), int(n)) for name, tokens, n in rows]

    def viewer(
        self, broadcaster: str, username: str, start: float, end: float
    ) -> ViewerStats | None:
        """One user's history (parameters bound, so any username is safe)."""
        args = [broadcaster, start, end, username]
        where = f"{_RANGE} AND username = ?"
        first, last, events, tokens, tips, joined = self._run(
            "SELECT MIN(ts), MAX(ts), COUNT(*), SUM(CASE WHEN method = 'tip' THEN tokens END),"
            " SUM(method = 'tip'), MAX(CASE WHEN method = 'fanclubJoin' THEN ts END)"
            f" FROM events WHERE {where}",
            args,
        )[0]
        if not events:
            return None
        order = ' ORDER BY ts DESC, "offset" DESC LIMIT 1'
        last_tip = self._run(
            f"SELECT ts, tokens FROM events WHERE {where} AND method = 'tip'{order}", args
        )
        fanclub = self._run(
            f"SELECT json_extract(payload, '$.user.inFanclub') FROM events WHERE {where}{order}",
            args,
        )
        languages = self._run(
            f"SELECT DISTINCT language FROM events WHERE {where} AND language IS NOT NULL"
            " ORDER BY language",
            args,
        )
        return ViewerStats(
            username=username,
            first_seen=float(first),
            last_seen=float(last),
            events=int(events),
            tokens=int(tokens or 0),
            tips=int(tips or 0),
            last_tip_at=float(last_tip[0][0]) if last_tip else None,
            last_tip_tokens=int(last_tip[0][1]) if last_tip else None,
            fanclub_joined_at=float(joined) if joined is not None else None,
            in_fanclub=bool(fanclub and fanclub[0][0]) or joined is not None,
            languages=[row[0] for row in languages],
        )

    def broadcast_marks(
        self, broadcaster: str, start: float, end: float
    ) -> list[tuple[float, str]]:
        """broadcastStart/Stop events in order."""
        rows = self._run(
            f"SELECT ts, method FROM events WHERE {_RANGE}"
            " AND method IN ('broadcastStart', 'broadcastStop') ORDER BY ts, \"offset\"",
            [broadcaster, start, end],
        )
        return [(float(ts), method) for ts, method in rows]

    def session_stats(
        self, broadcaster: str, windows: Sequence[tuple[float, float]]
    ) -> list[SessionStats]:
        """One join of the windows (a VALUES list) against the events, per aggregate."""
        if not windows:
            return []
        values = ", ".join("(?, ?, ?)" for _ in windows)
        params: list[Any] = [x for i, (lo, hi) in enumerate(windows) for x in (i, lo, hi)]
        tips = self._run(_SESSION_TIPS.format(values=values), [*params, broadcaster])
        follows = dict(self._run(_SESSION_FOLLOWS.format(values=values), [*params, broadcaster]))
        by_index = {i: (total, u, tok, n) for i, total, u, tok, n in tips}
        out = []
        for i in range(len(windows)):
            total, name, tok, n = by_index.get(i, (0, None, 0, 0))
            top = Tipper(name, int(tok), int(n)) if name is not None else None
            out.append(SessionStats(int(total or 0), int(follows.get(i, 0)), top))
        return out

    def languages(self, broadcaster: str, start: float, end: float) -> dict[str, int]:
        """GROUP BY language over the window's chat messages."""
        rows = self._run(
            f"SELECT COALESCE(language, ?), COUNT(*) FROM events WHERE {_RANGE}"
            " AND method = 'chatMessage' GROUP BY 1",
            [UNKNOWN_LANGUAGE, broadcaster, start, end],
        )
        out: dict[str, int] = {}
        for language, n in rows:
            out[language] = out.get(language, 0) + int(n)
        return out

    def iter_range(
        self, broadcaster: str, start: float, end: float, *, page: int = 5_000
    ) -> Iterator[ExportRow]:
        """Keyset pages on (ts, offset): each page is one short query, nothing held open."""
        after: tuple[float, int] = (start, -(2**62))
        while True:
            rows = self._run(_EXPORT, [broadcaster, end, *after, page])
            for row in rows:
                yield ExportRow(*row)
            if len(rows) < page:
                return
            after = (rows[-1][0], rows[-1][1])

    def enforce_retention(self, days: int) -> RetentionResult:
        """Delete events older than `days`, per broadcaster in small transactions."""
        cutoff = time.time() - days * 86_400
        deleted = 0
        for (broadcaster,) in self._run("SELECT DISTINCT broadcaster FROM events"):
            while True:
                count = self._delete(
                    "DELETE FROM events WHERE rowid IN (SELECT rowid FROM events"
                    " WHERE broadcaster = ? AND ts < ? LIMIT 5000)",
                    [broadcaster, cutoff],
                )
                if count <= 0:
                    break
                deleted += count
        return RetentionResult(deleted, f"deleted {deleted} event(s) older than {days} days")
