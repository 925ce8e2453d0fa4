"""Choose the event store from config alone (called once, by create_app)."""

from __future__ import annotations

import logging

from server.adapters.eventstore.base import EventStore, StoreUnavailable
from server.config import Config

log = logging.getLogger(__name__)


def build_event_store(config: Config) -> EventStore:
    """SQLite by default; InfluxDB (v1-compatible HTTP API) when EVENT_STORE=influx."""
    if config.EVENT_STORE == "influx":
        from server.adapters.eventstore.influx import InfluxEventStore

        store = InfluxEventStore(
            config.INFLUX_URL,
            config.INFLUX_DATABASE,
            token=config.INFLUX_TOKEN or None,
            username=config.INFLUX_USERNAME or None,
            password=config.INFLUX_PASSWORD or None,
            retention_policy=config.INFLUX_RETENTION_POLICY or None,
        )
        try:
            store.ensure_database()
        except StoreUnavailable:
            log.warning("InfluxDB unreachable at start; events will spool until it is back")
        return store
    from server.adapters.eventstore.sqlite import SqliteEventStore

    return SqliteEventStore(config.EVENT_STORE_PATH)
