"""/subscription answers: the tier, plans on offer, redirect URLs, webhook receipts."""

from __future__ import annotations

from typing import Literal

from server.api.schemas.account import TierLimits, TierName
from server.api.schemas.common import WireModel


class Plan(WireModel):
    plan: Literal["pro", "studio"]
    interval: Literal["month", "year"]
    limits: TierLimits


class SubscriptionView(WireModel):
    tier: TierName
    status: str | None
    current_period_end: str | None
    cancel_at_period_end: bool
    grace_ends_at: str | None
    has_billing_account: bool
    plans: list[Plan]


class RedirectUrl(WireModel):
    """Where to send the streamer (Stripe Checkout or the Customer Portal)."""

    url: str


class WebhookReceipt(WireModel):
    received: bool
    ignored: bool | None = None
    reason: str | None = None
    duplicate: bool | None = None
