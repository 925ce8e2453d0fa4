"""Real /hub messages validate against their models in server/realtime/messages.py (the
source of the clients' generated types): a payload that drifts from its model fails here."""

from __future__ import annotations

import time

from flask import Flask

from server.realtime import messages
from server.services.billing.state import TierChange
from server.signals import tier_changed, usage_changed
from tests.realtime.conftest import hub_events, tip


def emit(sio, name, payload):
    return sio.emit(name, payload, namespace="/hub", callback=True)


def test_connect_status_and_subscribe_ack_match_their_models(connect, link) -> None:
    link("alice", "alice_room")
    sio = connect("alice")
    messages.StatusMessage.model_validate(hub_events(sio, "status")[0])
    ack = emit(sio, "subscribe", {"broadcaster": "alice_room", "since": 0})
    assert messages.SubscribeAck.model_validate(ack).ok
    room_status = messages.StatusMessage.model_validate(hub_events(sio, "status")[0])
    assert room_status.broadcaster == "alice_room"


def test_events_and_publish_acks_match_their_models(connect, link) -> None:
    link("alice", "alice_room")
    sio = connect("alice")
    emit(sio, "subscribe", {"broadcaster": "alice_room"})
    chat = {
        "id": "c1",
        "broadcaster": "alice_room",
        "method": "chatMessage",
        "user": {"username": "bob", "inFanclub": True, "gender": "m", "recentTips": "few"},
        "message": {"message": "hi", "color": "#fff"},
    }
    ack = messages.PublishAck.model_validate(emit(sio, "publish", [tip("t1"), chat, {"id": 1}]))
    assert (ack.accepted, [e.index for e in ack.errors]) == (2, [2])
    events = [messages.EventMessage.model_validate(m) for m in hub_events(sio)]
    assert [e.offset for e in events] == ack.offsets


def test_refusals_match_the_error_ack(connect) -> None:
    sio = connect("alice")
    refusals = [
        emit(sio, "subscribe", {"broadcaster": "Not A Room"}),
        emit(sio, "subscribe", {"broadcaster": "someone_else"}),
        emit(sio, "no_such_event", {}),
        emit(sio, "reauth", {"token": "garbage"}),
    ]
    assert [messages.ErrorAck.model_validate(r).code for r in refusals] == [
        "invalid_broadcaster",
        "forbidden",
        "unknown_event",
        refusals[3]["code"],
    ]


def test_unsubscribe_reauth_and_the_reauth_notice_match_their_models(
    app: Flask, connect, token_for
) -> None:
    sio = connect("alice")
    messages.UnsubscribeAck.model_validate(emit(sio, "unsubscribe", {"broadcaster": "a_room"}))
    messages.ReauthAck.model_validate(emit(sio, "reauth", {"token": token_for("alice")}))
    hub = app.extensions["webcammer"].socketio.server.namespace_handlers["/hub"]
    for client in hub.clients.values():
        client.token_exp = int(time.time()) - 3600
    messages.ErrorAck.model_validate(emit(sio, "publish", tip("late")))
    messages.ReauthNotice.model_validate(hub_events(sio, "reauth")[0])


def test_tier_and_usage_notices_match_their_models(app: Flask, client, auth, connect) -> None:
    me = client.get("/api/v1/me", headers=auth("alice")).get_json()
    sio = connect("alice")
    account_id = me["account"]["id"]
    with app.app_context():
        change = TierChange(account_id, "alice", previous="free", tier="pro", status="active")
        tier_changed.send(app, change=change)
        usage_changed.send(app, account_id=account_id, summary=me["usage"])
    received = {m["name"]: m["args"][0] for m in sio.get_received("/hub")}
    notice = messages.TierNotice.model_validate(received["tier"])
    assert (notice.tier, notice.limits.name) == ("pro", "pro")
    messages.UsageNotice.model_validate(received["usage"])
