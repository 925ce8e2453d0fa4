"""Time helpers of the analytics service: `iso()` (straight into the zone) agrees with the
formatting through UTC it replaced, across DST changes and fractional starts."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from server.services.analytics.time_grid import iso, plan_grid

MARCH_2026_DST = 1774746000.0  # 2026-03-29 01:00 UTC: Berlin goes from +01:00 to +02:00


def through_utc(ts: float, zone: ZoneInfo) -> str:
    moment = datetime.fromtimestamp(round(ts * 1000) / 1000, UTC).astimezone(zone)
    return moment.isoformat(timespec="milliseconds")


@pytest.mark.parametrize("zone_name", ["Europe/Berlin", "Asia/Kolkata", "America/St_Johns", "UTC"])
@pytest.mark.parametrize("step", [60, 3600, 86400])
def test_iso_matches_the_utc_formatting_across_a_dst_change(zone_name: str, step: int) -> None:
    zone = ZoneInfo(zone_name)
    start = MARCH_2026_DST - 3 * 86400 + 0.4996  # a fractional start rounds like iso() does
    grid = plan_grid(start, start + 6 * 86400, step, zone)
    assert len(grid.edges) > 5
    assert [iso(at, zone) for at in grid.edges] == [through_utc(at, zone) for at in grid.edges]


def test_the_berlin_offset_changes_inside_the_hourly_grid() -> None:
    zone = ZoneInfo("Europe/Berlin")
    grid = plan_grid(MARCH_2026_DST - 7200, MARCH_2026_DST + 7200, 3600, zone)
    offsets = {iso(at, zone)[-6:] for at in grid.edges}
    assert offsets == {"+01:00", "+02:00"}
