"""/me: the account, its tier's limits and today's usage (also the hub's `usage` notice)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from server.api.schemas.common import WireModel, enum_of
from server.tiers import QUOTA_FEATURES, TIER_ORDER, Tier

if TYPE_CHECKING:
    TierName = str
    QuotaFeature = str
else:
    TierName = enum_of("TierName", TIER_ORDER)
    QuotaFeature = enum_of("QuotaFeature", QUOTA_FEATURES)
#: The Tier dataclass (server/tiers.py) is the limits' shape: one place.
TierLimits = Tier


class Privacy(WireModel):
    store_chat_text: bool
    send_private_to_ai: bool


class Member(WireModel):
    sub: str
    permissions: list[str]


class Account(WireModel):
    id: str
    sub: str
    email: str | None
    tier: TierName
    language: str
    privacy: Privacy
    broadcasters: list[str]
    members: list[Member]
    subscription_status: str | None


class QuotaUsage(WireModel):
    used: int
    limit: int


class Usage(WireModel):
    """Today's usage per quota feature (keys: server/tiers.py QUOTA_FEATURES)."""

    translate_chars: QuotaUsage
    reply_suggestions: QuotaUsage
    write_requests: QuotaUsage


class MeView(WireModel):
    account: Account
    limits: TierLimits
    usage: Usage
