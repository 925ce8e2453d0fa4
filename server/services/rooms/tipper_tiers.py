"""Tipper tiers: a badge level from a viewer's lifetime tokens in the room."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

DEFAULT_THRESHOLDS: Final[tuple[int, ...]] = (100, 500, 2_000, 10_000)
TIER_NAMES: Final[tuple[str, ...]] = ("bronze", "silver", "gold", "diamond")
MAX_THRESHOLD: Final[int] = 100_000_000


def check_thresholds(thresholds: Sequence[int]) -> tuple[int, ...]:
    """The thresholds if there is one per tier name, each positive and above the last;
    else ValueError saying what to fix."""
    if len(thresholds) != len(TIER_NAMES):
        raise ValueError(
            f"give {len(TIER_NAMES)} thresholds, one per tier ({', '.join(TIER_NAMES)})"
        )
    previous = 0
    for value in thresholds:
        if type(value) is not int or not previous < value <= MAX_THRESHOLD:
            raise ValueError(
                f"thresholds must be whole token amounts, rising, from 1 to {MAX_THRESHOLD:,}"
            )
        previous = value
    return tuple(thresholds)


def tier_level(lifetime_tokens: int, thresholds: Sequence[int] = DEFAULT_THRESHOLDS) -> int:
    """0 below the first threshold; n when lifetime tokens reach the n-th (inclusive)."""
    return sum(1 for threshold in thresholds if lifetime_tokens >= threshold)


def tier_name(level: int) -> str | None:
    """The badge name of a level (None for level 0)."""
    return TIER_NAMES[level - 1] if level > 0 else None
