"""Hub wiring: the publish path and the /hub namespace, signal receivers, background jobs."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from flask import Flask
from flask_socketio import SocketIO

from server.adapters.eventstore.base import EventStore
from server.adapters.eventstore.writer import BatchingWriter
from server.config import Config
from server.extensions import AppServices
from server.ingest.chaturbate.feeds import ChaturbateFeeds
from server.logs import tame_library_loggers
from server.realtime import notices, overlay_auth, overlay_feed
from server.realtime.connections import REFRESH_SECONDS, Connections
from server.realtime.engines import build_stream
from server.realtime.hub import Hub
from server.realtime.ingest import Ingestor
from server.realtime.protocol import HUB_NAMESPACE
from server.realtime.replay import ReplayBuffers
from server.realtime.rooms import RoomAccess

log = logging.getLogger(__name__)

STATUS_INTERVAL_SECONDS = 5.0
CACHE_PURGE_INTERVAL_SECONDS = 3600.0


@dataclass
class Realtime:
    """The hub's parts of one app."""

    buffers: ReplayBuffers
    ingestor: Ingestor
    access: RoomAccess
    connections: Connections
    hub: Hub


def build_ingestor(config: Config, socketio: SocketIO, writer: BatchingWriter) -> Ingestor:
    """The one publish path on the configured room stream (memory, or Redis)."""
    parts = build_stream(config, socketio, writer)
    ingestor = Ingestor(
        parts.stream, writer, parts.fanout, rate_limit=config.PUBLISH_RATE_LIMIT == "on"
    )
    ingestor.reader = parts.reader
    return ingestor


def build_realtime(
    config: Config, ingestor: Ingestor, store: EventStore, feeds: ChaturbateFeeds
) -> Realtime:
    """Room access, the connection registry and the /hub namespace around `ingestor`."""
    access = RoomAccess(
        ingestor.buffers, store, ingestor.writer, feeds,
        public_rooms=config.open_rooms, stream_status=ingestor.stream.status,
    )  # fmt: skip
    # python-socketio logs every emit that cannot reach Redis (twice: its own handler and
    # ours); once per 30 s, in our format, is enough
    tame_library_loggers("socketio.server", "engineio.server")
    connections = Connections(_redis_client(config.REDIS_URL))
    hub = Hub(ingestor, access, connections)
    return Realtime(ingestor.buffers, ingestor, access, connections, hub)


def init_app(app: Flask) -> None:
    """Serve the hub on `app`, turn `app`'s signals into notices, start the writer."""
    app_services: AppServices = app.extensions["webcammer"]
    app_services.socketio.on_namespace(app_services.realtime.hub)
    notices.connect_receivers(app)
    overlay_feed.chain_fanout(app, app_services.realtime.ingestor)
    overlay_auth.connect_receivers(app, app_services.realtime.hub.overlays, HUB_NAMESPACE)
    store, writer = app_services.event_store, app_services.writer
    app_services.health_checks["event_store"] = lambda: _store_health(store, writer)
    app_services.health_checks["room_stream"] = app_services.realtime.ingestor.stream.status
    writer.start()


def _redis_client(url: str) -> Any:
    """A client for the cluster-wide connection count, or None without REDIS_URL."""
    if not url:
        return None
    import redis
    from redis.backoff import NoBackoff
    from redis.retry import Retry

    # One quick retry (a pooled connection broken by a Redis restart), never a backoff wait
    return redis.Redis.from_url(
        url, socket_timeout=1, socket_connect_timeout=1, retry=Retry(NoBackoff(), 1)
    )


def _store_health(store: EventStore, writer: BatchingWriter) -> dict[str, Any]:
    """Public readiness of the event store: no URLs or paths (they may carry credentials)."""
    health = store.health()
    if not health.ok:
        log.warning("event store health check failed: %s", health.detail)
    return {"ok": bool(health.ok), "backend": health.backend, **writer.status()}


def shutdown(app: Flask) -> None:
    """Flush the writer (spooling what the store cannot take) and close the store."""
    app_services: AppServices = app.extensions["webcammer"]
    app_services.feeds.stop_all()  # pollers first: they publish to the writer
    if app_services.realtime.ingestor.reader is not None:
        app_services.realtime.ingestor.reader.stopped = True
    app_services.writer.stop(flush=True)
    app_services.realtime.buffers.note_heads()
    # free this process's slots now, not after they lapse
    app_services.realtime.connections.release_all()


def _subscribed_rooms(socketio: Any) -> list[str]:
    """Broadcaster rooms with at least one local subscriber."""
    rooms = socketio.server.manager.rooms.get(HUB_NAMESPACE, {})
    return [name for name in list(rooms) if isinstance(name, str) and name.startswith("bc:")]


def start_background(app: Flask) -> None:
    """Jobs of a serving process: periodic `status`, connection caps, the demo simulator,
    the Events API pollers."""
    app_services: AppServices = app.extensions["webcammer"]
    socketio = app_services.socketio
    socketio.start_background_task(_status_loop, app_services)
    reader = app_services.realtime.ingestor.reader
    if reader is not None:  # Redis room streams: mirror the rooms this process opens
        socketio.start_background_task(reader.run, socketio.sleep)
    socketio.start_background_task(_refresh_connections_loop, app)
    socketio.start_background_task(
        overlay_auth.sweep_loop, app, app_services.realtime.hub.overlays, HUB_NAMESPACE
    )
    if not app_services.config.REDIS_URL:  # Redis expires cached translations itself
        socketio.start_background_task(_purge_translations_hourly, app)
    _start_simulators(app_services)
    log.info("events api pollers started: %d", app_services.feeds.start_registered())


def _status_loop(app_services: AppServices) -> None:
    socketio, access = app_services.socketio, app_services.realtime.access
    while True:
        socketio.sleep(STATUS_INTERVAL_SECONDS)
        try:
            app_services.realtime.buffers.note_heads()  # a wiped store is noticed on restart
        except OSError:  # a full disk must not end the status loop
            log.exception("room epochs not saved")
        for room in _subscribed_rooms(socketio):
            broadcaster = room.removeprefix("bc:")
            socketio.emit("status", access.status(broadcaster), to=room, namespace=HUB_NAMESPACE)


def _refresh_connections_loop(app: Flask) -> None:
    """Keep slots from lapsing; apply tier changes to caps."""
    app_services: AppServices = app.extensions["webcammer"]
    while True:
        app_services.socketio.sleep(REFRESH_SECONDS)
        app_services.realtime.connections.refresh()
        try:
            close_connections_over_cap(app)
        except Exception:  # a DB hiccup must not end the loop
            log.exception("connection cap check failed")


def _start_simulators(app_services: AppServices) -> None:
    from server.ingest.publishing import Publisher
    from server.ingest.simulator import RoomSimulator

    internal = Publisher(allowed=None, rate_per_second=10_000)
    ingestor, socketio = app_services.realtime.ingestor, app_services.socketio
    rate = float(app_services.config.SIMULATOR_EVENTS_PER_SECOND or 0)
    for broadcaster in app_services.realtime.access.public_rooms if rate > 0 else ():
        simulator = RoomSimulator(
            broadcaster, lambda events: ingestor.publish(events, internal), events_per_second=rate
        )
        socketio.start_background_task(simulator.run, socketio.sleep)
        log.info("simulator driving room %s", broadcaster)


def _purge_translations_hourly(app: Flask) -> None:
    from server.adapters.translation_cache import purge_expired_translations

    socketio = app.extensions["webcammer"].socketio
    while True:
        socketio.sleep(CACHE_PURGE_INTERVAL_SECONDS)
        try:
            with app.app_context():
                deleted = purge_expired_translations(app.extensions["webcammer"].db)
        except Exception:  # a DB hiccup must not end the loop; next hour tries again
            log.exception("translation cache purge failed")
            continue
        if deleted:
            log.info("translation cache: purged %d expired rows", deleted)


def close_connections_over_cap(app: Flask) -> int:
    """Re-read the tier of every account with a socket here and close what is over its cap
    (catches tier changes made in another process, by the CLI or by a lapsed grace period)."""
    from sqlalchemy import select

    from server.models import Account
    from server.tiers import tier_for

    app_services: AppServices = app.extensions["webcammer"]
    hub = app_services.realtime.hub
    account_ids = list(hub.connections.local)
    if not account_ids:
        return 0
    with app.app_context():
        query = select(Account.id, Account.tier).where(Account.id.in_(account_ids))
        tiers = dict(app_services.db.session.execute(query).tuples().all())
    return sum(
        hub.close_over_cap(account_id, tier_for(tier).live_connections)
        for account_id, tier in tiers.items()
    )
