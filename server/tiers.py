"""THE tier table: every per-tier limit lives here and nowhere else."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Final, Literal

TierName = Literal["free", "pro", "studio"]
TIER_ORDER: Final[tuple[TierName, ...]] = ("free", "pro", "studio")

#: Daily quota features metered by the usage ledger, mapped to their Tier field.
QUOTA_FEATURES: Final[dict[str, str]] = {
    "translate_chars": "translate_chars_per_day",
    "reply_suggestions": "reply_suggestions_per_day",
    "write_requests": "write_requests_per_day",
}


#: What one "Suggest replies" request costs against `reply_suggestions_per_day`: one, however
#: many ideas (1-5) it asks for. The streamer sees one click and one answer, so the quota counts
#: clicks; asking for 3 ideas must not silently use 3 of the free tier's 20 a day.
REPLY_REQUEST_COST: Final[int] = 1


@dataclass(frozen=True, slots=True)
class Tier:
    """Limits that one subscription tier grants."""

    name: TierName
    translate_chars_per_day: int
    reply_suggestions_per_day: int
    write_requests_per_day: int
    live_connections: int
    broadcasters_linked: int
    analytics_history_days: int
    publish_rate_per_broadcaster: int
    csv_export: bool
    max_members: int

    def daily_limit(self, feature: str) -> int:
        """Daily quota for a metered feature (see QUOTA_FEATURES)."""
        return int(getattr(self, QUOTA_FEATURES[feature]))

    def as_dict(self) -> dict[str, object]:
        """Public JSON view of the limits."""
        return asdict(self)


TIERS: Final[dict[str, Tier]] = {
    "free": Tier("free", 5_000, 20, 5, 2, 1, 7, 50, False, 0),
    "pro": Tier("pro", 200_000, 1_000, 200, 5, 1, 90, 200, True, 0),
    "studio": Tier("studio", 1_000_000, 5_000, 1_000, 25, 10, 730, 500, True, 10),
}

#: How long the longest-keeping tier retains history (used by retention maintenance).
LONGEST_HISTORY_DAYS: Final[int] = max(t.analytics_history_days for t in TIERS.values())


def tier_for(name: str | None) -> Tier:
    """The Tier for a stored tier name; anything unknown is treated as free."""
    return TIERS.get(name or "free", TIERS["free"])


def next_tier(name: str) -> str | None:
    """The tier above `name`, for upgrade hints; None at the top."""
    index = TIER_ORDER.index(tier_for(name).name)
    return TIER_ORDER[index + 1] if index + 1 < len(TIER_ORDER) else None


@dataclass(frozen=True, slots=True)
class RoomLimits:
    """What a tier grants in the room toolkit (goals, tip menu, overlays)."""

    goals: int
    menu_items: int
    overlays: int
    overlay_watermark: bool
    member_overlays: bool

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


ROOM_LIMITS: Final[dict[str, RoomLimits]] = {
    # goals, menu items, overlays, watermark on overlays, overlays per member
    "free": RoomLimits(1, 50, 1, True, False),
    "pro": RoomLimits(50, 50, 50, False, False),
    "studio": RoomLimits(50, 50, 200, False, True),
}


def room_limits_for(name: str | None) -> RoomLimits:
    """The room-toolkit limits of a stored tier name (unknown: free)."""
    return ROOM_LIMITS[tier_for(name).name]
