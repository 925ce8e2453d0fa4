"""EventsApiPoller against a local fake Events API: what lands in the store, and when it stops.

Each poller here runs in the test thread; the fake answers 401 once its script is used up,
which ends the run. Sleeping is injected, so backoff timings are exact and instant.
"""

from __future__ import annotations

import logging
import time

import pytest

from server.events.schema import METHODS
from tests.ingest.chaturbate import recorded
from tests.ingest.chaturbate.conftest import BROADCASTER, link_row, stored_count, stored_events
from tests.ingest.chaturbate.fake_events_api import Reply
from tests.realtime.conftest import hub_events


def test_all_twelve_methods_land_in_the_store_in_offset_order(app, fake_api, make_poller) -> None:
    page = recorded.events(BROADCASTER)
    fake_api.add(fake_api.page(page, "p1"))
    make_poller().run()
    stored = stored_events(app)
    assert [s.event.id for s in sorted(stored, key=lambda s: s.offset)] == [e["id"] for e in page]
    assert [s.offset for s in sorted(stored, key=lambda s: s.offset)] == list(range(1, 13))
    assert {s.event.method for s in stored} == METHODS
    by_method = {s.event.method: s.event for s in stored}
    assert by_method["tip"].tip == {"tokens": 25, "isAnon": False, "message": "for the goal"}
    assert by_method["privateMessage"].message["toUser"] == BROADCASTER
    assert by_method["mediaPurchase"].media["tokens"] == 50
    assert by_method["roomSubjectChange"].subject == "Goal: dance at 500 #fun"
    assert by_method["follow"].user["isFollower"] is True  # the live API's extra flags are kept
    assert "subgender" not in by_method["follow"].user  # "" means none (as cb-events reads it)


def test_pages_are_followed_by_next_url_with_the_long_poll_timeout(
    app, fake_api, make_poller
) -> None:
    fake_api.add(
        fake_api.page(recorded.events(BROADCASTER)[:5], "p1"),
        fake_api.page([], "p1"),  # a quiet long poll: same cursor back
        fake_api.page(recorded.events(BROADCASTER)[5:], "p2"),
    )
    make_poller(longpoll_seconds=7).run()
    assert fake_api.cursors() == [None, "p1", "p1", "p2"]
    assert fake_api.timeouts() == ["7", "7", "7", "7"]  # ours replaces the API's timeout=10
    assert stored_count(app) == 12


def test_next_url_is_persisted_after_each_page(app, fake_api, make_poller) -> None:
    fake_api.add(fake_api.page(recorded.events(BROADCASTER), "p1"), fake_api.page([], "p2"))
    make_poller().run()
    assert link_row(app).next_url == fake_api.next_url("p2")


def test_a_restart_resumes_from_the_persisted_next_url(
    app, fake_api, make_poller, stored_feed
) -> None:
    account_id = stored_feed(next_url=fake_api.next_url("p41"))
    fake_api.add(fake_api.page(recorded.events(BROADCASTER), "p42"))
    make_poller(account_id).run()
    assert fake_api.cursors()[:2] == ["p41", "p42"]


def test_next_url_is_saved_only_once_the_pages_events_are_in_the_store(
    app, fake_api, make_poller
) -> None:
    """A crash right after saving nextUrl must not lose that page: the API never re-serves it."""
    store = app.extensions["webcammer"].event_store
    seen_when_saved: list[int] = []
    poller = make_poller()
    save = poller.hooks.save_progress

    def save_and_look(next_url: str) -> bool:
        saved = save(next_url)
        seen_when_saved.append(store.count(BROADCASTER))  # no drain: what a crash would leave
        return saved

    poller.hooks.save_progress = save_and_look
    fake_api.add(fake_api.page(recorded.events(BROADCASTER)[:5], "p1"))
    fake_api.add(fake_api.page(recorded.events(BROADCASTER)[5:], "p2"))
    poller.run()
    assert seen_when_saved == [5, 12]


def test_next_url_stays_put_when_the_events_are_not_durable_in_time(
    app, fake_api, make_poller, stored_feed, monkeypatch
) -> None:
    # as if the store were down and the spool full: nothing becomes durable in time
    monkeypatch.setattr(app.extensions["webcammer"].writer, "wait_durable", lambda *_: False)
    account_id = stored_feed()
    page = recorded.events(BROADCASTER)
    fake_api.add(fake_api.page(page, "p1"))
    make_poller(account_id).run()
    assert link_row(app).next_url is None  # a restart re-reads the page ...
    fake_api.add(fake_api.page(page, "p1"))
    make_poller(account_id).run()
    assert fake_api.cursors().count(None) == 2
    assert stored_count(app) == 12  # ... and the hub drops what it already has


def test_the_same_page_served_twice_is_stored_once(app, fake_api, make_poller) -> None:
    page = recorded.events(BROADCASTER)
    fake_api.add(fake_api.page(page, "p1"), fake_api.page(page, "p2"))
    make_poller().run()
    assert stored_count(app) == 12


def test_a_new_poller_replaying_old_events_adds_no_duplicates(
    app, fake_api, make_poller, stored_feed
) -> None:
    account_id = stored_feed()
    page = recorded.events(BROADCASTER)
    fake_api.add(fake_api.page(page, "p1"))
    make_poller(account_id).run()
    fake_api.add(fake_api.page(page, "p1"))  # e.g. a restart before nextUrl was saved
    make_poller(account_id).run()
    stored = stored_events(app)
    assert len(stored) == 12
    assert len({s.offset for s in stored}) == 12


def test_backoff_doubles_from_1s_to_30s_then_resets_after_success(
    app, fake_api, make_poller, sleeps
) -> None:
    fake_api.add(*(Reply(code, "oops") for code in (429, 500, 502, 520, 503, 504, 522)))
    fake_api.add(fake_api.page(recorded.events(BROADCASTER), "p1"), Reply(500, "oops"))
    poller = make_poller()
    poller.run()
    assert sleeps == [1, 2, 4, 8, 16, 30, 30, 1]
    assert stored_count(app) == 12
    assert len(fake_api.requests) == 10  # 7 errors, 1 page, 1 error, the final 401


def test_retry_after_of_a_429_is_honoured(fake_api, make_poller, sleeps) -> None:
    fake_api.add(Reply(429, "slow down", {"Retry-After": "12"}))
    make_poller().run()
    assert sleeps == [12]


def test_waited_too_long_follows_the_next_url_in_its_body(
    app, fake_api, make_poller, sleeps
) -> None:
    fake_api.add(
        fake_api.waited_too_long("w1"),
        fake_api.waited_too_long(None),  # no nextUrl: ask again, same URL
        fake_api.page(recorded.events(BROADCASTER), "p1"),
    )
    make_poller().run()
    assert fake_api.cursors()[:4] == [None, "w1", "w1", "p1"]
    assert sleeps == []
    assert stored_count(app) == 12


@pytest.mark.parametrize("code", [401, 403])
def test_a_rejected_token_stops_the_poller_and_tells_the_owner(
    app, fake_api, make_poller, connect, code
) -> None:
    owner = connect("alice")
    hub_events(owner, "status")  # drop the connect-time status
    fake_api.add(fake_api.page(recorded.events(BROADCASTER), "p1"), Reply(code, "denied"))
    fake_api.when_done = "idle"  # would poll forever if the rejection did not stop it
    poller = make_poller()
    poller.run()
    assert poller.status.state == "stopped"
    assert link_row(app).poll_status == f"stopped: token rejected ({code})"
    notices = [n for n in hub_events(owner, "status") if n.get("broadcaster") == BROADCASTER]
    assert {k: notices[-1][k] for k in ("ingest", "ingest_state", "reason")} == {
        "ingest": "events_api",
        "ingest_state": "stopped",
        "reason": f"token rejected ({code})",
    }
    assert len(fake_api.requests) == 2


def test_malformed_responses_back_off_then_polling_recovers(
    app, fake_api, make_poller, sleeps
) -> None:
    fake_api.add(
        Reply(200, "<html>oops</html>"),
        Reply(200, {"events": "nope", "nextUrl": fake_api.next_url("x")}),
        Reply(200, {"events": []}),  # no nextUrl
        fake_api.page(recorded.events(BROADCASTER), "p1"),
    )
    make_poller().run()
    assert sleeps == [1, 2, 4]
    assert stored_count(app) == 12


@pytest.mark.parametrize(
    "next_url",
    [
        "https://evil.example.com/events/alice_room/abc/?i=1",
        "http://localhost:1/events/alice_room/abc/?i=1",
        "ftp://127.0.0.1/events/alice_room/abc/",
    ],
)
def test_a_next_url_off_the_registered_host_stops_polling(
    app, fake_api, make_poller, next_url
) -> None:
    fake_api.add(Reply(200, {"events": recorded.events(BROADCASTER), "nextUrl": next_url}))
    poller = make_poller()
    poller.run()
    assert poller.status.state == "stopped"
    assert "nextUrl" in poller.status.reason
    assert len(fake_api.requests) == 1
    assert stored_count(app) == 0


def test_connection_errors_back_off(fake_api, make_poller, sleeps) -> None:
    fake_api.stop()
    poller = make_poller()

    def sleep(seconds: float) -> None:
        sleeps.append(seconds)
        if len(sleeps) == 4:
            poller.stop()

    poller.sleep = sleep
    poller.run()
    assert sleeps == [1, 2, 4, 8]
    assert poller.status.state == "stopped"


def test_events_over_the_tier_rate_are_delayed_not_dropped(app, fake_api, make_poller) -> None:
    busy = recorded.chat(BROADCASTER, 80)  # free tier: 50 events/s per broadcaster
    fake_api.add(fake_api.page(busy, "p1"))
    waits: list[float] = []

    def sleep(seconds: float) -> None:
        waits.append(seconds)
        time.sleep(0.6)  # let the rate bucket refill

    make_poller(sleep=sleep).run()
    assert stored_count(app) == 80
    assert waits and waits[0] == 1


def test_events_of_another_broadcaster_in_the_feed_are_refused(
    app, fake_api, make_poller, caplog
) -> None:
    page = recorded.events(BROADCASTER)[:2] + recorded.events("mallory", first=1)[:1]
    fake_api.add(fake_api.page(page, "p1"))
    poller = make_poller()
    poller.run()
    assert stored_count(app) == 2
    assert stored_count(app, "mallory") == 0
    assert poller.status.rejected_total == 1
    refusals = [r.getMessage() for r in caplog.records if "quarantined" in r.getMessage()]
    assert len(refusals) == 1 and repr(page[2]["id"]) in refusals[0]
    assert link_row(app).next_url == fake_api.next_url("p1")  # the page was still completed


def test_the_token_never_appears_in_logs(app, fake_api, make_poller, sleeps, caplog) -> None:
    caplog.set_level(logging.DEBUG)
    fake_api.add(
        fake_api.page(recorded.events(BROADCASTER), "p1"),
        Reply(500, "oops"),
        Reply(200, "not json"),
        fake_api.waited_too_long("p2"),
    )
    make_poller().run()
    fake_api.stop()
    poller = make_poller()
    poller.sleep = lambda _s: poller.stop()
    poller.run()  # connection refused
    assert "GET /events/alice_room/***" in caplog.text  # urllib3's line, redacted
    assert recorded.TOKEN not in caplog.text
    assert fake_api.token not in caplog.text


def test_events_without_a_broadcaster_are_stamped_with_the_feeds(app, fake_api, make_poller):
    page = recorded.events(BROADCASTER)
    for event in page:
        del event["object"]["broadcaster"]  # the API may omit it
    fake_api.add(fake_api.page(page, "p1"))
    make_poller().run()
    assert stored_count(app) == 12


def test_an_unexpected_status_backs_off_and_the_owner_can_see_why(
    app, fake_api, make_poller, sleeps
) -> None:
    fake_api.add(Reply(404, "<html>not found</html>"))
    poller = make_poller()
    poller.sleep = lambda seconds: (sleeps.append(seconds), poller.stop())
    poller.run()
    assert sleeps == [1]
    assert link_row(app).poll_status == "backing_off: HTTP 404"
