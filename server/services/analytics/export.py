"""CSV export of a broadcaster's events, produced page by page (never held in memory)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

from server.adapters.eventstore.base import EventStore
from server.adapters.eventstore.stats import ExportRow
from server.services.analytics.time_grid import Window, iso

COLUMNS = ("time", "offset", "id", "method", "username", "tokens", "language", "text")
ROWS_PER_CHUNK = 500
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: str | None) -> str:
    """Neutralize spreadsheet formulas in user-controlled text (CSV injection)."""
    if not value:
        return ""
    return "'" + value if value.startswith(_FORMULA_START) else value


def csv_chunks(
    store: EventStore, broadcaster: str, window: Window, *, page: int = 5_000
) -> Iterator[str]:
    """The header, then chunks of ROWS_PER_CHUNK rows, as the store pages them in."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    rows = (
        store.iter_range(broadcaster, window.start, window.end, page=page)
        if not window.empty
        else iter(())
    )
    for count, row in enumerate(rows, 1):
        writer.writerow(_cells(row, window))
        if count % ROWS_PER_CHUNK == 0:
            yield _drain(buffer)
    yield _drain(buffer)


def _cells(row: ExportRow, window: Window) -> list[object]:
    return [
        iso(row.ts, window.zone), row.offset, safe_cell(row.id), row.method,
        safe_cell(row.username), "" if row.tokens is None else row.tokens,
        safe_cell(row.language), safe_cell(row.text),
    ]  # fmt: skip


def _drain(buffer: io.StringIO) -> str:
    text = buffer.getvalue()
    buffer.seek(0)
    buffer.truncate()
    return text
