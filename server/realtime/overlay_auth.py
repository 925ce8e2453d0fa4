"""Overlay sockets on /hub: connect with an overlay key (read-only, one room, one kind),
subscribe with a position, and close at once when the key is revoked or rotated."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from flask import Flask
from flask_socketio import ConnectionRefusedError, SocketIO, emit, join_room

from server.errors import AppError, error_body
from server.extensions import services
from server.realtime.overlay_feed import overlay_room
from server.realtime.protocol import SINCE_HELP, parse_since
from server.realtime.rooms import RoomAccess
from server.services.rooms.overlays import OVERLAY_KINDS, authenticate_overlay
from server.services.rooms.toolkit import visible
from server.signals import overlay_key_changed

log = logging.getLogger(__name__)

SWEEP_SECONDS = 5.0  # keys revoked through another process close within this
SOCKETS_PER_KEY = 5  # per process: OBS opens one; a leaked link cannot open hundreds


@dataclass(frozen=True, slots=True)
class OverlayClient:
    """One overlay socket: which key (overlay id), room and kind it may read."""

    overlay_id: str
    broadcaster: str
    kind: str


def is_overlay_auth(auth: Any) -> bool:
    return isinstance(auth, dict) and "overlay_key" in auth and "token" not in auth


class OverlaySockets:
    """The overlay sockets of this process (the hub delegates to this for them)."""

    def __init__(self, access: RoomAccess) -> None:
        self.access = access
        self.clients: dict[str, OverlayClient] = {}

    def connect(self, sid: str, auth: dict[str, Any]) -> None:
        """Admit the socket or refuse it with {code, message} (overlay_key_invalid/revoked)."""
        try:
            row = authenticate_overlay(services().db.session, auth.get("overlay_key"))
        except AppError as exc:
            raise ConnectionRefusedError(
                exc.message, {"code": exc.code, "message": exc.message}
            ) from None
        if sum(1 for c in self.clients.values() if c.overlay_id == row.id) >= SOCKETS_PER_KEY:
            message = f"this overlay link is open {SOCKETS_PER_KEY} times already; close one"
            raise ConnectionRefusedError(
                message, {"code": "too_many_connections", "message": message}
            )
        self.clients[sid] = OverlayClient(row.id, row.broadcaster, row.kind)
        join_room(f"ovkey:{row.id}")

    def disconnect(self, sid: str) -> bool:
        return self.clients.pop(sid, None) is not None

    def subscribe(self, sid: str, data: Any) -> dict[str, Any]:
        """Replay what the kind shows after `since` (all of it, or `recovered: false`), then
        join its live room; the same recovery as the panel's, filtered to the kind."""
        client = self.clients[sid]
        since, valid = parse_since(data.get("since") if isinstance(data, dict) else None)
        if not valid:
            return {"ok": False, **error_body("invalid_since", SINCE_HELP)}
        recovery = self.access.recover(client.broadcaster, since)
        methods = OVERLAY_KINDS[client.kind]
        shown = [stored for stored in recovery.events if stored.event.method in methods]
        for stored in shown:
            emit("event", {"offset": stored.offset, "event": visible(stored.event.to_dict())})
        join_room(overlay_room(client.broadcaster, client.kind))  # no yield since the read
        fields = recovery.ack_fields()
        fields["replayed"] = len(shown)
        return {"ok": True, "position": self.access.position(client.broadcaster), **fields}

    def close(self, socketio: SocketIO, overlay_id: str, namespace: str) -> int:
        """Send `overlay_revoked` to the key's sockets and close this process's ones."""
        message = {
            "code": "overlay_key_revoked",
            "message": "This overlay link was revoked; make a new one in the panel.",
        }
        socketio.emit("overlay_revoked", message, to=f"ovkey:{overlay_id}", namespace=namespace)
        mine = [sid for sid, c in self.clients.items() if c.overlay_id == overlay_id]
        for sid in mine:
            self.clients.pop(sid, None)
            socketio.server.disconnect(sid, namespace=namespace)
        return len(mine)

    def sweep(self, socketio: SocketIO, namespace: str) -> int:
        """Close sockets whose key is no longer valid (revoked through another process)."""
        session = services().db.session
        from server.services.rooms.models import OverlayKey

        closed = 0
        for overlay_id in {c.overlay_id for c in self.clients.values()}:
            row = session.get(OverlayKey, overlay_id)
            if row is None or row.revoked_at is not None:
                closed += self.close(socketio, overlay_id, namespace)
        session.rollback()
        return closed


def connect_receivers(app: Flask, overlays: OverlaySockets, namespace: str) -> None:
    """A revoked or rotated key closes its sockets at once."""
    socketio: SocketIO = app.extensions["webcammer"].socketio

    def on_change(_sender: Any, action: str, overlay_id: str, **_: Any) -> None:
        if action in ("revoked", "rotated"):
            closed = overlays.close(socketio, overlay_id, namespace)
            log.info("overlay key %s %s: closed %d sockets", overlay_id, action, closed)

    overlay_key_changed.connect(on_change, sender=app, weak=False)


def sweep_loop(app: Flask, overlays: OverlaySockets, namespace: str) -> None:
    socketio: SocketIO = app.extensions["webcammer"].socketio
    while True:
        socketio.sleep(SWEEP_SECONDS)
        if not overlays.clients:
            continue
        try:
            with app.app_context():
                overlays.sweep(socketio, namespace)
        except Exception:  # a DB hiccup must not end the loop
            log.exception("overlay key sweep failed")
