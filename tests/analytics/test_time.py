"""Time helpers of the analytics service: the fast edge formatter agrees with `iso()`."""

from __future__ import annotations

from zoneinfo import ZoneInfo

import pytest

from server.services.analytics_time import iso, iso_edges, plan_grid

MARCH_2026_DST = 1774746000.0  # 2026-03-29 01:00 UTC: Berlin goes from +01:00 to +02:00


@pytest.mark.parametrize("zone_name", ["Europe/Berlin", "Asia/Kolkata", "America/St_Johns", "UTC"])
@pytest.mark.parametrize("step", [60, 3600, 86400])
def test_iso_edges_match_iso_across_a_dst_change(zone_name: str, step: int) -> None:
    zone = ZoneInfo(zone_name)
    start = MARCH_2026_DST - 3 * 86400 + 0.4996  # a fractional start rounds like iso() does
    grid = plan_grid(start, start + 6 * 86400, step, zone)
    assert len(grid.edges) > 5
    assert iso_edges(grid.edges, zone) == [iso(at, zone) for at in grid.edges]


def test_the_berlin_offset_changes_inside_the_hourly_grid() -> None:
    zone = ZoneInfo("Europe/Berlin")
    grid = plan_grid(MARCH_2026_DST - 7200, MARCH_2026_DST + 7200, 3600, zone)
    offsets = {text[-6:] for text in iso_edges(grid.edges, zone)}
    assert offsets == {"+01:00", "+02:00"}
