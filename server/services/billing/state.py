"""How a Stripe subscription's state becomes an account's tier: ordering, entitlement, grace.

Pure rules on an Account row; no I/O. Used by the webhook handlers and by `billing sync`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, Final

from server.models import Account

#: A past_due subscription keeps its paid tier this long, then drops to free until paid.
GRACE_PERIOD: Final = timedelta(days=3)
#: Statuses that (may) carry a paid tier.
LIVE_STATUSES: Final = frozenset({"active", "trialing", "past_due"})
#: For two states stamped in the same second: the later step in a subscription's life wins.
STATUS_RANK: Final[dict[str | None, int]] = {
    None: -1,
    "incomplete": 0,
    "trialing": 1,
    "active": 2,
    "past_due": 2,
    "unpaid": 3,
    "paused": 3,
    "canceled": 4,
    "incomplete_expired": 4,
}


@dataclass(frozen=True, slots=True)
class TierChange:
    """An account whose tier changed; reported by sync and pushed to its sockets."""

    account_id: str
    sub: str
    previous: str
    tier: str
    status: str | None


@dataclass(frozen=True, slots=True)
class SubscriptionSnapshot:
    """The fields of a Stripe subscription that decide the tier (any API version)."""

    id: str
    customer: str
    status: str
    price_id: str | None
    current_period_end: int | None
    cancel_at_period_end: bool

    @classmethod
    def from_object(cls, obj: Mapping[str, Any]) -> SubscriptionSnapshot:
        """Read a subscription object (webhook payload or API response)."""
        items = (obj.get("items") or {}).get("data") or [{}]
        first = items[0] or {}
        price = first.get("price") or first.get("plan") or {}
        period_end = obj.get("current_period_end") or first.get("current_period_end")
        customer = obj.get("customer")
        return cls(
            id=str(obj["id"]),
            customer=str(customer.get("id") if isinstance(customer, dict) else customer),
            status=str(obj.get("status") or "incomplete"),
            price_id=price.get("id") if isinstance(price, dict) else str(price),
            current_period_end=int(period_end) if period_end else None,
            cancel_at_period_end=bool(obj.get("cancel_at_period_end") or obj.get("cancel_at")),
        )


def aware(moment: datetime | None) -> datetime | None:
    """SQLite hands back naive datetimes; every stored time is UTC."""
    if moment is None or moment.tzinfo is not None:
        return moment
    return moment.replace(tzinfo=UTC)


def from_epoch(seconds: int) -> datetime:
    return datetime.fromtimestamp(seconds, UTC)


def is_newer(account: Account, status: str | None, state_at: int) -> bool:
    """True when a state stamped `state_at` supersedes the stored one (same second: by rank)."""
    stored_at = account.stripe_state_at or 0
    if state_at != stored_at:
        return state_at > stored_at
    return STATUS_RANK.get(status, 0) >= STATUS_RANK.get(account.subscription_status, 0)


def grace_ends_at(account: Account) -> datetime | None:
    """When a past_due account loses its paid tier (None when not past_due)."""
    since = aware(account.past_due_since)
    if account.subscription_status != "past_due" or since is None:
        return None
    return since + GRACE_PERIOD


def entitled_tier(
    status: str, paid_tier: str, past_due_since: datetime | None, now: datetime
) -> str:
    """The tier a subscription in `status` grants right now."""
    if status in ("active", "trialing"):
        return paid_tier
    if status == "past_due":
        since = aware(past_due_since) or now
        return paid_tier if now - since < GRACE_PERIOD else "free"
    return "free"


def set_tier(account: Account, tier: str) -> TierChange | None:
    """Write `tier`; the change (or None) for notification and reports."""
    if account.tier == tier:
        return None
    change = TierChange(account.id, account.sub, account.tier, tier, account.subscription_status)
    account.tier = tier
    return change


def apply_snapshot(
    account: Account,
    snap: SubscriptionSnapshot,
    paid_tier: str | None,
    state_at: int,
    now: datetime,
) -> tuple[str | None, TierChange | None]:
    """Apply a subscription state if it is newer. Returns (reason it was ignored, tier change)."""
    tracked_live = account.subscription_status in LIVE_STATUSES
    if (
        snap.id != account.stripe_subscription_id
        and tracked_live
        and snap.status not in LIVE_STATUSES
    ):
        return "not_current_subscription", None
    if not is_newer(account, snap.status, state_at):
        return "stale", None
    if snap.status in LIVE_STATUSES and paid_tier is None:
        return "unknown_price", None
    past_due_since = None
    if snap.status == "past_due":
        past_due_since = aware(account.past_due_since) or from_epoch(state_at)
    account.stripe_subscription_id = snap.id
    account.subscription_status = snap.status
    account.current_period_end = (
        from_epoch(snap.current_period_end) if snap.current_period_end else None
    )
    account.cancel_at_period_end = snap.cancel_at_period_end
    account.past_due_since = past_due_since
    account.stripe_state_at = state_at
    return None, set_tier(
        account, entitled_tier(snap.status, paid_tier or "free", past_due_since, now)
    )


def expire_grace(account: Account, now: datetime) -> TierChange | None:
    """Drop a past_due account to free once its grace period is over (lazy, idempotent)."""
    ends = grace_ends_at(account)
    if ends is None or now < ends:
        return None
    return set_tier(account, "free")
