"""The `before_flush` hook: every audited change of an Account, PlatformLink or Membership in
the flush becomes an AuditEntry in the same transaction. A secret never reaches a row: the
Events API URL is recorded as "configured" or null."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Final

from sqlalchemy import event, inspect
from sqlalchemy.orm import Session, sessionmaker

from server.audit.actor import current_actor
from server.models import Account, AuditEntry, Membership, PlatformLink
from server.request_ids import current_request_id

#: Account attributes, grouped by the action their change is recorded as.
ACCOUNT_ACTIONS: Final[dict[str, tuple[str, ...]]] = {
    "tier.changed": ("tier",),
    "subscription.changed": (
        "subscription_status", "stripe_subscription_id", "cancel_at_period_end",
        "current_period_end",
    ),
    "customer.linked": ("stripe_customer_id",),
    "privacy.changed": ("store_chat_text", "send_private_to_ai"),
    "persona.changed": ("persona",),
}  # fmt: skip


class AppendOnly(RuntimeError):
    """The application tried to update or delete an audit row."""


def install(factory: sessionmaker[Session]) -> None:
    """Record audited changes of every session `factory` makes (idempotent)."""
    if not event.contains(factory, "before_flush", _before_flush):
        event.listen(factory, "before_flush", _before_flush)


def _before_flush(session: Session, _context: Any, _instances: Any) -> None:
    if any(isinstance(o, AuditEntry) for o in (*session.dirty, *session.deleted)):
        raise AppendOnly("audit rows are append-only; only `flask audit prune` deletes them")
    rows: list[dict[str, Any]] = []
    for obj in session.new:
        rows.extend(_created(obj))
    for obj in session.dirty:
        rows.extend(_changed(obj))
    for obj in session.deleted:
        rows.extend(_deleted(obj))
    if rows:
        actor_type, actor = current_actor()
        request_id = current_request_id()
        for row in rows:
            session.add(
                AuditEntry(actor_type=actor_type, actor=actor[:255], request_id=request_id, **row)
            )


def _created(obj: Any) -> list[dict[str, Any]]:
    if isinstance(obj, PlatformLink):
        rows = [
            _row(obj.account_id, "room.linked", obj.broadcaster, None, {"platform": obj.platform})
        ]
        if obj.events_url:
            rows.append(
                _row(
                    obj.account_id,
                    "events_url.set",
                    obj.broadcaster,
                    _url(None),
                    _url(obj.events_url),
                )
            )
        return rows
    if isinstance(obj, Membership):
        return [_row(obj.account_id, "member.added", obj.member_sub, None, _perms(obj.permissions))]
    return []


def _deleted(obj: Any) -> list[dict[str, Any]]:
    if isinstance(obj, PlatformLink):
        return [_row(obj.account_id, "room.unlinked", obj.broadcaster, _url(obj.events_url), None)]
    if isinstance(obj, Membership):
        return [
            _row(obj.account_id, "member.removed", obj.member_sub, _perms(obj.permissions), None)
        ]
    return []


def _changed(obj: Any) -> list[dict[str, Any]]:
    if isinstance(obj, Account):
        return [
            _row(obj.id, action, None, before, after)
            for action, names in ACCOUNT_ACTIONS.items()
            for before, after in [_diff(obj, names)]
            if before != after
        ]
    if isinstance(obj, PlatformLink):
        return _events_url_change(obj)
    if isinstance(obj, Membership):
        before, after = _diff(obj, ("permissions",))
        if before != after:
            old, new = before["permissions"], after["permissions"]
            return [
                _row(
                    obj.account_id,
                    "member.permissions_changed",
                    obj.member_sub,
                    _perms(old),
                    _perms(new),
                )
            ]
    return []


def _events_url_change(link: PlatformLink) -> list[dict[str, Any]]:
    history = inspect(link).attrs.events_url.history
    if not history.has_changes():
        return []
    old = history.deleted[0] if history.deleted else None
    new = link.events_url
    if old == new:
        return []
    action = (
        "events_url.set"
        if not old
        else ("events_url.removed" if not new else "events_url.replaced")
    )
    return [_row(link.account_id, action, link.broadcaster, _url(old), _url(new))]


def _diff(obj: Any, names: tuple[str, ...]) -> tuple[dict[str, Any], dict[str, Any]]:
    """(before, after) of the attributes in `names` (unchanged ones equal on both sides)."""
    state = inspect(obj)
    before, after = {}, {}
    for name in names:
        history = state.attrs[name].history
        current = getattr(obj, name)
        before[name] = history.deleted[0] if history.deleted else current
        after[name] = current
    return json_safe(before) or {}, json_safe(after) or {}


def _row(
    account_id: str, action: str, target: str | None, before: Any, after: Any
) -> dict[str, Any]:
    return {
        "account_id": account_id,
        "action": action,
        "target": target,
        "before": before,
        "after": after,
    }


def _url(events_url: str | None) -> dict[str, Any]:
    """Never the URL itself: its path carries the Events API token."""
    return {"events_url": "configured" if events_url else None}


def _perms(permissions: str | None) -> dict[str, Any]:
    return {"permissions": (permissions or "").split()}


def json_safe(value: Any) -> Any:
    """Dates as ISO 8601; dicts and lists walked; everything else as is."""
    if isinstance(value, dict):
        return {str(k): json_safe(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [json_safe(v) for v in value]
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value
