"""Cluster-wide "one poller per broadcaster": a Redis lease (SET NX PX, renewed while polling).

A process that dies stops renewing; its lease expires after `ttl_ms` and another process
takes over, resuming from the stored nextUrl. Renew and release only touch a lease this
holder still owns (compare-and-set in Lua), so a late process never frees another's lease.
"""

from __future__ import annotations

import logging
import uuid
from typing import Any

log = logging.getLogger(__name__)

LEASE_TTL_MS = 60_000  # > longest gap between renewals (long poll + read margin + max backoff)
KEY_PREFIX = "wcp:lease:poller:"

_RENEW = """
if redis.call('get', KEYS[1]) == ARGV[1] then
  return redis.call('pexpire', KEYS[1], ARGV[2])
end
return 0
"""
_RELEASE = """
if redis.call('get', KEYS[1]) == ARGV[1] then
  return redis.call('del', KEYS[1])
end
return 0
"""


class RedisLease:
    """A lease on one key; `acquire`/`renew` answer False (never raise) when Redis is down."""

    def __init__(self, client: Any, name: str, *, ttl_ms: int = LEASE_TTL_MS) -> None:
        self.client = client
        self.key = KEY_PREFIX + name
        self.ttl_ms = ttl_ms
        self.holder = uuid.uuid4().hex

    def acquire(self) -> bool:
        """Take the lease if it is free (or already ours)."""
        try:
            if self.client.set(self.key, self.holder, nx=True, px=self.ttl_ms):
                return True
            return self.renew()
        except Exception as exc:  # noqa: BLE001 - no Redis: nobody polls, so nothing doubles
            log.warning("lease %s: redis unavailable (%s)", self.key, type(exc).__name__)
            return False

    def renew(self) -> bool:
        """Extend the lease if we still hold it."""
        try:
            return bool(self.client.eval(_RENEW, 1, self.key, self.holder, self.ttl_ms))
        except Exception as exc:  # noqa: BLE001 - treated as lost: stop polling until re-acquired
            log.warning("lease %s: renew failed (%s)", self.key, type(exc).__name__)
            return False

    def release(self) -> None:
        """Give the lease up if we hold it (best effort; it expires anyway)."""
        try:
            self.client.eval(_RELEASE, 1, self.key, self.holder)
        except Exception as exc:  # noqa: BLE001 - expiry frees it
            log.warning("lease %s: release failed (%s)", self.key, type(exc).__name__)
