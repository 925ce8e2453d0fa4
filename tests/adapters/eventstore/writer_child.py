"""Child process for the kill -9 test: spool N events with the store down, then wait.

Usage: python -m tests.adapters.eventstore.writer_child sqlite|influx SPOOL_DIR TARGET DATABASE N
(TARGET: the SQLite file, locked by the parent, or an Influx URL nothing listens on).
"""

from __future__ import annotations

import sys
import time

from server.adapters.eventstore.base import EventStore
from server.adapters.eventstore.influx import InfluxEventStore
from server.adapters.eventstore.sqlite import SqliteEventStore
from server.adapters.eventstore.writer import BatchingWriter
from server.adapters.spool import Spool
from tests.adapters.helpers import make_event


def main(backend: str, spool_dir: str, target: str, database: str, n: int) -> None:
    store: EventStore
    if backend == "sqlite":
        store = SqliteEventStore(target, busy_timeout_ms=20)
    else:
        store = InfluxEventStore(target, database, timeout=(0.2, 0.2))
    writer = BatchingWriter(store, Spool(spool_dir), max_batch=50, max_delay=0.01)
    writer.start()
    for offset in range(1, n + 1):
        writer.submit(make_event(offset))
    while writer.spool.depth() < n:
        time.sleep(0.01)
    sys.stdout.write("spooled\n")
    sys.stdout.flush()
    time.sleep(600)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5]))
