"""PUT/GET/DELETE /api/v1/platform/chaturbate: register a feed, see it flow, stop it.

Pollers here run as real background tasks against the local fake Events API.
"""

from __future__ import annotations

import logging
import time

import pytest
import requests

from tests.ingest.chaturbate import recorded
from tests.ingest.chaturbate.conftest import BROADCASTER, link_row, stored_count, wait_for
from tests.ingest.chaturbate.fake_events_api import Reply

URL = "/api/v1/platform/chaturbate"
GOOD = f"https://eventsapi.chaturbate.com/events/{BROADCASTER}/{recorded.TOKEN}/"


def put(client, auth, events_url, sub="alice"):
    return client.put(URL, json={"events_url": events_url}, headers=auth(sub))


def feed_state(client, auth, sub="alice"):
    body = client.get(URL, headers=auth(sub)).get_json()
    return next(b for b in body["broadcasters"] if b["broadcaster"] == BROADCASTER)


def test_registered_feed_flows_into_the_store_and_shows_connected(
    app, client, auth, fake_api, ingest
) -> None:
    fake_api.add(fake_api.page(recorded.events(BROADCASTER), "p1"))
    response = put(client, auth, fake_api.events_url)
    assert response.status_code == 200, response.get_json()
    body = response.get_json()
    assert body["broadcaster"] == BROADCASTER
    assert body["events_url"] == f"{fake_api.base}/events/{BROADCASTER}/****{recorded.TOKEN[-4:]}/"
    assert wait_for(lambda: stored_count(app) == 12)
    state = wait_for(
        lambda: feed_state(client, auth)["state"] == "connected" and feed_state(client, auth)
    )
    assert state["events_total"] == 12 and state["events_rejected"] == 0
    assert state["last_event_at"]
    assert recorded.TOKEN not in response.get_data(as_text=True)
    assert recorded.TOKEN not in client.get(URL, headers=auth("alice")).get_data(as_text=True)
    assert link_row(app).events_url == fake_api.events_url  # the secret is stored, not shown


def test_registering_links_the_broadcaster_to_the_account(client, auth, fake_api, ingest) -> None:
    put(client, auth, fake_api.events_url)
    me = client.get("/api/v1/me", headers=auth("alice")).get_json()
    assert me["account"]["broadcasters"] == [BROADCASTER]


def test_a_rejected_token_shows_stopped_with_the_reason(client, auth, fake_api, ingest) -> None:
    fake_api.add(Reply(401, {"status": "Unauthorized"}))
    put(client, auth, fake_api.events_url)
    state = wait_for(
        lambda: feed_state(client, auth)["state"] == "stopped" and feed_state(client, auth)
    )
    assert state["reason"] == "token rejected (401)"


def test_registering_again_replaces_the_running_poller(client, auth, fake_api, ingest) -> None:
    put(client, auth, fake_api.events_url)
    first = ingest.poller(BROADCASTER)
    put(client, auth, fake_api.events_url)
    second = ingest.poller(BROADCASTER)
    assert first is not second
    assert first.stopped and not second.stopped


def test_delete_stops_polling_and_forgets_the_url(app, client, auth, fake_api, ingest) -> None:
    put(client, auth, fake_api.events_url)
    poller = ingest.poller(BROADCASTER)
    response = client.delete(f"{URL}/{BROADCASTER}", headers=auth("alice"))
    assert response.status_code == 200
    assert response.get_json()["state"] == "not_configured"
    assert response.get_json()["events_url"] is None
    assert poller.stopped and ingest.poller(BROADCASTER) is None
    row = link_row(app)
    assert row.events_url is None and row.next_url is None
    seen = len(fake_api.requests)
    assert not wait_for(lambda: len(fake_api.requests) > seen + 1, timeout=0.3)


def test_delete_of_another_accounts_broadcaster_is_forbidden(
    client, auth, fake_api, ingest
) -> None:
    put(client, auth, fake_api.events_url)
    response = client.delete(f"{URL}/{BROADCASTER}", headers=auth("bob"))
    assert response.status_code == 403
    assert client.delete(f"{URL}/nobody_here", headers=auth("bob")).status_code == 404


def test_another_accounts_broadcaster_cannot_be_registered(client, auth, fake_api, ingest) -> None:
    assert put(client, auth, fake_api.events_url).status_code == 200
    response = put(client, auth, fake_api.events_url, sub="bob")
    assert response.status_code == 409
    assert response.get_json()["code"] == "taken"
    assert recorded.TOKEN not in response.get_data(as_text=True)


def test_the_tier_cap_on_linked_broadcasters_applies(client, auth, fake_api, ingest) -> None:
    put(client, auth, fake_api.events_url)
    other = f"https://eventsapi.chaturbate.com/events/alice_second/{recorded.TOKEN}/"
    response = put(client, auth, other)
    assert response.status_code == 403
    assert response.get_json()["code"] == "tier_limit"


@pytest.mark.parametrize(
    "events_url",
    [
        "",
        "not a url",
        f"http://eventsapi.chaturbate.com/events/{BROADCASTER}/{recorded.TOKEN}/",
        f"https://evil.example.com/events/{BROADCASTER}/{recorded.TOKEN}/",
        f"https://eventsapi.chaturbate.com.evil.example/events/{BROADCASTER}/{recorded.TOKEN}/",
        f"https://eventsapi.chaturbate.com:8443/events/{BROADCASTER}/{recorded.TOKEN}/",
        f"https://me:pw@eventsapi.chaturbate.com/events/{BROADCASTER}/{recorded.TOKEN}/",
        f"https://eventsapi.chaturbate.com/api/{BROADCASTER}/{recorded.TOKEN}/",
        f"https://eventsapi.chaturbate.com/events/{BROADCASTER}/",
        f"https://eventsapi.chaturbate.com/events/bad-name!/{recorded.TOKEN}/",
        f"https://eventsapi.chaturbate.com/events/{BROADCASTER}/{recorded.TOKEN}/#x",
        f"http://127.0.0.1:9/events/{BROADCASTER}/{recorded.TOKEN}/",  # only for tests' fake
    ],
)
def test_bad_events_urls_are_refused_in_the_one_error_shape(client, auth, events_url) -> None:
    response = put(client, auth, events_url)
    assert response.status_code == 400
    body = response.get_json()
    assert set(body) == {"code", "message", "details", "request_id"}
    assert body["code"] in ("invalid_events_url", "validation_error")
    assert recorded.TOKEN not in response.get_data(as_text=True)


@pytest.mark.parametrize(
    "body", [{"events_url": 42}, {"events_url": GOOD, "extra": 1}, {}, {"url": GOOD}]
)
def test_malformed_bodies_are_refused(client, auth, body) -> None:
    response = client.put(URL, json=body, headers=auth("alice"))
    assert response.status_code == 400
    assert set(response.get_json()) == {"code", "message", "details", "request_id"}
    assert recorded.TOKEN not in response.get_data(as_text=True)


def test_testbed_urls_are_accepted(client, auth, app) -> None:
    testbed = f"https://events.testbed.cb.dev/events/{BROADCASTER}/{recorded.TOKEN}/"
    manager = app.extensions["webcammer"].feeds
    manager.http_factory = _NoNetwork
    manager.sleep = lambda _seconds: time.sleep(0.01)
    try:
        response = put(client, auth, testbed)
        assert response.status_code == 200
        assert response.get_json()["events_url"].startswith("https://events.testbed.cb.dev/")
    finally:
        manager.stop_all()


def test_endpoints_require_a_token(client) -> None:
    assert client.get(URL).status_code == 401
    assert client.put(URL, json={"events_url": GOOD}).status_code == 401
    assert client.delete(f"{URL}/{BROADCASTER}").status_code == 401


def test_status_lists_every_linked_broadcaster(client, auth) -> None:
    client.post("/api/v1/me/broadcasters", json={"broadcaster": "plain_room"}, headers=auth("al"))
    body = client.get(URL, headers=auth("al")).get_json()
    assert body == {
        "platform": "chaturbate",
        "broadcasters": [
            {
                "broadcaster": "plain_room",
                "events_url": None,
                "state": "not_configured",
                "reason": None,
                "last_event_at": None,
                "events_total": None,
                "events_rejected": None,
                "retry_in": None,
            }
        ],
    }


def test_stored_feeds_resume_when_the_server_starts(
    app, fake_api, ingest, stored_feed, caplog
) -> None:
    caplog.set_level(logging.DEBUG)
    stored_feed(next_url=fake_api.next_url("p7"))
    fake_api.add(fake_api.page(recorded.events(BROADCASTER), "p8"))
    assert ingest.start_registered() == 1
    assert wait_for(lambda: stored_count(app) == 12)
    assert fake_api.cursors()[0] == "p7"
    assert recorded.TOKEN not in caplog.text


def test_feeds_stopped_for_good_are_not_restarted(app, fake_api, ingest, stored_feed) -> None:
    stored_feed(poll_status="stopped: token rejected (401)")
    assert ingest.start_registered() == 0
    assert fake_api.requests == []


class _NoNetwork:
    """An HTTP client for feeds on real hosts in tests: every request fails to connect."""

    def get(self, url, **kwargs):
        raise requests.ConnectionError("no network in tests")
