"""Accounts: created on first authenticated request; who may see which broadcaster."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, joinedload

from server.db import upsert_insert
from server.errors import Conflict, Forbidden, NotFound, ValidationFailed
from server.models import Account, Membership, PlatformLink, new_id
from server.tiers import tier_for


def get_or_create_account(session: Session, sub: str, email: str | None) -> Account:
    """The account of `sub`, inserted atomically on first sight (safe under concurrency)."""
    by_sub = select(Account).options(joinedload(Account.links)).where(Account.sub == sub)
    account = session.scalars(by_sub).unique().first()
    if account is None:
        insert = upsert_insert(session, Account.__table__).values(
            id=new_id(),
            sub=sub,
            email=email,
            tier="free",
            language="en",
            store_chat_text=True,
            send_private_to_ai=False,
            cancel_at_period_end=False,
            stripe_state_at=0,
        )
        session.execute(insert.on_conflict_do_nothing(index_elements=["sub"]))
        session.commit()
        account = session.scalars(by_sub).unique().first()
        assert account is not None
    elif email and account.email != email:
        account.email = email
        session.commit()
    return account


def owner_of(session: Session, broadcaster: str) -> Account | None:
    """The account a broadcaster is linked to, if any."""
    return session.scalar(
        select(Account).join(PlatformLink).where(PlatformLink.broadcaster == broadcaster)
    )


def can_read_broadcaster(
    session: Session, account: Account, broadcaster: str, permission: str = "read:analytics"
) -> bool:
    """Owner, or a member of the owning account holding `permission`."""
    owner = owner_of(session, broadcaster)
    return owner is not None and may_act_for(session, owner, account, permission)


def may_act_for(
    session: Session, owner: Account, account: Account, permission: str = "read:analytics"
) -> bool:
    """`account` is `owner`, or a member of it holding `permission`."""
    if owner.id == account.id:
        return True
    membership = session.scalar(
        select(Membership).where(
            Membership.account_id == owner.id, Membership.member_sub == account.sub
        )
    )
    return membership is not None and membership.has(permission)


def owns_broadcaster(session: Session, account: Account, broadcaster: str) -> bool:
    owner = owner_of(session, broadcaster)
    return owner is not None and owner.id == account.id


PERMISSIONS = frozenset({"read:analytics"})


def account_dict(session: Session, account: Account) -> dict[str, object]:
    """Public JSON view of an account (no Stripe ids, no secrets)."""
    members = session.scalars(select(Membership).where(Membership.account_id == account.id))
    return {
        "id": account.id,
        "sub": account.sub,
        "email": account.email,
        "tier": account.tier,
        "language": account.language,
        "privacy": {
            "store_chat_text": account.store_chat_text,
            "send_private_to_ai": account.send_private_to_ai,
        },
        "broadcasters": sorted(link.broadcaster for link in account.links),
        "members": [{"sub": m.member_sub, "permissions": m.permissions.split()} for m in members],
        "subscription_status": account.subscription_status,
    }


def update_settings(session: Session, account: Account, changes: dict[str, object]) -> None:
    """Apply language/privacy changes (already validated; None means unchanged)."""
    if changes.get("language"):
        account.language = str(changes["language"])
    privacy = changes.get("privacy") or {}
    assert isinstance(privacy, dict)
    for name in ("store_chat_text", "send_private_to_ai"):
        if privacy.get(name) is not None:
            setattr(account, name, bool(privacy[name]))
    session.commit()


def link_broadcaster(session: Session, account: Account, broadcaster: str) -> PlatformLink:
    """Link `broadcaster` to `account`; refuses rooms linked elsewhere or over the tier cap."""
    owner = owner_of(session, broadcaster)
    if owner is not None and owner.id != account.id:
        raise Conflict("This broadcaster is already linked to another account.", code="taken")
    existing = next((link for link in account.links if link.broadcaster == broadcaster), None)
    if existing is not None:
        return existing
    cap = tier_for(account.tier).broadcasters_linked
    if len(account.links) >= cap:
        raise Forbidden(
            f"The {account.tier} tier links at most {cap} broadcaster(s); upgrade to link more.",
            code="tier_limit",
            details={"limit": cap, "tier": account.tier},
        )
    link = PlatformLink(account_id=account.id, platform="chaturbate", broadcaster=broadcaster)
    session.add(link)
    session.commit()
    session.refresh(account)
    return link


def unlink_broadcaster(session: Session, account: Account, broadcaster: str) -> None:
    link = next((link for link in account.links if link.broadcaster == broadcaster), None)
    if link is None:
        raise NotFound("No such broadcaster on this account.")
    session.delete(link)
    session.commit()
    session.refresh(account)


def add_member(session: Session, account: Account, sub: str, permissions: list[str]) -> None:
    """Let identity `sub` into this account with `permissions` (studio tier)."""
    unknown = set(permissions) - PERMISSIONS
    if unknown:
        raise ValidationFailed(f"Unknown permission(s): {', '.join(sorted(unknown))}")
    cap = tier_for(account.tier).max_members
    count = len(
        list(session.scalars(select(Membership).where(Membership.account_id == account.id)))
    )
    if count >= cap:
        raise Forbidden(
            f"The {account.tier} tier allows {cap} member(s); upgrade to studio for members.",
            code="tier_limit",
            details={"limit": cap, "tier": account.tier},
        )
    session.add(
        Membership(account_id=account.id, member_sub=sub, permissions=" ".join(permissions))
    )
    try:
        session.commit()
    except IntegrityError as exc:
        session.rollback()
        raise Conflict("That identity is already a member.") from exc


def remove_member(session: Session, account: Account, sub: str) -> None:
    membership = session.scalar(
        select(Membership).where(Membership.account_id == account.id, Membership.member_sub == sub)
    )
    if membership is None:
        raise NotFound("No such member on this account.")
    session.delete(membership)
    session.commit()
