"""Blocking disk work off the gevent loop.

Under `python -m server` (gevent, monkey-patched) an fsync runs in C without yielding: every
socket of the process would wait for it. `off_loop` runs such a call on gevent's native thread
pool instead; only the calling greenlet waits, the loop keeps delivering. Without gevent
(tests, the CLI) it is a plain call.

Only for calls that take milliseconds anyway (the spool's fsync, used while the store is
down): the hand-off back to the loop costs up to a busy loop's turn. Measured on SQLite's
sub-millisecond commits under `make bench-hub` S3, it raised the mean write from 0.5 ms to
22 ms, so those stay on the loop.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from gevent import get_hub, monkey

T = TypeVar("T")


def off_loop(fn: Callable[..., T], *args: object) -> T:
    """`fn(*args)` on a native thread when gevent patched threading; its result or exception."""
    if not monkey.is_module_patched("threading"):
        return fn(*args)
    return get_hub().threadpool.apply(fn, args)
