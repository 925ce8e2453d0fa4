"""Tipper tiers from lifetime tokens, and the rules for custom thresholds."""

from __future__ import annotations

import pytest

from server.services.rooms.tipper_tiers import (
    DEFAULT_THRESHOLDS,
    check_thresholds,
    tier_level,
    tier_name,
)


def test_the_defaults_are_100_500_2000_10000() -> None:
    assert DEFAULT_THRESHOLDS == (100, 500, 2_000, 10_000)


@pytest.mark.parametrize(
    ("tokens", "level", "name"),
    [(0, 0, None), (99, 0, None), (100, 1, "bronze"), (499, 1, "bronze"), (500, 2, "silver"),
     (1_999, 2, "silver"), (2_000, 3, "gold"), (9_999, 3, "gold"), (10_000, 4, "diamond"),
     (10**9, 4, "diamond")],
)  # fmt: skip
def test_a_threshold_is_reached_at_exactly_its_amount(tokens: int, level: int, name: str) -> None:
    assert tier_level(tokens) == level
    assert tier_name(level) == name


def test_custom_thresholds_move_the_levels() -> None:
    assert tier_level(50, (10, 20, 30, 40)) == 4
    assert tier_level(25, (10, 20, 30, 40)) == 2


@pytest.mark.parametrize(
    "bad", [(100, 500, 2000), (100, 100, 200, 300), (0, 1, 2, 3), (-5, 1, 2, 3), (1, 2, 3, 10**12)]
)
def test_thresholds_must_be_four_rising_positive_amounts(bad: tuple[int, ...]) -> None:
    with pytest.raises(ValueError):
        check_thresholds(bad)


def test_valid_thresholds_pass_through() -> None:
    assert check_thresholds([1, 2, 3, 4]) == (1, 2, 3, 4)
