"""A room's stored toolkit: settings, goal list and tip menu (owner writes, members read)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from server.errors import Forbidden
from server.models import Account, utcnow
from server.services.rooms.goals import Goal
from server.services.rooms.menu import MenuItem
from server.services.rooms.models import RoomGoal, RoomMenuItem, RoomSettings
from server.services.rooms.tipper_tiers import DEFAULT_THRESHOLDS, TIER_NAMES
from server.tiers import room_limits_for

MAX_TOKENS = 1_000_000  # one goal, item or threshold; above is a typo, not a price
MAX_LABEL_CHARS = 100
MAX_ITEMS = 50
DEFAULT_BIG_TIP = 500


def require_owner(account: Account, owner: Account) -> None:
    """Only the owning account writes; members read."""
    if account.id != owner.id:
        raise Forbidden(
            "Only the room's owner can change its goals, menu or overlays.", code="owner_only"
        )


def settings_of(session: Session, owner: Account, broadcaster: str) -> RoomSettings:
    """The room's settings row, created with the defaults on first use."""
    row = session.get(RoomSettings, broadcaster)
    if row is not None and row.account_id == owner.id:
        return row
    if row is not None:  # a room re-linked to another account starts fresh
        session.delete(row)
        session.execute(delete(RoomGoal).where(RoomGoal.broadcaster == broadcaster))
        session.execute(delete(RoomMenuItem).where(RoomMenuItem.broadcaster == broadcaster))
        session.flush()
    session.add(
        RoomSettings(
            broadcaster=broadcaster, account_id=owner.id, carry_over=True,
            menu_nearest_below=False, big_tip_tokens=DEFAULT_BIG_TIP, goals_reset_offset=0,
        )  # fmt: skip
    )
    try:
        session.commit()  # also on a read: the old owner's goals and menu must not linger
    except IntegrityError:  # a concurrent first request created it
        session.rollback()
    found = session.get(RoomSettings, broadcaster)
    assert found is not None
    return found


def goals_of(session: Session, broadcaster: str) -> list[Goal]:
    rows = session.scalars(
        select(RoomGoal).where(RoomGoal.broadcaster == broadcaster).order_by(RoomGoal.position)
    )
    return [Goal(row.label, row.tokens) for row in rows]


def menu_of(session: Session, broadcaster: str) -> list[MenuItem]:
    rows = session.scalars(
        select(RoomMenuItem)
        .where(RoomMenuItem.broadcaster == broadcaster)
        .order_by(RoomMenuItem.position)
    )
    return [MenuItem(row.name, row.tokens) for row in rows]


def _tier_cap(owner: Account, what: str, count: int, cap: int) -> None:
    if count > cap:
        raise Forbidden(
            f"The {owner.tier} plan allows {cap} {what}; remove some or upgrade.",
            code="tier_limit",
            details={"tier": owner.tier, "feature": what, "limit": cap},
        )


def replace_goals(
    session: Session,
    owner: Account,
    broadcaster: str,
    goals: Sequence[Goal],
    carry_over: bool | None,
) -> None:
    """The room's goal list becomes `goals` (in order); progress keeps its run."""
    _tier_cap(owner, "goals", len(goals), room_limits_for(owner.tier).goals)
    settings = settings_of(session, owner, broadcaster)
    if carry_over is not None:
        settings.carry_over = carry_over
    session.execute(delete(RoomGoal).where(RoomGoal.broadcaster == broadcaster))
    session.add_all(
        RoomGoal(broadcaster=broadcaster, position=i, label=g.label, tokens=g.tokens)
        for i, g in enumerate(goals)
    )
    session.commit()


def reset_goals(session: Session, owner: Account, broadcaster: str, head_offset: int) -> None:
    """Start the goal list over: only tips after `head_offset` count."""
    settings = settings_of(session, owner, broadcaster)
    settings.goals_reset_offset = head_offset
    settings.goals_reset_at = utcnow()
    session.commit()


def replace_menu(
    session: Session,
    owner: Account,
    broadcaster: str,
    items: Sequence[MenuItem],
    nearest_below: bool | None,
) -> None:
    _tier_cap(owner, "menu items", len(items), room_limits_for(owner.tier).menu_items)
    settings = settings_of(session, owner, broadcaster)
    if nearest_below is not None:
        settings.menu_nearest_below = nearest_below
    session.execute(delete(RoomMenuItem).where(RoomMenuItem.broadcaster == broadcaster))
    session.add_all(
        RoomMenuItem(broadcaster=broadcaster, position=i, name=item.name, tokens=item.tokens)
        for i, item in enumerate(items)
    )
    session.commit()


def thresholds_of(settings: RoomSettings) -> tuple[int, ...]:
    return tuple(settings.tier_thresholds or DEFAULT_THRESHOLDS)


def thresholds_view(settings: RoomSettings) -> dict[str, Any]:
    """The thresholds resource: big-tip alert level and the tipper tiers."""
    thresholds = thresholds_of(settings)
    return {
        "big_tip_tokens": settings.big_tip_tokens,
        "tipper_tiers": [
            {"level": i + 1, "name": name, "tokens": thresholds[i]}
            for i, name in enumerate(TIER_NAMES)
        ],
    }


def update_thresholds(
    session: Session,
    owner: Account,
    broadcaster: str,
    big_tip_tokens: int | None,
    tiers: Sequence[int] | None,
) -> RoomSettings:
    settings = settings_of(session, owner, broadcaster)
    if big_tip_tokens is not None:
        settings.big_tip_tokens = big_tip_tokens
    if tiers is not None:
        settings.tier_thresholds = list(tiers)
    session.commit()
    return settings
