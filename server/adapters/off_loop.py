"""Blocking disk work off the gevent loop.

Under `python -m server` (gevent, monkey-patched) a SQLite commit, a WAL checkpoint or an
fsync runs in C without yielding: every socket of the process waits for it. `off_loop` runs
such a call on gevent's native thread pool instead; only the calling greenlet waits, the
loop keeps delivering. Without gevent (tests, the CLI) it is a plain call.
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
