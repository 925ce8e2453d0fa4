"""Stream positions {offset, epoch}: all-or-nothing recovery, the replay cap, batch frames,
and acks that mean durable."""

from __future__ import annotations

import pytest
from flask import Flask

from server.realtime import recovery
from tests.realtime.conftest import received_events, tip
from tests.realtime.test_hub import publish, subscribe


@pytest.fixture(autouse=True)
def studio(set_tier) -> None:
    set_tier("alice", "studio")  # room for several sockets at once


def _room_with_events(connect, link, count: int):
    link("alice", "alice_room")
    publisher = connect("alice")
    for i in range(count):
        publish(publisher, tip(f"e{i}"))
    return publisher


def test_position_with_the_current_epoch_replays_every_missed_event(connect, link) -> None:
    publisher = _room_with_events(connect, link, 2)
    first = connect("alice")
    position = subscribe(first, "alice_room")["position"]
    assert position["offset"] == 2 and isinstance(position["epoch"], str) and position["epoch"]
    for i in range(3):
        publish(publisher, tip(f"missed{i}"))
    late = connect("alice")
    ack = subscribe(late, "alice_room", since=position)
    assert ack["recovered"] is True and ack["replayed"] == 3
    assert ack["position"] == {"offset": 5, "epoch": position["epoch"]}
    frames = [m for m in late.get_received("/hub") if m["name"] in ("event", "events")]
    assert [m["name"] for m in frames] == ["events"]  # several replayed: one batch frame
    assert [item["offset"] for item in frames[0]["args"][0]["items"]] == [3, 4, 5]


def test_another_epoch_is_not_recovered_and_nothing_is_replayed(connect, link) -> None:
    _room_with_events(connect, link, 3)
    late = connect("alice")
    ack = subscribe(late, "alice_room", since={"offset": 1, "epoch": "0ld0ld00"})
    assert ack["ok"] and ack["recovered"] is False and ack["replayed"] == 0
    assert ack["reason"] == "epoch_changed"
    assert received_events(late) == []


def test_a_position_ahead_of_the_stream_is_not_recovered(connect, link) -> None:
    _room_with_events(connect, link, 1)
    epoch = subscribe(connect("alice"), "alice_room")["position"]["epoch"]
    ack = subscribe(connect("alice"), "alice_room", since={"offset": 9, "epoch": epoch})
    assert ack["recovered"] is False and ack["reason"] == "ahead_of_stream"


def test_more_missed_events_than_the_cap_is_not_recovered_and_says_so(
    connect, link, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(recovery, "REPLAY_MAX_EVENTS", 2)
    _room_with_events(connect, link, 3)
    epoch = subscribe(connect("alice"), "alice_room")["position"]["epoch"]
    late = connect("alice")
    ack = subscribe(late, "alice_room", since={"offset": 0, "epoch": epoch})
    assert ack["recovered"] is False and ack["replayed"] == 0
    assert ack["reason"] == "replay_cap" and ack["cap"]["events"] == 2
    assert received_events(late) == []


def test_a_hole_in_the_history_is_never_replayed_in_part(app: Flask, connect, link) -> None:
    _room_with_events(connect, link, 4)
    app_services = app.extensions["webcammer"]
    store = app_services.event_store
    with store._lock:  # the store lost offsets 1-2
        store._db.execute('DELETE FROM events WHERE "offset" <= 2')
    room = app_services.realtime.buffers.room("alice_room")
    room.ring.popleft()
    room.ring.popleft()  # and memory no longer holds them either
    epoch = room.epoch
    late = connect("alice")
    ack = subscribe(late, "alice_room", since={"offset": 0, "epoch": epoch})
    assert ack["recovered"] is False and ack["reason"] == "history_lost"
    assert received_events(late) == []


@pytest.mark.parametrize(
    "since",
    [-1, "3", 1.5, {"offset": 1}, {"epoch": "x"}, {"offset": -1, "epoch": "x"},
     {"offset": 1, "epoch": 7}, {"offset": True, "epoch": "x"}, [1]],
)  # fmt: skip
def test_malformed_positions_get_invalid_since(connect, link, since) -> None:
    link("alice", "alice_room")
    ack = subscribe(connect("alice"), "alice_room", since=since)
    assert ack["ok"] is False and ack["code"] == "invalid_since"


def test_a_published_list_reaches_subscribers_as_one_events_frame(connect, link) -> None:
    link("alice", "alice_room")
    viewer = connect("alice")
    subscribe(viewer, "alice_room")
    viewer.get_received("/hub")
    ack = publish(connect("alice"), [tip("b1"), tip("b2"), tip("b3")])
    assert ack["offsets"] == [1, 2, 3]
    frames = [m for m in viewer.get_received("/hub") if m["name"] in ("event", "events")]
    assert len(frames) == 1 and frames[0]["name"] == "events"
    assert [i["offset"] for i in frames[0]["args"][0]["items"]] == [1, 2, 3]
    assert [i["event"]["id"] for i in frames[0]["args"][0]["items"]] == ["b1", "b2", "b3"]


def test_an_ack_comes_only_once_the_event_is_in_the_store(app: Flask, connect, link) -> None:
    link("alice", "alice_room")
    publisher = connect("alice")
    store = app.extensions["webcammer"].event_store
    for i in range(5):
        assert publish(publisher, tip(f"d{i}"))["accepted"] == 1
        assert store.count("alice_room") == i + 1  # no drain: the ack itself means stored
