"""Event store port and adapters: `base` (the protocol and types), `sqlite`, `influx`,
`writer` (batching + spool). Backends are imported from their modules, chosen in one place."""

from server.adapters.eventstore.base import EventStore, StoredEvent, StoreHealth, StoreUnavailable

__all__ = ["EventStore", "StoreHealth", "StoreUnavailable", "StoredEvent"]
