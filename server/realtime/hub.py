"""Socket.IO namespace /hub: authenticated connect, subscribe with replay, publish."""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field
from typing import Any

from flask import request
from flask_socketio import ConnectionRefusedError, Namespace, emit, join_room, leave_room

from server import metrics
from server.auth.decorators import authenticate
from server.errors import AppError, ack_error
from server.events.schema import is_broadcaster
from server.extensions import services
from server.ingest.publishing import Publisher
from server.realtime.connections import Connections
from server.realtime.ingest import Ingestor
from server.realtime.overlay_auth import OverlaySockets, is_overlay_auth
from server.realtime.protocol import (
    SINCE_HELP,
    account_room,
    broadcaster_room,
    frames,
    parse_since,
)
from server.realtime.rooms import RoomAccess
from server.request_ids import bind_request_id
from server.tiers import tier_for

log = logging.getLogger(__name__)

ACCESS_REFRESH_SECONDS = 10.0


@dataclass
class Client:
    """What the hub knows about one connected socket."""

    account_id: str
    sub: str
    tier: str
    token_exp: int
    store_text: bool
    owned: frozenset[str]
    checked_at: float = field(default_factory=time.monotonic)
    connected_at: float = field(default_factory=time.monotonic)


class Hub(Namespace):
    """Class-based namespace; handlers parse, authorize and delegate to the Ingestor."""

    def __init__(self, ingestor: Ingestor, access: RoomAccess, connections: Connections) -> None:
        super().__init__("/hub")
        self.ingestor = ingestor
        self.access = access
        self.connections = connections
        self.clients: dict[str, Client] = {}
        self.overlays = OverlaySockets(access)  # read-only sockets of overlay keys

    def trigger_event(self, event: str, *args: Any) -> Any:
        bind_request_id(prefix="ev-")  # this event's id: its log lines and error acks
        if event not in ("connect", "disconnect") and not hasattr(self, f"on_{event}"):
            return _error("unknown_event", f"unknown event '{event}'; use subscribe or publish")
        return metrics.time_hub_event(event, super().trigger_event, *args)

    def on_connect(self, auth: Any = None) -> None:
        if is_overlay_auth(auth):
            return self.overlays.connect(request.sid, auth)  # type: ignore[attr-defined]
        token = auth.get("token") if isinstance(auth, dict) else None
        try:
            verified, account = authenticate(token if isinstance(token, str) else None)
        except AppError as exc:
            raise ConnectionRefusedError(
                exc.message, {"code": exc.code, "message": exc.message}
            ) from None
        cap = tier_for(account.tier).live_connections
        if not self.connections.acquire(account.id, request.sid, cap):  # type: ignore[attr-defined]
            message = f"the {account.tier} tier allows {cap} live connections; close one or upgrade"
            raise ConnectionRefusedError(
                message, {"code": "too_many_connections", "message": message}
            )
        self.clients[request.sid] = Client(  # type: ignore[attr-defined]
            account.id, account.sub, account.tier, verified.exp, account.store_chat_text,
            frozenset(link.broadcaster for link in account.links),
        )  # fmt: skip
        join_room(account_room(account.id))
        emit("status", self.access.status())

    def on_disconnect(self, reason: Any = None) -> None:
        if self.overlays.disconnect(request.sid):  # type: ignore[attr-defined]
            return
        client = self.clients.pop(request.sid, None)  # type: ignore[attr-defined]
        if client is not None:
            self.connections.release(client.account_id, request.sid)  # type: ignore[attr-defined]

    def on_reauth(self, data: Any = None) -> dict[str, Any]:
        """Swap in a fresh token without reconnecting."""
        client = self.clients.get(request.sid)  # type: ignore[attr-defined]
        token = data.get("token") if isinstance(data, dict) else None
        try:
            verified, account = authenticate(token if isinstance(token, str) else None)
        except AppError as exc:
            return _error(exc.code, exc.message)
        if client is None or account.id != client.account_id:
            return _error("forbidden", "a token of the same account is required")
        client.token_exp = verified.exp
        return {"ok": True, "exp": verified.exp}

    def on_subscribe(self, data: Any = None) -> dict[str, Any]:
        """Join a room; with `since` ({offset, epoch}, or the old integer), replay what was
        missed first: all of it (`recovered: true`) or nothing (`recovered: false`)."""
        if request.sid in self.overlays.clients:  # type: ignore[attr-defined]
            return self.overlays.subscribe(request.sid, data)  # type: ignore[attr-defined]
        client, problem = self._client()
        if client is None:
            return problem
        broadcaster = data.get("broadcaster") if isinstance(data, dict) else None
        if not is_broadcaster(broadcaster):
            return _error("invalid_broadcaster", "broadcaster must match [a-z0-9_]{1,64}")
        since, valid = parse_since(data.get("since") if isinstance(data, dict) else None)
        if not valid:
            return _error("invalid_since", SINCE_HELP)
        if not self.access.may_read(client.account_id, client.sub, broadcaster):
            return _error("forbidden", "you may not subscribe to this broadcaster")
        recovery = self.access.recover(broadcaster, since)
        for frame, payload in frames(recovery.events):
            emit(frame, payload)
        join_room(broadcaster_room(broadcaster))  # no yield since the ring was read
        position = self.access.position(broadcaster)
        emit("status", self.access.status(broadcaster))
        return {"ok": True, "position": position, "offset": position["offset"],
                **recovery.ack_fields()}  # fmt: skip

    def on_unsubscribe(self, data: Any = None) -> dict[str, Any]:
        broadcaster = data.get("broadcaster") if isinstance(data, dict) else None
        if not is_broadcaster(broadcaster):
            return _error("invalid_broadcaster", "broadcaster must match [a-z0-9_]{1,64}")
        leave_room(broadcaster_room(broadcaster))
        return {"ok": True}

    def on_publish(self, data: Any = None) -> dict[str, Any]:
        client, problem = self._client()
        if client is None:
            return problem
        self._refresh(client)
        publisher = Publisher(
            allowed=client.owned,
            rate_per_second=tier_for(client.tier).publish_rate_per_broadcaster,
            store_text=client.store_text,
        )
        return self.ingestor.publish(data, publisher).ack()

    def close_over_cap(self, account_id: str, cap: int) -> int:
        """A lower tier applies at once: while the account holds more than `cap` live sockets,
        close this process's newest ones (their clients' reconnects are then refused with
        `too_many_connections`). Returns how many were closed."""
        mine = [sid for sid, c in self.clients.items() if c.account_id == account_id]
        excess = self.connections.total(account_id) - cap
        if excess <= 0 or not mine:
            return 0
        mine.sort(key=lambda sid: self.clients[sid].connected_at, reverse=True)
        newest = mine[:excess]
        for sid in newest:
            self.socketio.server.disconnect(sid, namespace=self.namespace)
        log.info("closed %d connections over the tier's cap", len(newest))
        return len(newest)

    def _client(self) -> tuple[Client | None, dict[str, Any]]:
        client = self.clients.get(request.sid)  # type: ignore[attr-defined]
        if client is None:
            return None, _error("unauthorized", "connect with a token first")
        if client.token_exp < time.time() - services().config.AUTH_LEEWAY_SECONDS:
            emit("reauth", {"code": "token_expired", "message": "send 'reauth' with a new token"})
            return None, _error("token_expired", "your token expired; send 'reauth' {token}")
        return client, {}

    def _refresh(self, client: Client) -> None:
        """Re-read tier, links and privacy now and then (Stripe or settings may change them)."""
        if time.monotonic() - client.checked_at < ACCESS_REFRESH_SECONDS:
            return
        account = self.access.account(client.account_id)
        if account is not None:
            client.tier, client.store_text = account.tier, account.store_chat_text
            client.owned = frozenset(link.broadcaster for link in account.links)
        client.checked_at = time.monotonic()


def _error(code: str, message: str) -> dict[str, Any]:
    return ack_error(AppError(message, code=code))
