"""The audit trail: who (a user's sub, a Stripe event, the CLI, the system) changed what in
an account, before and after, when, under which request id.

Model changes are recorded by one `before_flush` hook (`changes.py`), whatever path made them
(REST, webhook, CLI, grace expiry); events that change no row (a dev token minted, an overlay
key shown) call `record_audit`. Rows are append-only: only `flask audit prune` deletes them.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from server.audit.actor import acting_as, current_actor
from server.audit.changes import install, json_safe
from server.models import AuditEntry
from server.request_ids import current_request_id

__all__ = ["acting_as", "current_actor", "install", "record_audit"]


def record_audit(
    session: Session,
    account_id: str,
    action: str,
    *,
    target: str | None = None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    actor: tuple[str, str] | None = None,
) -> AuditEntry:
    """Add one audit row to `session` (the caller's commit stores it with its change).

    `action` is a dotted name (e.g. "overlay_key.created"); `before`/`after` must never hold
    a secret (say {"key": "created"}, not the key)."""
    actor_type, actor_name = actor or current_actor()
    entry = AuditEntry(
        account_id=account_id, actor_type=actor_type, actor=actor_name[:255], action=action,
        target=target, before=json_safe(before), after=json_safe(after),
        request_id=current_request_id(),
    )  # fmt: skip
    session.add(entry)
    return entry
