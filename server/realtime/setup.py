"""Hub wiring: event store writer, replay buffers, the /hub namespace, background jobs."""

from __future__ import annotations

import logging
from typing import Any

from flask import Flask

from server.adapters.eventstore.base import StoredEvent
from server.adapters.eventstore.writer import BatchingWriter
from server.adapters.spool import Spool
from server.logs import tame_library_loggers
from server.realtime.connections import REFRESH_SECONDS, Connections
from server.realtime.hub import Hub
from server.realtime.ingest import Ingestor
from server.realtime.notify import HUB_NAMESPACE
from server.realtime.replay import ReplayBuffers
from server.realtime.rooms import RoomAccess, broadcaster_room, event_message

log = logging.getLogger(__name__)

STATUS_INTERVAL_SECONDS = 5.0
CACHE_PURGE_INTERVAL_SECONDS = 3600.0


def init_app(app: Flask) -> None:
    """Build the write path and the hub for `app` (the store itself comes from create_app)."""
    app_services = app.extensions["webcammer"]
    config = app_services.config
    store = app_services.event_store
    spool = Spool(config.SPOOL_DIR, max_bytes=config.SPOOL_MAX_BYTES)
    writer = BatchingWriter(store, spool)
    # offsets and dedupe continue from the store, spool and queue: they survive restarts
    buffers = ReplayBuffers(writer.recent_ids)
    socketio = app_services.socketio

    def fanout(stored: StoredEvent) -> None:
        socketio.emit(
            "event", event_message(stored), to=broadcaster_room(stored.event.broadcaster),
            namespace=HUB_NAMESPACE,
        )  # fmt: skip

    ingestor = Ingestor(buffers, writer, fanout, rate_limit=config.PUBLISH_RATE_LIMIT == "on")
    simulated = [b.strip() for b in config.SIMULATOR.split(",") if b.strip()]
    access = RoomAccess(
        buffers, store, writer, public_rooms=simulated if config.uses_dev_issuer else ()
    )
    # python-socketio logs every emit that cannot reach Redis (twice: its own handler and
    # ours); once per 30 s, in our format, is enough
    tame_library_loggers("socketio.server", "engineio.server")
    connections = Connections(_redis_client(config.REDIS_URL))
    hub = Hub(ingestor, access, connections)
    socketio.on_namespace(hub)
    app_services.components.update(
        writer=writer, ingestor=ingestor, access=access, buffers=buffers, connections=connections,
        hub=hub,
    )  # fmt: skip
    access.pollers = lambda: app_services.components.get("chaturbate")
    app_services.health_checks["event_store"] = lambda: _store_health(store, writer)
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


def _store_health(store: Any, writer: BatchingWriter) -> dict[str, Any]:
    """Public readiness of the event store: no URLs or paths (they may carry credentials)."""
    health = store.health()
    if not health.ok:
        log.warning("event store health check failed: %s", health.detail)
    return {"ok": bool(health.ok), "backend": health.backend, **writer.status()}


def shutdown(app: Flask) -> None:
    """Flush the writer (spooling what the store cannot take) and close the store."""
    app_services = app.extensions["webcammer"]
    if "chaturbate" in app_services.components:  # pollers first: they publish to the writer
        app_services.components["chaturbate"].stop_all()
    writer = app_services.components.get("writer")
    if writer is not None:
        writer.stop(flush=True)
    connections = app_services.components.get("connections")
    if connections is not None:  # free this process's slots now, not after they lapse
        connections.release_all()


def _subscribed_rooms(socketio: Any) -> list[str]:
    """Broadcaster rooms with at least one local subscriber."""
    rooms = socketio.server.manager.rooms.get(HUB_NAMESPACE, {})
    return [name for name in list(rooms) if isinstance(name, str) and name.startswith("bc:")]


def start_background(app: Flask) -> None:
    """Jobs of a serving process: periodic `status` to every socket, the demo simulator."""
    from server.ingest.simulator import RoomSimulator
    from server.realtime.ingest import Publisher

    app_services = app.extensions["webcammer"]
    socketio = app_services.socketio
    access = app_services.components["access"]
    ingestor = app_services.components["ingestor"]

    def status_loop() -> None:
        while True:
            socketio.sleep(STATUS_INTERVAL_SECONDS)
            for room in _subscribed_rooms(socketio):
                broadcaster = room.removeprefix("bc:")
                socketio.emit(
                    "status", access.status(broadcaster), to=room, namespace=HUB_NAMESPACE
                )

    socketio.start_background_task(status_loop)
    connections = app_services.components["connections"]

    def refresh_connections() -> None:  # keep slots from lapsing; apply tier changes to caps
        while True:
            socketio.sleep(REFRESH_SECONDS)
            connections.refresh()
            try:
                close_connections_over_cap(app)
            except Exception:  # a DB hiccup must not end the loop
                log.exception("connection cap check failed")

    socketio.start_background_task(refresh_connections)
    if not app_services.config.REDIS_URL:  # Redis expires cached translations itself
        socketio.start_background_task(_purge_translations_hourly, app)
    internal = Publisher(allowed=None, rate_per_second=10_000)
    rate = float(app_services.config.SIMULATOR_EVENTS_PER_SECOND or 0)
    for broadcaster in access.public_rooms if rate > 0 else ():
        simulator = RoomSimulator(
            broadcaster, lambda events: ingestor.publish(events, internal), events_per_second=rate
        )
        socketio.start_background_task(simulator.run, socketio.sleep)
        log.info("simulator driving room %s", broadcaster)
    from server.ingest.chaturbate.feeds import ingest_manager

    log.info("events api pollers started: %d", ingest_manager(app).start_registered())


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

    app_services = app.extensions["webcammer"]
    hub = app_services.components["hub"]
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
