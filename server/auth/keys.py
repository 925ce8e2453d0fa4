"""Where verification keys come from: a remote JWKS (Auth0) or the local dev issuer."""

from __future__ import annotations

import logging
import threading
import time
from collections import deque
from collections.abc import Callable
from typing import Any, Protocol

import requests
from joserfc.jwk import KeySet, RSAKey

log = logging.getLogger(__name__)


class KeySource(Protocol):
    def get(self, kid: str) -> RSAKey | None:
        """The public key with id `kid`, or None if unknown (after any refresh)."""


class JwksKeySource:
    """A tenant JWKS fetched over HTTPS, cached; one refresh when a `kid` is unknown.

    Refreshes are bounded (each unknown kid triggers at most one per `negative_ttl`, and at
    most `max_refreshes_per_minute` overall) so forged kids cannot hammer the provider.
    """

    def __init__(
        self,
        url: str,
        *,
        cache_seconds: int = 600,
        negative_ttl: float = 60.0,
        max_refreshes_per_minute: int = 10,
        clock: Callable[[], float] = time.monotonic,
        http: requests.Session | None = None,
    ) -> None:
        self.url = url
        self.cache_seconds = cache_seconds
        self.negative_ttl = negative_ttl
        self.max_refreshes_per_minute = max_refreshes_per_minute
        self.clock = clock
        self.http = http or requests.Session()
        self._keys: dict[str, RSAKey] = {}
        self._fetched_at: float | None = None
        self._recent_refreshes: deque[float] = deque()
        self._unknown_kids: dict[str, float] = {}
        self._lock = threading.Lock()

    def get(self, kid: str) -> RSAKey | None:
        with self._lock:
            now = self.clock()
            if self._fetched_at is None or now - self._fetched_at > self.cache_seconds:
                self._refresh(now)
            if kid not in self._keys and self._may_refresh_for(kid, now):
                self._refresh(now)
                if kid not in self._keys:
                    self._remember_unknown(kid, now)
            return self._keys.get(kid)

    def _may_refresh_for(self, kid: str, now: float) -> bool:
        seen = self._unknown_kids.get(kid)
        if seen is not None and now - seen < self.negative_ttl:
            return False
        while self._recent_refreshes and now - self._recent_refreshes[0] > 60:
            self._recent_refreshes.popleft()
        return len(self._recent_refreshes) < self.max_refreshes_per_minute

    def _remember_unknown(self, kid: str, now: float) -> None:
        if len(self._unknown_kids) > 1000:
            self._unknown_kids.clear()
        self._unknown_kids[kid] = now

    def _refresh(self, now: float) -> None:
        self._fetched_at = now
        self._recent_refreshes.append(now)
        try:
            response = self.http.get(self.url, timeout=(3, 5))
            response.raise_for_status()
            self._keys = parse_rsa_keys(response.json())
        except (requests.RequestException, ValueError) as exc:
            log.warning("JWKS fetch failed", extra={"jwks_url": self.url, "error": str(exc)})


class StaticKeySource:
    """Keys known in-process (the dev issuer's own key)."""

    def __init__(self, keys: list[RSAKey]) -> None:
        self._keys = {str(k.kid): k for k in keys}

    def get(self, kid: str) -> RSAKey | None:
        return self._keys.get(kid)


def parse_rsa_keys(document: Any) -> dict[str, RSAKey]:
    """RSA signing keys of a JWKS document, by kid; other key types are ignored."""
    if not isinstance(document, dict) or not isinstance(document.get("keys"), list):
        raise ValueError("not a JWKS document")
    keys: dict[str, RSAKey] = {}
    for entry in document["keys"]:
        if not isinstance(entry, dict) or entry.get("kty") != "RSA" or not entry.get("kid"):
            continue
        if entry.get("use", "sig") != "sig":
            continue
        public = {k: entry[k] for k in ("kty", "n", "e", "kid") if k in entry}
        keys[str(entry["kid"])] = RSAKey.import_key(public)
    return keys


def public_jwks(keys: list[RSAKey]) -> dict[str, Any]:
    """A JWKS document with only the public halves of `keys`."""
    return dict(KeySet(list[Any](keys)).as_dict(private=False))
