"""What overlay sockets receive: their kind's events (no chat, no private messages) and
`goal` frames; the room toolkit's view of the hub's ring and positions."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from flask import Flask
from flask_socketio import SocketIO

from server.adapters.eventstore.base import EventStore, StoredEvent
from server.db import Database
from server.realtime.ingest import Ingestor
from server.realtime.protocol import HUB_NAMESPACE, broadcaster_room
from server.services.rooms.overlays import OVERLAY_KINDS
from server.services.rooms.toolkit import RoomTools, visible
from server.signals import room_goals_changed

log = logging.getLogger(__name__)

#: offsets continue from the store across restarts, so one epoch until the hub's stream has its own
DEFAULT_EPOCH = "1"
#: method -> the overlay kinds that show it
_KINDS_OF: dict[str, list[str]] = {}
for _kind, _methods in OVERLAY_KINDS.items():
    for _method in _methods:
        _KINDS_OF.setdefault(_method, []).append(_kind)


def overlay_room(broadcaster: str, kind: str) -> str:
    """The Socket.IO room of one room's overlays of one kind."""
    return f"ov:{broadcaster}:{kind}"


def build_room_tools(store: EventStore, db: Database, ingestor: Ingestor) -> RoomTools:
    buffers = ingestor.buffers

    def recent(broadcaster: str) -> list[StoredEvent]:
        return list(buffers.room(broadcaster).ring) if buffers.has(broadcaster) else []

    return RoomTools(store, db, recent, lambda broadcaster: position(ingestor, broadcaster))


def position(ingestor: Ingestor, broadcaster: str) -> dict[str, Any]:
    """The room's stream position now."""
    room = ingestor.buffers.room(broadcaster)
    return {"offset": room.head, "epoch": str(getattr(room, "epoch", DEFAULT_EPOCH))}


def chain_fanout(app: Flask, ingestor: Ingestor) -> None:
    """After the hub's own fan-out: the overlays' copy and the goal frames."""
    tools: RoomTools = app.extensions["webcammer"].rooms
    socketio: SocketIO = app.extensions["webcammer"].socketio
    hub_fanout = ingestor.fanout

    def fanout(stored: StoredEvent) -> None:
        hub_fanout(stored)
        to_overlays(socketio, tools, stored)

    ingestor.fanout = fanout
    room_goals_changed.connect(_goals_changed_receiver(socketio, tools), sender=app, weak=False)


def to_overlays(socketio: SocketIO, tools: RoomTools, stored: StoredEvent) -> None:
    broadcaster, kinds = stored.event.broadcaster, _KINDS_OF.get(stored.event.method)
    if kinds:
        message = {"offset": stored.offset, "event": visible(stored.event.to_dict())}
        rooms = [overlay_room(broadcaster, kind) for kind in kinds]
        socketio.emit("event", message, to=rooms, namespace=HUB_NAMESPACE)
    try:
        note = tools.tips.note(stored)
        frame = tools.goals.observe(stored)
    except Exception:  # a store hiccup must not fail the publish: rebuild on the next tip
        log.warning("goal progress of %s unavailable", broadcaster, exc_info=True)
        tools.goals.forget(broadcaster)
        return
    if note is not None:  # the panel's feed: menu item bought, big tip
        socketio.emit("tip_note", note, to=broadcaster_room(broadcaster), namespace=HUB_NAMESPACE)
    if frame is not None:
        emit_goal(socketio, broadcaster, frame)


def emit_goal(socketio: SocketIO, broadcaster: str, frame: dict[str, Any]) -> None:
    """`goal` to the room's subscribers (panels) and its goal overlays."""
    rooms = [broadcaster_room(broadcaster), overlay_room(broadcaster, "goal")]
    socketio.emit("goal", frame, to=rooms, namespace=HUB_NAMESPACE)


def _goals_changed_receiver(socketio: SocketIO, tools: RoomTools) -> Callable[..., None]:
    def receive(_sender: Any, broadcaster: str, **_: Any) -> None:
        tools.goals.forget(broadcaster)
        try:
            frame = {"broadcaster": broadcaster, **tools.goals.view(broadcaster)}
        except Exception:  # the store is down: the next tip or page load rebuilds it
            log.warning("goal progress of %s unavailable", broadcaster, exc_info=True)
            return
        emit_goal(socketio, broadcaster, frame)

    return receive
