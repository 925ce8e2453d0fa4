"""Live hub connections per account, counted across server processes (the tier's cap).

One process: an in-memory count. With REDIS_URL: one sorted set per account in Redis,
`wcp:conn:<account id>`, whose members are `<process id>:<sid>` scored with the time they
lapse. Taking a slot is one Lua script (drop lapsed members, count, add), so two processes
cannot both take the last one. A serving process refreshes its members every
REFRESH_SECONDS and gives its slots back when it stops; one that dies stops refreshing and
its slots lapse after TTL_SECONDS.

Redis unreachable: each process counts only its own sockets (the cap holds per process)
and logs it, rather than refusing every streamer while Redis is away.
"""

from __future__ import annotations

import logging
import time
import uuid
from collections import defaultdict
from collections.abc import Callable
from typing import Any

log = logging.getLogger(__name__)

KEY_PREFIX = "wcp:conn:"
TTL_SECONDS = 45
REFRESH_SECONDS = 15.0
RETRY_REDIS_SECONDS = 5.0  # after a failure, count locally this long before asking again

# KEYS[1] the account's set; ARGV: cap, member, ttl seconds. Redis' own clock, so process
# clocks never disagree about what has lapsed.
_ACQUIRE = """
local t = redis.call('time')
local now = tonumber(t[1]) + tonumber(t[2]) / 1000000
redis.call('zremrangebyscore', KEYS[1], '-inf', now)
if redis.call('zscore', KEYS[1], ARGV[2]) then return 1 end
if redis.call('zcard', KEYS[1]) >= tonumber(ARGV[1]) then return 0 end
redis.call('zadd', KEYS[1], now + tonumber(ARGV[3]), ARGV[2])
redis.call('expire', KEYS[1], tonumber(ARGV[3]))
return 1
"""
# KEYS[1] the account's set: how many live slots it holds (lapsed ones dropped first).
_COUNT = """
local t = redis.call('time')
redis.call('zremrangebyscore', KEYS[1], '-inf', tonumber(t[1]) + tonumber(t[2]) / 1000000)
return redis.call('zcard', KEYS[1])
"""
# KEYS: account sets; ARGV[1] ttl, then for each key the members to keep alive, '|'-joined.
# Plain ZADD (not XX): sockets accepted while Redis was away are counted once it is back.
_REFRESH = """
local t = redis.call('time')
local lapse = tonumber(t[1]) + tonumber(t[2]) / 1000000 + tonumber(ARGV[1])
for i, key in ipairs(KEYS) do
  for member in string.gmatch(ARGV[i + 1], '[^|]+') do
    redis.call('zadd', key, lapse, member)
  end
  redis.call('expire', key, tonumber(ARGV[1]))
end
return #KEYS
"""


class Connections:
    """Who is connected, per account; `acquire` enforces a cap across processes."""

    def __init__(
        self,
        redis_client: Any = None,
        *,
        ttl_seconds: int = TTL_SECONDS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.redis = redis_client
        self.ttl = ttl_seconds
        self.clock = clock
        self.process = uuid.uuid4().hex[:12]
        self.local: defaultdict[str, set[str]] = defaultdict(set)
        self._redis_down = False
        self._retry_at = 0.0

    @property
    def shared(self) -> bool:
        """True when the count spans every process (Redis configured and reachable)."""
        return self.redis is not None and not self._redis_down

    def acquire(self, account_id: str, sid: str, cap: int) -> bool:
        """Take a slot for this socket if the account has fewer than `cap`."""
        if self.redis is not None:
            taken = self._redis_call(
                lambda: self.redis.eval(
                    _ACQUIRE, 1, KEY_PREFIX + account_id, cap, self._member(sid), self.ttl
                )
            )
            if taken is not None:
                if taken:
                    self.local[account_id].add(sid)
                return bool(taken)
        if len(self.local[account_id]) >= cap:
            return False
        self.local[account_id].add(sid)
        return True

    def release(self, account_id: str, sid: str) -> None:
        sids = self.local.get(account_id)
        if sids is not None:
            sids.discard(sid)
            if not sids:
                del self.local[account_id]
        if self.redis is not None:
            self._redis_call(lambda: self.redis.zrem(KEY_PREFIX + account_id, self._member(sid)))

    def count(self, account_id: str) -> int:
        """This process's sockets of the account."""
        return len(self.local.get(account_id, ()))

    def total(self, account_id: str) -> int:
        """The account's live sockets in every process (this process's while Redis is away)."""
        if self.redis is not None:
            counted = self._redis_call(lambda: self.redis.eval(_COUNT, 1, KEY_PREFIX + account_id))
            if counted is not None:
                return int(counted)
        return self.count(account_id)

    def refresh(self) -> None:
        """Keep this process's slots from lapsing (call every REFRESH_SECONDS)."""
        if self.redis is None or not self.local:
            return
        accounts = list(self.local)
        keys = [KEY_PREFIX + account_id for account_id in accounts]
        members = ["|".join(self._member(sid) for sid in self.local[a]) for a in accounts]
        self._redis_call(lambda: self.redis.eval(_REFRESH, len(keys), *keys, self.ttl, *members))

    def release_all(self) -> None:
        """Give back every slot of this process (graceful shutdown)."""
        held = {account_id: list(sids) for account_id, sids in self.local.items()}
        self.local.clear()
        if self.redis is None or not held:
            return

        def remove() -> None:
            pipe = self.redis.pipeline(transaction=False)
            for account_id, sids in held.items():
                pipe.zrem(KEY_PREFIX + account_id, *(self._member(sid) for sid in sids))
            pipe.execute()

        self._redis_call(remove)

    def _member(self, sid: str) -> str:
        return f"{self.process}:{sid}"

    def _redis_call(self, call: Any) -> Any:
        """The call's result, or None when Redis fails (logged once per outage). After a
        failure Redis is left alone for RETRY_REDIS_SECONDS: no connect waits on a dead host."""
        if self._redis_down and self.clock() < self._retry_at:
            return None
        try:
            result = call()
        except Exception as exc:  # noqa: BLE001 - any Redis trouble: count locally meanwhile
            if not self._redis_down:
                log.warning(
                    "connection caps: redis unavailable (%s); counting this process only",
                    type(exc).__name__,
                )
            self._redis_down = True
            self._retry_at = self.clock() + RETRY_REDIS_SECONDS
            return None
        if self._redis_down:
            log.info("connection caps: redis is back; counting across processes again")
            self._redis_down = False
        return result
