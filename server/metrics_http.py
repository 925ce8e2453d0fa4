"""Serving the metrics: `GET /metrics` behind `METRICS_TOKEN`, REST timing, per-app gauges.

`/metrics` answers only a bearer `METRICS_TOKEN` (compared in constant time); with no token
configured it answers 404, so a server never exposes its numbers by accident. The same port
as the API keeps one listener per process (nginx and compose need nothing extra).
"""

from __future__ import annotations

import hmac
import time
from collections.abc import Iterator
from typing import Any

from flask import Flask, Response, g, request
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, generate_latest
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector

from server import metrics
from server.errors import NotFound, Unauthorized
from server.extensions import AppServices
from server.signals import feed_status_changed

METRICS_PATH = "/metrics"


class AppGauges(Collector):
    """Gauges read at scrape time from the app's parts (no cost on the hot path)."""

    def __init__(self, app_services: AppServices) -> None:
        self.app_services = app_services

    def collect(self) -> Iterator[GaugeMetricFamily]:
        realtime, writer = self.app_services.realtime, self.app_services.writer
        yield _gauge(
            "webcammer_hub_connected_sockets", "Authenticated /hub sockets on this process.",
            len(realtime.hub.clients),
        )  # fmt: skip
        yield _gauge(
            "webcammer_hub_rooms", "Rooms with a replay log in this process (counted, never "
            "labelled).", len(realtime.buffers.rooms()),
        )  # fmt: skip
        yield _gauge(
            "webcammer_store_spool_depth", "Batches waiting in the durable spool (store down).",
            writer.spool.depth(),
        )  # fmt: skip
        yield _gauge(
            "webcammer_store_spool_bytes", "Bytes of the durable spool on disk.",
            writer.spool.bytes(),
        )  # fmt: skip
        yield _gauge(
            "webcammer_store_queued_events", "Events queued for the next store write.",
            writer.status()["queued"],
        )  # fmt: skip


def _gauge(name: str, documentation: str, value: float) -> GaugeMetricFamily:
    return GaugeMetricFamily(name, documentation, value=value)


def init_app(app: Flask) -> None:
    """Switch the recorders on or off (METRICS), time REST requests, serve /metrics."""
    app_services: AppServices = app.extensions["webcammer"]
    config = app_services.config
    metrics.set_enabled(config.METRICS == "on")
    metrics.start_store_series(app_services.event_store.backend)
    app_registry = CollectorRegistry(auto_describe=True)
    app_registry.register(AppGauges(app_services))
    instrument_socketio(app_services.socketio)
    _time_requests(app)
    feed_status_changed.connect(_poller_changed, sender=app, weak=False)

    def serve_metrics() -> Response:
        _authorize(config.METRICS_TOKEN)
        body = generate_latest(metrics.REGISTRY) + generate_latest(app_registry)
        return Response(body, mimetype=CONTENT_TYPE_LATEST)

    app.add_url_rule(METRICS_PATH, "metrics", serve_metrics, methods=["GET"])
    app_services.limiter.exempt(serve_metrics)


def _authorize(token: str) -> None:
    if not token:
        raise NotFound("Metrics are off: set METRICS_TOKEN to serve them.")
    sent = request.headers.get("Authorization", "")
    if not hmac.compare_digest(sent.encode(), f"Bearer {token}".encode()):
        raise Unauthorized(
            "Send 'Authorization: Bearer <METRICS_TOKEN>'.",
            headers={"WWW-Authenticate": "Bearer"},
        )


def _time_requests(app: Flask) -> None:
    """REST latency by route template (never the concrete path: it may name a room)."""

    @app.before_request
    def _start() -> None:
        g.metrics_started = time.perf_counter()

    @app.after_request
    def _observe(response: Response) -> Response:
        started = g.pop("metrics_started", None)
        if started is not None and request.path != METRICS_PATH:
            rule = request.url_rule.rule if request.url_rule is not None else "unmatched"
            metrics.observe_request(
                request.method, rule, response.status_code, time.perf_counter() - started
            )
        return response


def _poller_changed(_sender: Flask, **kwargs: Any) -> None:
    metrics.count_poller_state(getattr(kwargs.get("status"), "state", "unknown"))


def instrument_socketio(socketio: Any) -> None:
    """Count every message the server sends to a local socket: python-socketio's manager asks
    `get_participants` for each emit, whether it was made here or came over the Redis queue."""
    manager = socketio.server.manager
    if getattr(manager, "counts_deliveries", False):
        return
    participants = manager.get_participants

    def counted(namespace: str, room: Any) -> Iterator[Any]:
        sent = 0
        for participant in participants(namespace, room):
            sent += 1
            yield participant
        metrics.count_deliveries(sent)

    manager.get_participants = counted
    manager.counts_deliveries = True
