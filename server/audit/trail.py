"""Reading and pruning the audit trail (the only place rows are ever deleted)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any, Final

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from server.models import AuditEntry

MAX_PAGE: Final = 200


def entries(
    session: Session, account_id: str, *, limit: int = 50, before_id: int | None = None
) -> tuple[list[AuditEntry], int | None]:
    """The account's rows, newest first, and the cursor of the next page (None at the end)."""
    query = select(AuditEntry).where(AuditEntry.account_id == account_id)
    if before_id is not None:
        query = query.where(AuditEntry.id < before_id)
    rows = list(session.scalars(query.order_by(AuditEntry.id.desc()).limit(limit + 1)))
    more = len(rows) > limit
    rows = rows[:limit]
    return rows, (rows[-1].id if more and rows else None)


def entry_view(entry: AuditEntry) -> dict[str, Any]:
    """The JSON shape of one row (API and CLI)."""
    at = entry.at if entry.at.tzinfo else entry.at.replace(tzinfo=UTC)  # SQLite: naive UTC
    return {
        "id": entry.id,
        "at": at.isoformat().replace("+00:00", "Z"),
        "actor": {"type": entry.actor_type, "id": entry.actor},
        "action": entry.action,
        "target": entry.target,
        "before": entry.before,
        "after": entry.after,
        "request_id": entry.request_id,
    }


def prune(session: Session, older_than: timedelta, now: datetime | None = None) -> int:
    """Delete rows older than `older_than` (retention); returns how many."""
    cutoff = (now or datetime.now(UTC)) - older_than
    result = session.execute(delete(AuditEntry).where(AuditEntry.at < cutoff))
    session.commit()
    return int(result.rowcount or 0)  # type: ignore[attr-defined]
