"""Overlay keys: random, stored as sha256, scoped to one room and one overlay kind."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from typing import Any, Final

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from server.audit import record_audit
from server.errors import Forbidden, NotFound, Unauthorized
from server.models import Account, new_id, utcnow
from server.services.accounts import owner_of
from server.services.rooms.models import OverlayKey
from server.signals import overlay_key_changed
from server.tiers import room_limits_for

#: overlay kind -> the event methods its sockets receive (never chat or private messages)
OVERLAY_KINDS: Final[dict[str, frozenset[str]]] = {
    "goal": frozenset({"broadcastStart"}),
    "alerts": frozenset({"tip"}),
    "top": frozenset({"tip", "broadcastStart"}),
    "menu": frozenset(),
    "ticker": frozenset({"tip", "follow", "fanclubJoin", "mediaPurchase"}),
}
KEY_PREFIX = "ovk_"


@dataclass(frozen=True, slots=True)
class IssuedKey:
    """A new key: the token is shown once and never stored."""

    overlay: OverlayKey
    token: str


def hash_key(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def overlay_view(row: OverlayKey, token: str | None = None) -> dict[str, Any]:
    """An overlay as the API lists it; `key` and `url` only when just issued."""
    view: dict[str, Any] = {
        "id": row.id, "broadcaster": row.broadcaster, "kind": row.kind, "label": row.label,
        "member_sub": row.member_sub, "options": row.options or {},
        "created_at": row.created_at.isoformat(),
    }  # fmt: skip
    if token is not None:
        view["key"] = token
        view["url"] = f"/overlay/?key={token}"
    return view


def live_overlays(session: Session, broadcaster: str) -> list[OverlayKey]:
    query = select(OverlayKey).where(
        OverlayKey.broadcaster == broadcaster, OverlayKey.revoked_at.is_(None)
    )
    return list(session.scalars(query.order_by(OverlayKey.created_at)))


def _check_cap(session: Session, owner: Account, member_sub: str | None) -> None:
    limits = room_limits_for(owner.tier)
    if member_sub is not None and not limits.member_overlays:
        raise Forbidden(
            "Per-member overlays need the studio plan.", code="tier_limit",
            details={"tier": owner.tier, "feature": "member_overlays"},
        )  # fmt: skip
    count = session.scalar(
        select(func.count())
        .select_from(OverlayKey)
        .where(OverlayKey.account_id == owner.id, OverlayKey.revoked_at.is_(None))
    )
    if (count or 0) >= limits.overlays:
        details = {"tier": owner.tier, "feature": "overlays", "limit": limits.overlays}
        raise Forbidden(
            f"The {owner.tier} plan allows {limits.overlays} overlays; revoke one or upgrade.",
            code="tier_limit",
            details=details,
        )


def create_overlay(
    session: Session, owner: Account, broadcaster: str, kind: str, *,
    label: str = "", options: dict[str, Any] | None = None, member_sub: str | None = None,
    actor_sub: str = "",
) -> IssuedKey:  # fmt: skip
    """A new overlay and its key (kind already validated by the request model)."""
    _check_cap(session, owner, member_sub)
    issued = _issue(session, owner, broadcaster, kind, label, options, member_sub)
    _audit(session, "created", issued.overlay)
    session.commit()
    _announce("created", issued.overlay, actor_sub)
    return issued


def _issue(
    session: Session, owner: Account, broadcaster: str, kind: str, label: str,
    options: dict[str, Any] | None, member_sub: str | None,
) -> IssuedKey:  # fmt: skip
    token = KEY_PREFIX + secrets.token_urlsafe(32)
    row = OverlayKey(
        id=new_id(), account_id=owner.id, broadcaster=broadcaster, kind=kind,
        key_hash=hash_key(token), label=label, member_sub=member_sub, options=options or {},
    )  # fmt: skip
    session.add(row)
    session.flush()
    return IssuedKey(row, token)


def owned_overlay(
    session: Session, owner: Account, broadcaster: str, overlay_id: str
) -> OverlayKey:
    row = session.get(OverlayKey, overlay_id)
    if (
        row is None
        or row.account_id != owner.id
        or row.broadcaster != broadcaster
        or row.revoked_at
    ):
        raise NotFound("No such overlay in this room.", code="overlay_not_found")
    return row


def rotate_overlay(session: Session, row: OverlayKey, actor_sub: str = "") -> IssuedKey:
    """Same overlay (kind, label, options) under a new key; the old key is revoked at once."""
    row.revoked_at = utcnow()
    owner = session.get(Account, row.account_id)
    assert owner is not None
    issued = _issue(
        session, owner, row.broadcaster, row.kind, row.label, row.options, row.member_sub
    )
    _audit(session, "rotated", row, replaced_by=issued.overlay)
    session.commit()
    _announce("rotated", row, actor_sub, replaced_by=issued.overlay.id)
    return issued


def revoke_overlay(session: Session, row: OverlayKey, actor_sub: str = "") -> None:
    row.revoked_at = utcnow()
    _audit(session, "revoked", row)
    session.commit()
    _announce("revoked", row, actor_sub)


def _audit(
    session: Session, action: str, row: OverlayKey, replaced_by: OverlayKey | None = None
) -> None:
    """One audit row, committed with the change; never the key itself (it is not stored)."""
    session.flush()
    after: dict[str, Any] = {"overlay_id": row.id, "kind": row.kind, "label": row.label}
    if replaced_by is not None:
        after["replaced_by"] = replaced_by.id
    record_audit(
        session, row.account_id, f"overlay_key.{action}", target=row.broadcaster, after=after
    )


def _announce(action: str, row: OverlayKey, actor_sub: str, replaced_by: str | None = None) -> None:
    """THE audit call site for overlay keys (the audit log and the hub listen to this signal)."""
    from server.signals import current_sender

    overlay_key_changed.send(
        current_sender(), action=action, account_id=row.account_id, broadcaster=row.broadcaster,
        overlay_id=row.id, kind=row.kind, actor_sub=actor_sub, replaced_by=replaced_by,
    )  # fmt: skip


def authenticate_overlay(session: Session, token: object) -> OverlayKey:
    """The live overlay of a key, else 401 overlay_key_invalid / overlay_key_revoked."""
    if not isinstance(token, str) or not token.startswith(KEY_PREFIX) or len(token) > 256:
        raise Unauthorized(
            "This overlay link is not valid; copy it again from the panel.",
            code="overlay_key_invalid",
        )
    row = session.scalar(select(OverlayKey).where(OverlayKey.key_hash == hash_key(token)))
    if row is None:
        raise Unauthorized(
            "This overlay link is not valid; copy it again from the panel.",
            code="overlay_key_invalid",
        )
    if row.revoked_at is not None or not _still_owned(session, row):
        raise Unauthorized(
            "This overlay link was revoked; make a new one in the panel.",
            code="overlay_key_revoked",
        )
    return row


def _still_owned(session: Session, row: OverlayKey) -> bool:
    """A room unlinked from (or moved off) the account takes its overlays with it."""
    owner = owner_of(session, row.broadcaster)
    return owner is not None and owner.id == row.account_id
