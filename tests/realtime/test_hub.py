"""The /hub namespace: authenticated connect, subscribe with authorization, publish acks."""

from __future__ import annotations

import time

import pytest
from flask import Flask

from tests.realtime.conftest import hub_events, received_events, tip


def publish(sio, payload):
    return sio.emit("publish", payload, namespace="/hub", callback=True)


def subscribe(sio, broadcaster, since=None):
    body = (
        {"broadcaster": broadcaster}
        if since is None
        else {"broadcaster": broadcaster, "since": since}
    )
    return sio.emit("subscribe", body, namespace="/hub", callback=True)


@pytest.mark.parametrize(
    "auth", [None, {}, {"token": ""}, {"token": "garbage"}, "token", {"token": 42}]
)
def test_connect_without_a_valid_token_is_refused(connect, auth) -> None:
    assert not connect(auth=auth).is_connected("/hub")


def test_connect_sends_status(connect, link) -> None:
    sio = connect("alice")
    assert sio.is_connected("/hub")
    status = hub_events(sio, "status")[0]
    assert (status["store"], status["store_backend"], status["ingest"]) == ("ok", "sqlite", "none")


def test_connections_are_capped_by_tier(connect) -> None:
    first, second = connect("carl"), connect("carl")
    assert first.is_connected("/hub") and second.is_connected("/hub")
    assert not connect("carl").is_connected("/hub")
    second.disconnect(namespace="/hub")
    assert connect("carl").is_connected("/hub")


def test_subscribing_sends_the_rooms_status(connect, link) -> None:
    link("alice", "alice_room")
    viewer = connect("alice")
    hub_events(viewer, "status")
    subscribe(viewer, "alice_room")
    status = hub_events(viewer, "status")[0]
    assert (status["broadcaster"], status["ingest"], status["store"]) == (
        "alice_room",
        "extension",
        "ok",
    )


def test_owner_receives_published_events(connect, link) -> None:
    link("alice", "alice_room")
    viewer = connect("alice")
    ack = subscribe(viewer, "alice_room")
    assert ack["ok"] and ack["position"]["offset"] == 0 and ack["offset"] == 0
    assert ack["recovered"] is False and ack["replayed"] == 0
    publisher = connect("alice")
    ack = publish(publisher, tip("t1"))
    assert ack == {"ok": True, "accepted": 1, "duplicates": 0, "errors": [], "offsets": [1]}
    events = received_events(viewer)
    assert events[0]["offset"] == 1
    assert events[0]["event"]["tip"] == {"tokens": 25, "isAnon": False}


def test_another_accounts_room_is_refused(connect, link) -> None:
    link("alice", "alice_room")
    mallory = connect("mallory")
    ack = subscribe(mallory, "alice_room")
    assert ack["ok"] is False and ack["code"] == "forbidden"
    ack = publish(mallory, tip("m1"))
    assert ack["errors"] == [
        {"index": 0, "code": "forbidden", "message": "you do not own broadcaster 'alice_room'"}
    ]


def test_unlinked_room_is_refused_too(connect) -> None:
    assert subscribe(connect("nobody"), "ghost_room")["code"] == "forbidden"


def test_members_of_the_owning_account_may_subscribe(connect, link, client, auth, set_tier) -> None:
    set_tier("studio_owner", "studio")
    link("studio_owner", "studio_room")
    client.post("/api/v1/me/members", json={"sub": "analyst"}, headers=auth("studio_owner"))
    assert subscribe(connect("analyst"), "studio_room")["ok"] is True


@pytest.mark.parametrize(
    "name", ["Alice", "a b", "x'y", 'r"oom', "a,b", "a=b", "a\nb", "", 5, None]
)
def test_bad_broadcaster_names_are_refused(connect, name) -> None:
    assert subscribe(connect("alice"), name)["code"] == "invalid_broadcaster"


def test_duplicates_are_acked_not_repeated(connect, link) -> None:
    link("alice", "alice_room")
    viewer, publisher = connect("alice"), connect("alice")
    subscribe(viewer, "alice_room")
    publish(publisher, tip("dup"))
    ack = publish(publisher, [tip("dup"), tip("new")])
    assert (ack["accepted"], ack["duplicates"]) == (1, 1)
    assert [e["event"]["id"] for e in received_events(viewer)] == ["dup", "new"]


@pytest.mark.parametrize(
    "payload,code",
    [
        ("just text", "not_an_object"),
        (42, "not_an_object"),
        ({"broadcaster": "alice_room", "method": "tip", "tip": {"tokens": 5}}, "missing_field"),
        (tip("x", method="teleport"), "unknown_method"),
        (tip("neg", tokens=-5), "invalid_field"),
        (tip("flt", tokens=2.5), "invalid_field"),
        (tip("huge", tokens=10**12), "invalid_field"),
        (tip("bool", tokens=True), "invalid_field"),
        (tip("long", user={"username": "u" * 500}), "too_large"),
        ({"id": "i" * 200, "broadcaster": "alice_room", "method": "follow"}, "too_large"),
        ({"id": "inj", "broadcaster": "alice_room,method=x", "method": "follow"}, "invalid_field"),
    ],
)
def test_bad_events_get_a_clear_error_and_the_socket_stays(connect, link, payload, code) -> None:
    link("alice", "alice_room")
    sio = connect("alice")
    ack = publish(sio, payload)
    assert ack["ok"] is False
    assert ack["errors"][0]["code"] == code
    assert sio.is_connected("/hub")
    assert publish(sio, tip("after"))["accepted"] == 1


def test_a_batch_reports_errors_by_index(connect, link) -> None:
    link("alice", "alice_room")
    ack = publish(connect("alice"), [tip("a"), {"nope": 1}, tip("b"), tip("c", tokens=0)])
    assert ack["accepted"] == 2
    assert [(e["index"], e["code"]) for e in ack["errors"]] == [
        (1, "missing_field"),
        (3, "invalid_field"),
    ]


def test_a_10000_event_batch_is_answered_and_rate_limited_per_tier(connect, link) -> None:
    link("alice", "alice_room")
    ack = publish(connect("alice"), [tip(f"b{i}") for i in range(10_000)])
    # free tier: 50 events/s per broadcaster, a burst of one second (plus what refills meanwhile)
    assert 50 <= ack["accepted"] <= 60
    assert {e["code"] for e in ack["errors"]} == {"rate_limited"}
    assert len(ack["errors"]) == 10_000 - ack["accepted"]


def test_a_batch_over_the_cap_is_refused_whole(connect, link) -> None:
    link("alice", "alice_room")
    ack = publish(connect("alice"), [tip(f"c{i}") for i in range(10_001)])
    assert ack["accepted"] == 0 and ack["errors"][0]["code"] == "too_large"


def test_unknown_socket_events_get_an_error_code(connect) -> None:
    ack = connect("alice").emit("teleport", {}, namespace="/hub", callback=True)
    assert ack["code"] == "unknown_event"


def test_replay_since_offset_returns_missed_events_in_order(connect, link) -> None:
    link("alice", "alice_room")
    publisher = connect("alice")
    for i in range(5):
        publish(publisher, tip(f"r{i}"))
    late = connect("alice")
    ack = subscribe(late, "alice_room", since=2)  # the old integer form
    assert ack["offset"] == 5 and ack["position"]["offset"] == 5
    assert ack["recovered"] is True and ack["replayed"] == 3
    assert [e["offset"] for e in received_events(late)] == [3, 4, 5]
    publish(publisher, tip("r5"))
    assert [e["offset"] for e in received_events(late)] == [6]


def test_replay_beyond_the_ring_buffer_comes_from_the_store(app: Flask, connect, link) -> None:
    link("alice", "alice_room")
    publisher = connect("alice")
    for i in range(6):
        publish(publisher, tip(f"s{i}"))
    app_services = app.extensions["webcammer"]
    assert app_services.writer.drain(5)
    room = app_services.realtime.buffers.room("alice_room")
    for _ in range(4):
        room.ring.popleft()  # as if these had aged out of memory
    late = connect("alice")
    assert subscribe(late, "alice_room", since=0)["replayed"] == 6
    assert [e["offset"] for e in received_events(late)] == [1, 2, 3, 4, 5, 6]


def test_expired_token_mid_connection_refuses_publish_until_reauth(
    app: Flask, connect, link, token_for
) -> None:
    link("alice", "alice_room")
    sio = connect("alice")
    hub = app.extensions["webcammer"].socketio.server.namespace_handlers["/hub"]
    for client in hub.clients.values():
        client.token_exp = int(time.time()) - 3600
    ack = publish(sio, tip("late"))
    assert ack["code"] == "token_expired"
    assert hub_events(sio, "reauth")[0]["code"] == "token_expired"
    assert sio.emit("reauth", {"token": token_for("alice")}, namespace="/hub", callback=True)["ok"]
    assert publish(sio, tip("late"))["accepted"] == 1


def test_reauth_with_another_accounts_token_is_refused(connect, token_for) -> None:
    sio = connect("alice")
    ack = sio.emit("reauth", {"token": token_for("mallory")}, namespace="/hub", callback=True)
    assert ack["code"] == "forbidden"


def test_published_events_reach_the_store(app: Flask, connect, link) -> None:
    link("alice", "alice_room")
    publish(connect("alice"), [tip(f"p{i}") for i in range(20)])
    app_services = app.extensions["webcammer"]
    assert app_services.writer.drain(5)
    assert app.extensions["webcammer"].event_store.count("alice_room") == 20


def test_chat_text_is_not_stored_when_the_account_opts_out(
    app: Flask, client, auth, connect, link
) -> None:
    link("alice", "alice_room")
    client.patch("/api/v1/me", json={"privacy": {"store_chat_text": False}}, headers=auth("alice"))
    viewer = connect("alice")
    subscribe(viewer, "alice_room")
    chat = {
        "id": "c1",
        "broadcaster": "alice_room",
        "method": "chatMessage",
        "user": {"username": "bob"},
        "message": {"message": "my secret"},
    }
    publish(viewer, chat)
    assert received_events(viewer)[0]["event"]["message"]["message"] == "my secret"
    app.extensions["webcammer"].writer.drain(5)
    stored = app.extensions["webcammer"].event_store.query_range("alice_room", 0, time.time() + 60)
    assert stored[0].event.text is None


def test_a_full_spool_refuses_publishing_with_a_clear_code(make_config, token_for) -> None:
    import socket as socket_module

    from server import create_app
    from tests.conftest import close_app

    with socket_module.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed_port = probe.getsockname()[1]
    app = create_app(
        make_config(
            EVENT_STORE="influx",
            INFLUX_URL=f"http://127.0.0.1:{closed_port}",
            SPOOL_MAX_BYTES="4096",
        )
    )
    try:
        client = app.test_client()
        token = app.extensions["webcammer"].dev_issuer.mint("alice")
        headers = {"Authorization": f"Bearer {token}"}
        client.post("/api/v1/me/broadcasters", json={"broadcaster": "alice_room"}, headers=headers)
        sio = app.extensions["webcammer"].socketio.test_client(
            app, namespace="/hub", auth={"token": token}
        )
        codes: set[str] = set()
        for batch in range(40):
            ack = publish(sio, [tip(f"f{batch}-{i}") for i in range(5)])
            codes |= {e["code"] for e in ack["errors"]}
            if "store_full" in codes:
                break
            time.sleep(0.15)
        assert "store_full" in codes
        health = client.get("/api/v1/health").get_json()["checks"]["event_store"]
        assert health["ok"] is False and health["spool_depth"] > 0
    finally:
        close_app(app)
