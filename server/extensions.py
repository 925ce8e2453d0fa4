"""Per-app composition root (`AppServices`), built in create_app, reached via `services()`."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, NoReturn

from flask import Flask, current_app, request
from flask.sessions import SessionInterface, SessionMixin
from flask_limiter import Limiter
from flask_socketio import SocketIO
from werkzeug.exceptions import NotFound

if TYPE_CHECKING:  # annotations only: the parts' modules import this one for `services()`
    from server.adapters.eventstore.base import EventStore
    from server.adapters.eventstore.writer import BatchingWriter
    from server.auth.dev_issuer import DevIssuer
    from server.auth.jwt import TokenVerifier
    from server.config import Config
    from server.db import Database
    from server.ingest.chaturbate.feeds import ChaturbateFeeds
    from server.realtime.setup import Realtime
    from server.services.ai.common import AIComponents
    from server.services.rooms.toolkit import RoomTools

HealthCheck = Callable[[], dict[str, Any]]


@dataclass
class AppServices:
    """The composition root of one app: every part, built eagerly by create_app.

    Adapters are chosen here by config alone (see `server/__init__.py`).
    """

    config: Config
    db: Database
    verifier: TokenVerifier
    limiter: Limiter
    socketio: SocketIO
    dev_issuer: DevIssuer | None
    event_store: EventStore
    writer: BatchingWriter
    ai: AIComponents
    feeds: ChaturbateFeeds
    realtime: Realtime
    rooms: RoomTools
    health_checks: dict[str, HealthCheck] = field(default_factory=dict)


class StatelessSessions(SessionInterface):
    """No cookie sessions: auth is by bearer token. Opening a signed session on every
    Socket.IO event cost ~12% of the hub's CPU (measured with py-spy)."""

    def open_session(self, app: Flask, request: Any) -> SessionMixin:
        return self.make_null_session(app)

    def save_session(self, app: Flask, session: SessionMixin, response: Any) -> None:
        return None


def services(app: Flask | None = None) -> AppServices:
    """The service container of `app` (default: the current app)."""
    target = app or current_app
    return target.extensions["webcammer"]


def rate_limit_key() -> str:
    """Bursts are limited per credential (hash of the bearer token), else per client address."""
    auth = request.headers.get("Authorization", "")
    if auth:
        return "tok:" + hashlib.sha256(auth.encode()).hexdigest()[:32]
    return "ip:" + (request.remote_addr or "unknown")


def build_limiter(app: Flask, config: Config) -> Limiter:
    return Limiter(
        rate_limit_key,
        app=app,
        default_limits=[config.RATELIMIT_DEFAULT] if config.RATELIMIT_DEFAULT else [],
        storage_uri=config.REDIS_URL or "memory://",
        headers_enabled=True,
        swallow_errors=True,
    )


def build_socketio(app: Flask, config: Config) -> SocketIO:
    # Flask-SocketIO runs each socket event inside a request context built from the socket's
    # handshake environ (/socket.io/, a WebSocket upgrade). With no rule for it, every event ran
    # a failed URL match and built a WebsocketMismatch: 60 us instead of 25 us per event, ~9 % of
    # the server's CPU in `make bench-hub` S1 (py-spy). These rules (WebSocket and polling)
    # match it; they are never served, the Socket.IO middleware answers first.
    for websocket in (True, False):
        app.add_url_rule(
            "/socket.io/",
            endpoint="socketio_handshake",
            view_func=_never_served,
            methods=["GET"],
            websocket=websocket,
        )
    return SocketIO(
        app,
        async_mode=config.SOCKETIO_ASYNC_MODE,
        cors_allowed_origins=config.cors_origins,
        message_queue=config.REDIS_URL or None,
        channel=config.SOCKETIO_CHANNEL,
        ping_interval=20,
        ping_timeout=20,
        max_http_buffer_size=config.SOCKET_MAX_MESSAGE_BYTES,
        http_compression=False,
        manage_session=False,  # token auth only: no per-socket Flask session to copy
        logger=False,
        engineio_logger=False,
    )


def _never_served() -> NoReturn:
    raise NotFound()
