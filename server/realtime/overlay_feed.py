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
from server.realtime.recovery import position as stream_position
from server.services.rooms.overlays import OVERLAY_KINDS
from server.services.rooms.toolkit import RoomTools, visible
from server.signals import room_goals_changed

log = logging.getLogger(__name__)

#: method -> the overlay kinds that show it
_KINDS_OF: dict[str, list[str]] = {}
for _kind, _methods in OVERLAY_KINDS.items():
    for _method in _methods:
        _KINDS_OF.setdefault(_method, []).append(_kind)


def overlay_room(broadcaster: str, kind: str) -> str:
    """The Socket.IO room of one room's overlays of one kind."""
    return f"ov:{broadcaster}:{kind}"


def local_rooms(socketio: SocketIO, rooms: list[str]) -> list[str]:
    """The rooms that hold a socket of this process: a frame for no one is never built
    (python-socketio encodes an emit's packet before it looks at the room's members)."""
    joined = socketio.server.manager.rooms.get(HUB_NAMESPACE, {})
    return [room for room in rooms if joined.get(room)]


def build_room_tools(store: EventStore, db: Database, ingestor: Ingestor) -> RoomTools:
    buffers = ingestor.buffers

    def recent(broadcaster: str) -> list[StoredEvent]:
        return list(buffers.room(broadcaster).ring) if buffers.has(broadcaster) else []

    return RoomTools(store, db, recent, lambda broadcaster: position(ingestor, broadcaster))


def position(ingestor: Ingestor, broadcaster: str) -> dict[str, Any]:
    """The room's stream position now, `{offset, epoch}` (the hub's own)."""
    return stream_position(ingestor.buffers.room(broadcaster))


def chain_fanout(app: Flask, ingestor: Ingestor) -> None:
    """After the hub's own fan-out of durable events: the overlays' copy and the goal frames.

    The hub's fan-out runs in every process that serves the room's sockets (with Redis each
    reads the room's stream), so these frames go to this process's sockets only."""
    tools: RoomTools = app.extensions["webcammer"].rooms
    socketio: SocketIO = app.extensions["webcammer"].socketio

    def after_fanout(_broadcaster: str, events: list[StoredEvent]) -> None:
        for stored in events:
            to_overlays(socketio, tools, stored)

    ingestor.fanout.listeners.append(after_fanout)
    room_goals_changed.connect(_goals_changed_receiver(socketio, tools), sender=app, weak=False)


def to_overlays(socketio: SocketIO, tools: RoomTools, stored: StoredEvent) -> None:
    broadcaster, kinds = stored.event.broadcaster, _KINDS_OF.get(stored.event.method)
    rooms = local_rooms(socketio, [overlay_room(broadcaster, kind) for kind in kinds or ()])
    if rooms:
        message = {"offset": stored.offset, "event": visible(stored.event.to_dict())}
        socketio.emit("event", message, to=rooms, namespace=HUB_NAMESPACE, ignore_queue=True)
    try:
        note = tools.tips.note(stored)
        frame = tools.goals.observe(stored)
    except Exception:  # a store hiccup must not fail the publish: rebuild on the next tip
        log.warning("goal progress of %s unavailable", broadcaster, exc_info=True)
        tools.goals.forget(broadcaster)
        return
    if note is not None:  # the panel's feed: menu item bought, big tip
        socketio.emit(
            "tip_note", note, to=broadcaster_room(broadcaster), namespace=HUB_NAMESPACE,
            ignore_queue=True,
        )  # fmt: skip
    if frame is not None:
        emit_goal(socketio, broadcaster, frame, local=True)


def emit_goal(
    socketio: SocketIO, broadcaster: str, frame: dict[str, Any], local: bool = False
) -> None:
    """`goal` to the room's subscribers (panels) and its goal overlays; `local`: only this
    process's sockets (fan-out runs in each process), else every process (a settings change)."""
    rooms = [broadcaster_room(broadcaster), overlay_room(broadcaster, "goal")]
    socketio.emit("goal", frame, to=rooms, namespace=HUB_NAMESPACE, ignore_queue=local)


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
