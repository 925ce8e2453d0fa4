"""Translation cache: SQL table by default, Redis when REDIS_URL is set.

Keyed by a hash of (normalized redacted text, source, target, model), so the same chat line
costs one provider call per TTL whoever sends it, and no original PII is ever stored.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
import threading
import time
import unicodedata
from collections import OrderedDict
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Protocol

from sqlalchemy import delete, select

from server.db import Database, upsert_insert
from server.models import TranslationCache

log = logging.getLogger(__name__)

DEFAULT_TTL_SECONDS = 30 * 86_400
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class CachedTranslation:
    translated: str
    source: str


def normalize(text: str) -> str:
    """NFKC, trimmed, inner whitespace collapsed: the form that is cached and sent."""
    return _SPACES.sub(" ", unicodedata.normalize("NFKC", text)).strip()


def cache_key(text: str, source: str | None, target: str, model: str) -> str:
    """64-hex key of a translation request (text is already normalized)."""
    raw = "\x1f".join((model, source or "auto", target, text))
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


class TranslationCacheStore(Protocol):
    def get(self, key: str) -> CachedTranslation | None: ...

    def put(self, key: str, value: CachedTranslation) -> None: ...


class SqlTranslationCache:
    """Rows of the `translation_cache` table; expired rows read as misses and are purged."""

    def __init__(self, db: Database, ttl_seconds: int = DEFAULT_TTL_SECONDS) -> None:
        self.db, self.ttl = db, ttl_seconds

    def get(self, key: str) -> CachedTranslation | None:
        session = self.db.session
        row = session.scalar(
            select(TranslationCache).where(
                TranslationCache.key == key, TranslationCache.expires_at > _now()
            )
        )
        return CachedTranslation(row.translated, row.source) if row else None

    def put(self, key: str, value: CachedTranslation) -> None:
        """Stage an upsert in the request's session; the request's next commit stores it."""
        session = self.db.session
        table = TranslationCache.__table__
        values = {
            "key": key,
            "translated": value.translated,
            "source": value.source,
            "expires_at": _now() + timedelta(seconds=self.ttl),
        }
        stmt = upsert_insert(session, table).values(**values)
        session.execute(stmt.on_conflict_do_update(index_elements=["key"], set_=values))

    def purge_expired(self) -> int:
        """Delete expired rows; returns how many."""
        session = self.db.session
        result = session.execute(
            delete(TranslationCache).where(TranslationCache.expires_at <= _now())
        )
        session.commit()
        return int(getattr(result, "rowcount", 0) or 0)


def purge_expired_translations(db: Database) -> int:
    """Delete the SQL cache's expired rows (they already read as misses); how many."""
    return SqlTranslationCache(db).purge_expired()


class RedisTranslationCache:
    """JSON values with a TTL under `wcp:tr:<key>`; Redis trouble is a miss, never an error."""

    prefix = "wcp:tr:"

    def __init__(self, url: str, ttl_seconds: int = DEFAULT_TTL_SECONDS) -> None:
        import redis

        self.ttl = ttl_seconds
        self.client = redis.Redis.from_url(url, socket_timeout=0.5, socket_connect_timeout=0.5)

    def get(self, key: str) -> CachedTranslation | None:
        import redis

        try:
            raw = self.client.get(self.prefix + key)
        except redis.RedisError:
            log.warning("translation cache (redis) unavailable on read")
            return None
        if raw is None:
            return None
        data = json.loads(raw)
        return CachedTranslation(data["translated"], data["source"])

    def put(self, key: str, value: CachedTranslation) -> None:
        import redis

        payload = json.dumps({"translated": value.translated, "source": value.source})
        try:
            self.client.set(self.prefix + key, payload, ex=self.ttl)
        except redis.RedisError:
            log.warning("translation cache (redis) unavailable on write")


class LocalFirstCache:
    """A small in-process LRU in front of the shared store: hot chat repeats skip the DB.

    Entries live at most `ttl_seconds` here (the shared store keeps its own longer TTL).
    """

    def __init__(
        self, shared: TranslationCacheStore, size: int = 4096, ttl_seconds: float = 600.0
    ) -> None:
        self.shared, self.size, self.ttl = shared, size, ttl_seconds
        self._entries: OrderedDict[str, tuple[float, CachedTranslation]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: str) -> CachedTranslation | None:
        now = time.monotonic()
        with self._lock:
            entry = self._entries.get(key)
            if entry is not None and entry[0] > now:
                self._entries.move_to_end(key)
                return entry[1]
        value = self.shared.get(key)
        if value is not None:
            self._remember(key, value)
        return value

    def put(self, key: str, value: CachedTranslation) -> None:
        self.shared.put(key, value)
        self._remember(key, value)

    def _remember(self, key: str, value: CachedTranslation) -> None:
        with self._lock:
            self._entries[key] = (time.monotonic() + self.ttl, value)
            self._entries.move_to_end(key)
            while len(self._entries) > self.size:
                self._entries.popitem(last=False)


def _now() -> datetime:
    return datetime.now(UTC)
