"""The poller on real-shaped pages: every storable event is stored, every other one is kept in
quarantine with its reason, and the page is completed (on SQLite and on real PostgreSQL)."""

from __future__ import annotations

import json
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import text

from server.ingest.chaturbate.pages import stamp_broadcaster
from tests.events.live_fixtures import PAGES, page, refused
from tests.ingest.chaturbate.conftest import BROADCASTER, link_row, stored_count, stored_events
from tests.ingest.chaturbate.quarantine_helpers import quarantined


@pytest.fixture
def app(app_on_each_database: Flask) -> Flask:  # this module runs on both databases
    return app_on_each_database


def every_fixture_event() -> tuple[list[Any], list[Any]]:
    """(all fixture events in the fake's room, the ones that cannot be stored)."""
    events, bad = [], []
    for name in PAGES:
        items = page(name, BROADCASTER)["events"]
        events.extend(items)
        bad.extend(item for i, item in enumerate(items) if i in refused(name))
    return events, bad


def test_every_fixture_event_is_stored_or_quarantined_and_the_page_completes(
    app, fake_api, make_poller, stored_feed, set_tier
) -> None:
    events, bad = every_fixture_event()
    account_id = stored_feed()
    set_tier("alice", "studio")  # 500 events/s: the whole page in one burst
    fake_api.add(fake_api.page(events, "p1"))
    poller = make_poller(account_id)
    poller.run()
    assert stored_count(app) == len(events) - len(bad)
    rows = quarantined(app)
    assert [json.loads(row.payload) for row in rows] == [
        stamp_broadcaster(item, BROADCASTER) for item in bad
    ]
    assert poller.status.rejected_total == len(bad)
    assert link_row(app).next_url == fake_api.next_url("p1")
    assert {row.source for row in rows} == {"events_api"}
    assert {row.broadcaster for row in rows} == {BROADCASTER}
    assert {row.account_id for row in rows} == {account_id}


def test_a_quarantined_row_keeps_the_reason_ids_and_arrival_time(
    app, fake_api, make_poller
) -> None:
    items = page("unstorable", BROADCASTER)["events"]
    fake_api.add(fake_api.page([items[6], items[10], items[26]], "p1"))
    make_poller().run()
    unknown, numeric_id, surrogate = quarantined(app)
    assert (unknown.method, unknown.event_id, unknown.code) == (
        "goalReached", items[6]["id"], "unknown_method"
    )  # fmt: skip
    assert "goalReached" in unknown.reason and unknown.received_at is not None
    assert numeric_id.event_id is None and numeric_id.code == "invalid_field"
    assert "surrogate" in surrogate.reason
    text = json.loads(surrogate.payload)["object"]["message"]["message"]
    assert text == items[26]["object"]["message"]["message"]  # the lone surrogate round-trips


def test_a_lone_surrogate_in_a_long_text_no_longer_stalls_the_feed(
    app, fake_api, make_poller, sleeps
) -> None:
    items = page("unstorable", BROADCASTER)["events"]
    good = page("testbed_session", BROADCASTER)["events"]
    fake_api.add(fake_api.page([good[0], items[26], good[1]], "p1"), fake_api.page(good[2:], "p2"))
    make_poller().run()
    assert stored_count(app) == len(good)
    assert link_row(app).next_url == fake_api.next_url("p2")
    assert sleeps == []  # no back-off: the page was never failed
    assert len(quarantined(app)) == 1


def test_a_page_served_again_is_not_quarantined_twice(app, fake_api, make_poller) -> None:
    items = page("unstorable", BROADCASTER)["events"][3:8]
    fake_api.add(fake_api.page(items, "p1"))
    make_poller().run()
    fake_api.add(fake_api.page(items, "p1"))  # a restart before nextUrl was saved
    make_poller().run()
    assert len(quarantined(app)) == len(items)


def test_stored_events_of_the_fixture_pages_keep_what_the_live_api_sends(
    app, fake_api, make_poller
) -> None:
    events = page("testbed_session", BROADCASTER)["events"]
    fake_api.add(fake_api.page(events, "p1"))
    make_poller().run()
    stored = {s.event.id: s.event for s in stored_events(app)}
    first = stored[events[0]["id"]]
    assert first.user is not None and first.user["hasDarkmode"] is True
    assert stored[events[1]["id"]].message == {
        "message": "hello there",
        "color": "",
        "font": "default",
    }


def test_when_the_quarantine_cannot_be_written_the_page_is_retried_not_lost(
    app, fake_api, make_poller, sleeps
) -> None:
    items = page("unstorable", BROADCASTER)["events"]
    good = page("testbed_session", BROADCASTER)["events"][:2]
    fake_api.add(fake_api.page([good[0], items[6], good[1]], "p1"))
    engine = app.extensions["webcammer"].db.engine
    with engine.begin() as conn:
        conn.execute(text("DROP TABLE event_quarantine"))
    make_poller().run()  # the page, a failed quarantine write, back-off, then 401
    assert link_row(app).next_url is None  # nextUrl not advanced: a restart re-reads the page
    assert sleeps and fake_api.cursors().count(None) == 2
    assert stored_count(app) == 2  # the good events were published; re-reading dedupes them


def test_nul_and_lone_surrogates_in_ids_and_methods_are_kept_escaped(
    app, fake_api, make_poller
) -> None:
    """PostgreSQL text holds neither: the row keeps a readable escape, the payload all of it."""
    body = {"broadcaster": BROADCASTER}
    odd = [
        {"method": "tip\x00", "id": "1-0", "object": body},
        {"method": "follow", "id": "2-\ud800", "object": body},
    ]
    fake_api.add(fake_api.page(odd, "p1"))
    make_poller().run()
    nul_method, surrogate_id = quarantined(app)
    assert (nul_method.method, nul_method.code) == ("tip\\x00", "unknown_method")
    assert (surrogate_id.event_id, surrogate_id.code) == ("2-\\ud800", "invalid_field")
    assert [json.loads(row.payload) for row in (nul_method, surrogate_id)] == odd
    assert link_row(app).next_url == fake_api.next_url("p1")
