"""Both stores give the numbers computed independently from the generated events."""

from __future__ import annotations

from zoneinfo import ZoneInfo

import pytest

from server.adapters.eventstore.base import EventStore
from server.services.analytics.reports import Analytics, viewer_view
from server.services.analytics.time_grid import Window
from tests.services.analytics import expected
from tests.services.analytics.dataset import END, HOMES, NASTY_NAMES, NOW, START, Dataset

FULL = (START, END + 86_400)
BROADCASTERS = sorted(HOMES)


def service(store: EventStore) -> Analytics:
    return Analytics(store, clock=lambda: NOW)


def window(start: float, end: float, tz: str = "UTC") -> Window:
    return Window(start, end, ZoneInfo(tz))


def test_the_data_set_is_large_and_varied(dataset: Dataset) -> None:
    assert len(dataset.events) >= 50_000
    assert {s.event.broadcaster for s in dataset.events} == set(HOMES)
    assert len({s.event.method for s in dataset.events}) == 12


@pytest.mark.parametrize("broadcaster", BROADCASTERS)
def test_summary(loaded: EventStore, dataset: Dataset, broadcaster: str) -> None:
    got = service(loaded).summary(broadcaster, window(*FULL))
    want = expected.summary(dataset.of(broadcaster), *FULL, NOW)
    assert {k: got[k] for k in want} == want


def test_summary_of_a_partial_window_in_a_time_zone(loaded: EventStore, dataset: Dataset) -> None:
    start, end = START + 3.5 * 86_400 + 0.123, START + 15 * 86_400
    got = service(loaded).summary("bravo_tv", window(start, end, "America/New_York"))
    want = expected.summary(dataset.of("bravo_tv"), start, end, NOW)
    assert {k: got[k] for k in want} == want
    assert got["from"].endswith("-04:00") and got["to"].endswith("-05:00")  # across DST


@pytest.mark.parametrize("metric", ["tokens", "tips", "chat", "follows", "viewers"])
def test_hourly_series_over_three_weeks(loaded: EventStore, dataset: Dataset, metric: str) -> None:
    for broadcaster in ("alpha", "charlie99"):
        got = service(loaded).timeseries(broadcaster, window(*FULL), metric, "1h")
        want = expected.series(dataset.of(broadcaster), *FULL, metric, 3600, "UTC")
        assert [(p["ts"], p["value"]) for p in got["points"]] == want


@pytest.mark.parametrize("tz", ["UTC", "America/New_York", "Europe/Berlin", "Asia/Kolkata"])
@pytest.mark.parametrize("metric", ["tokens", "viewers"])
def test_daily_series_start_at_local_midnight(
    loaded: EventStore, dataset: Dataset, tz: str, metric: str
) -> None:
    got = service(loaded).timeseries("bravo_tv", window(*FULL, tz), metric, "1d")
    want = expected.series(dataset.of("bravo_tv"), *FULL, metric, 86_400, tz)
    assert [(p["ts"], p["value"]) for p in got["points"]] == want
    assert all(p["start"][11:19] == "00:00:00" for p in got["points"])


@pytest.mark.parametrize(("interval", "seconds", "span"), [("5m", 300, 86_400), ("1m", 60, 7_200)])
def test_short_interval_series_on_a_half_hour_zone(
    loaded: EventStore, dataset: Dataset, interval: str, seconds: int, span: int
) -> None:
    start = START + 5 * 86_400 + 13 * 3600 + 17
    got = service(loaded).timeseries(
        "charlie99", window(start, start + span, "Asia/Kolkata"), "chat", interval
    )
    want = expected.series(
        dataset.of("charlie99"), start, start + span, "chat", seconds, "Asia/Kolkata"
    )
    assert [(p["ts"], p["value"]) for p in got["points"]] == want


@pytest.mark.parametrize("broadcaster", BROADCASTERS)
def test_top_tippers(loaded: EventStore, dataset: Dataset, broadcaster: str) -> None:
    got = service(loaded).top_tippers(broadcaster, window(*FULL), 25)["tippers"]
    assert got == expected.top_tippers(dataset.of(broadcaster), *FULL, 25)


@pytest.mark.parametrize("username", [*NASTY_NAMES, "user_007", "never_seen"])
def test_viewer_profiles_even_for_awkward_names(
    loaded: EventStore, dataset: Dataset, username: str
) -> None:
    w = window(*FULL)
    stats = service(loaded).viewer("delta", username, w)
    want = expected.viewer(dataset.of("delta"), username, *FULL)
    if want is None:
        assert stats is None
        return
    assert stats is not None
    got = viewer_view(stats, username, "", w)
    assert (stats.first_seen, stats.last_seen) == (want["first_seen"], want["last_seen"])
    assert (got["events"], got["tokens"], got["tips"]) == (
        want["events"],
        want["tokens"],
        want["tips"],
    )
    assert (stats.last_tip_at, stats.last_tip_tokens) == (want["last_tip"] or (None, None))
    assert stats.fanclub_joined_at == want["fanclub_joined_at"]
    assert got["fanclub"]["member"] == want["member"]
    assert got["languages"] == want["languages"]


@pytest.mark.parametrize("broadcaster", BROADCASTERS)
def test_sessions(loaded: EventStore, dataset: Dataset, broadcaster: str) -> None:
    got = service(loaded).sessions(broadcaster, window(*FULL), 500)
    want = expected.session_rows(dataset.of(broadcaster), *FULL, NOW)
    assert got["total"] == len(want)
    for row, exp in zip(got["sessions"], want, strict=True):
        assert row["duration_seconds"] == round(exp["end"] - exp["start"], 3)
        assert (row["live"], row["tokens"], row["new_followers"]) == (
            exp["live"],
            exp["tokens"],
            exp["new_followers"],
        )
        assert row["top_tipper"] == exp["top_tipper"]


def test_the_special_broadcasts_are_paired_as_documented(loaded: EventStore) -> None:
    analytics = service(loaded)
    bravo = analytics.sessions("bravo_tv", window(*FULL), 500)["sessions"]
    assert bravo[-1]["start"] == window(*FULL).describe()["from"]  # started before the data
    charlie = analytics.sessions("charlie99", window(*FULL), 2)["sessions"]
    assert charlie[1]["duration_seconds"] == 3600  # lost stop: closed by the next start
    delta = analytics.sessions("delta", window(*FULL), 1)["sessions"]
    assert delta[0]["live"] and delta[0]["end"] is None


@pytest.mark.parametrize("broadcaster", BROADCASTERS)
def test_languages(loaded: EventStore, dataset: Dataset, broadcaster: str) -> None:
    got = service(loaded).languages(broadcaster, window(*FULL))
    want = expected.languages(dataset.of(broadcaster), *FULL)
    assert {row["language"]: row["messages"] for row in got["languages"]} == want
    assert got["total"] == sum(want.values())
    assert "und" in want


def test_export_rows_are_every_event_in_order(loaded: EventStore, dataset: Dataset) -> None:
    events = dataset.of("echo")
    rows = list(loaded.iter_range("echo", *FULL, page=997))
    assert [r.offset for r in rows] == [s.offset for s in events]
    for row, stored in zip(rows[::97], events[::97], strict=True):
        event = stored.event
        assert (row.ts, row.id, row.method, row.username) == (
            event.ts,
            event.id,
            event.method,
            event.username,
        )
        assert (row.tokens, row.text) == (event.tokens, event.text)


def test_influx_narrow_scans_page_through_large_windows(
    influx_loaded: EventStore, dataset: Dataset, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("server.adapters.eventstore.influx_analytics.SCAN_PAGE", 701)
    analytics = service(influx_loaded)
    events = dataset.of("alpha")
    assert analytics.top_tippers("alpha", window(*FULL), 100)["tippers"] == expected.top_tippers(
        events, *FULL, 100
    )
    got = analytics.summary("alpha", window(*FULL))
    assert got["average_viewers"] == expected.summary(events, *FULL, NOW)["average_viewers"]
