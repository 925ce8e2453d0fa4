"""What a restarted or running process must know of events not yet in the store: the ones
still in the spool, the writer's queue or its held batches."""

from __future__ import annotations

import time
from collections.abc import Iterable

from server.adapters.eventstore.base import EventStore, StoredEvent
from server.adapters.spool import Spool


def pending_offsets(
    spool: Spool, in_memory: Iterable[StoredEvent], broadcaster: str
) -> dict[str, int]:
    """Id -> offset of the broadcaster's events in the spool and in memory (queue, held)."""
    pending: dict[str, int] = {}
    for batch in spool.pending_batches():
        for record in batch:
            if record["event"]["broadcaster"] == broadcaster:
                pending[record["event"]["id"]] = int(record["offset"])
    for stored in in_memory:
        if stored.event.broadcaster == broadcaster:
            pending[stored.event.id] = stored.offset
    return pending


def recent_ids(
    store: EventStore, last: int, pending: dict[str, int], broadcaster: str, count: int
) -> dict[str, int]:
    """Id -> offset of the broadcaster's last `count` events, from the store and `pending`.
    A restarted process resumes offsets after the highest of them (events still in the spool
    are not in the store yet) and still recognises them as duplicates."""
    since = max(0, last - count)
    horizon = time.time() + 86_400  # platform clocks may run a little ahead of ours
    found = {
        stored.event.id: stored.offset
        for stored in store.query_range(broadcaster, 0.0, horizon, since_offset=since, limit=count)
    }
    found.update((event_id, offset) for event_id, offset in pending.items() if offset > since)
    return found
