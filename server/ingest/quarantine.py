"""The event quarantine: Events API events that could not be stored, kept raw with why.

Nothing the Events API serves is dropped silently: an event refused for good (not merely
delayed by the rate limit or a full spool) is written here by the poller's hooks, listed
and replayed by `flask events quarantine`, and counted in `/api/v1/health`.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from server.db import upsert_insert
from server.models import QuarantinedEvent, utcnow

SOURCE_EVENTS_API = "events_api"
RETRY_CODES = frozenset({"rate_limited", "store_full"})  # delayed, never quarantined
MAX_PAYLOAD_CHARS = 64 * 1024  # 4x the largest storable event
TRUNCATED_NOTE = " (payload truncated)"


def is_refused_for_good(error: dict[str, Any]) -> bool:
    """True for a publish error that no retry of the same payload can fix."""
    return error.get("code") not in RETRY_CODES


def safe_text(value: object, limit: int) -> str | None:
    """`value` as text any database can hold (no NUL, no lone surrogate), or None."""
    if not isinstance(value, str):
        return None
    text = value.encode("utf-8", "backslashreplace").decode("utf-8").replace("\x00", "\\x00")
    return text[:limit]


def payload_text(item: object) -> str:
    """The raw event as ASCII JSON (lone surrogates and NUL escaped, so it round-trips)."""
    return json.dumps(item, ensure_ascii=True, sort_keys=True, default=repr)


def _row(source: str, broadcaster: str, account_id: str | None, item: object, error: Any) -> Any:
    payload = payload_text(item)
    fingerprint = hashlib.sha256(f"{source}\0{broadcaster}\0{payload}".encode()).hexdigest()
    reason = safe_text(error.get("message"), 2_000) or "refused"
    if len(payload) > MAX_PAYLOAD_CHARS:
        payload, reason = payload[:MAX_PAYLOAD_CHARS], reason + TRUNCATED_NOTE
    found = item if isinstance(item, dict) else {}
    return {
        "fingerprint": fingerprint,
        "source": source,
        "broadcaster": broadcaster,
        "account_id": account_id,
        "event_id": safe_text(found.get("id"), 128),
        "method": safe_text(found.get("method"), 64),
        "code": safe_text(error.get("code"), 32) or "refused",
        "reason": reason,
        "payload": payload,
        "received_at": utcnow(),
        "attempts": 0,
    }


def quarantine(
    session: Session,
    refused: Iterable[tuple[object, dict[str, Any]]],
    *,
    source: str,
    broadcaster: str,
    account_id: str | None,
) -> int:
    """Keep each (raw event, publish error) pair; a pair already kept is left as it is.

    Commits; returns how many pairs were given. Raises on a database error, so the caller
    retries the page rather than lose the events.
    """
    rows = [_row(source, broadcaster, account_id, item, error) for item, error in refused]
    if not rows:
        return 0
    insert = upsert_insert(session, QuarantinedEvent.__table__).values(rows)
    session.execute(insert.on_conflict_do_nothing(index_elements=["fingerprint"]))
    session.commit()
    return len(rows)


def pending_count(session: Session) -> int:
    """How many quarantined events wait for a replay."""
    query = select(func.count()).select_from(QuarantinedEvent)
    return int(session.scalar(query.where(QuarantinedEvent.resolved_at.is_(None))) or 0)


def pending(
    session: Session, *, broadcaster: str | None = None, limit: int | None = None
) -> list[QuarantinedEvent]:
    """Quarantined events not yet replayed, oldest first."""
    query = select(QuarantinedEvent).where(QuarantinedEvent.resolved_at.is_(None))
    if broadcaster is not None:
        query = query.where(QuarantinedEvent.broadcaster == broadcaster)
    query = query.order_by(QuarantinedEvent.id)
    if limit is not None:
        query = query.limit(limit)
    return list(session.scalars(query))


def mark_resolved(rows: Iterable[QuarantinedEvent], when: datetime | None = None) -> None:
    stamp = when or utcnow()
    for row in rows:
        row.resolved_at = stamp
