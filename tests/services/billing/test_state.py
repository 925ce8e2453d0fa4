"""The rules that turn a Stripe subscription into a tier: shapes, ordering, grace."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from server.models import Account
from server.services.billing.state import (
    GRACE_PERIOD,
    SubscriptionSnapshot,
    entitled_tier,
    is_newer,
)

NOW = datetime(2026, 5, 1, 12, 0, tzinfo=UTC)


def test_a_legacy_subscription_shape_is_read_like_the_current_one() -> None:
    legacy = {
        "id": "sub_1",
        "customer": "cus_1",
        "status": "active",
        "current_period_end": 1_800_000_000,
        "cancel_at_period_end": False,
        "items": {"data": [{"plan": {"id": "plan_pro"}}]},
    }
    current = {
        "id": "sub_1",
        "customer": {"id": "cus_1", "object": "customer"},
        "status": "active",
        "cancel_at": None,
        "items": {"data": [{"price": {"id": "plan_pro"}, "current_period_end": 1_800_000_000}]},
    }
    assert SubscriptionSnapshot.from_object(legacy) == SubscriptionSnapshot.from_object(current)


def test_a_scheduled_cancel_counts_as_cancel_at_period_end() -> None:
    scheduled = {"id": "sub_2", "customer": "cus_1", "status": "active", "cancel_at": 1_900_000_000}
    assert SubscriptionSnapshot.from_object(scheduled).cancel_at_period_end is True


def test_newer_states_win_and_same_second_ties_go_to_the_later_lifecycle_step() -> None:
    account = Account(stripe_state_at=100, subscription_status="active")
    assert is_newer(account, "active", 101)
    assert not is_newer(account, "canceled", 99)
    assert is_newer(account, "canceled", 100)
    assert not is_newer(account, "incomplete", 100)
    assert not is_newer(Account(stripe_state_at=100, subscription_status="canceled"), "active", 100)


def test_past_due_keeps_the_paid_tier_only_within_the_grace_period() -> None:
    just_failed = NOW - timedelta(hours=1)
    long_ago = NOW - GRACE_PERIOD - timedelta(seconds=1)
    assert entitled_tier("past_due", "studio", just_failed, NOW) == "studio"
    assert entitled_tier("past_due", "studio", long_ago, NOW) == "free"
    assert entitled_tier("past_due", "studio", long_ago.replace(tzinfo=None), NOW) == "free"


def test_only_active_and_trialing_grant_the_paid_tier_outright() -> None:
    statuses = ("active", "trialing", "incomplete", "unpaid", "paused", "canceled")
    granted = {s for s in statuses if entitled_tier(s, "pro", None, NOW) == "pro"}
    assert granted == {"active", "trialing"}
