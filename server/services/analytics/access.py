"""Who may read a broadcaster's analytics, and the owner's private notes about viewers."""

from __future__ import annotations

import re

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from server.errors import Forbidden, NotFound, ValidationFailed
from server.events.schema import BROADCASTER_PATTERN
from server.models import Account, ViewerNote
from server.services.accounts import may_act_for, owner_of
from server.tiers import tier_for

BROADCASTER_RE = re.compile(BROADCASTER_PATTERN)
MAX_USERNAME_CHARS = 64
MAX_NOTES_CHARS = 10_000
MAX_NOTED_VIEWERS = 5_000
_CONTROL_RE = re.compile(r"[\x00-\x1f\x7f]")


def check_broadcaster(name: str) -> str:
    """The name when it is a valid room name, else 400 (before any store sees it)."""
    if not BROADCASTER_RE.fullmatch(name):
        raise ValidationFailed(
            "broadcaster must be 1-64 characters of a-z, 0-9 and _", code="invalid_broadcaster"
        )
    return name


def check_username(name: str) -> str:
    """Any platform username (quotes and unicode are fine); no control characters."""
    if not 0 < len(name) <= MAX_USERNAME_CHARS or _CONTROL_RE.search(name):
        raise ValidationFailed(
            f"username must be 1-{MAX_USERNAME_CHARS} characters without control characters",
            code="invalid_username",
        )
    return name


def readable_owner(session: Session, account: Account, broadcaster: str) -> Account:
    """The broadcaster's owning account if `account` may read its analytics.

    Anyone else gets the same 404 whether the broadcaster exists or not.
    """
    check_broadcaster(broadcaster)
    owner = owner_of(session, broadcaster)
    if owner is None or not may_act_for(session, owner, account):
        raise NotFound("No analytics for this broadcaster.")
    return owner


def history_days(owner: Account) -> int:
    """Days of history the owner's tier keeps (members see what the owner's plan keeps)."""
    return tier_for(owner.tier).analytics_history_days


def require_export(owner: Account) -> None:
    """CSV export is a pro/studio feature of the owning account."""
    if not tier_for(owner.tier).csv_export:
        raise Forbidden(
            "CSV export needs the pro or studio plan.",
            code="tier_limit",
            details={"tier": owner.tier, "feature": "csv_export"},
        )


def get_notes(session: Session, owner: Account, broadcaster: str, username: str) -> str:
    """The owner's notes about a viewer ('' when none)."""
    note = session.get(ViewerNote, (owner.id, broadcaster, username))
    return note.notes if note is not None else ""


def put_notes(
    session: Session, account: Account, owner: Account, broadcaster: str, username: str, notes: str
) -> str:
    """Replace the notes about a viewer; only the owner writes (members read)."""
    if account.id != owner.id:
        raise Forbidden("Only the broadcaster's owner can edit viewer notes.", code="owner_only")
    note = session.get(ViewerNote, (owner.id, broadcaster, username))
    if note is None:
        note = ViewerNote(account_id=owner.id, broadcaster=broadcaster, username=username)
        session.add(note)
    note.notes = notes
    session.commit()
    return note.notes


def noted_viewers(
    session: Session, owner: Account, broadcaster: str, limit: int
) -> tuple[list[str], bool]:
    """Viewers of the room with notes (not blank), latest edited first; True: more than `limit`."""
    rows = session.scalars(
        select(ViewerNote.username)
        .where(
            ViewerNote.account_id == owner.id,
            ViewerNote.broadcaster == broadcaster,
            func.trim(ViewerNote.notes) != "",
        )
        .order_by(ViewerNote.updated_at.desc(), ViewerNote.username)
        .limit(limit + 1)
    ).all()
    return list(rows[:limit]), len(rows) > limit
