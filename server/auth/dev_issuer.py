"""The dev token issuer: a local RSA key under var/, for `make run` and tests only.

Production refuses it (see Config.validate); tokens it mints verify exactly like Auth0's.
"""

from __future__ import annotations

import json
import os
import time
import uuid
from pathlib import Path
from typing import Any

from joserfc import jwt
from joserfc.jwk import RSAKey


class DevIssuer:
    """Mints RS256 access tokens with the same claims shape Auth0 issues."""

    def __init__(self, key_path: str, *, issuer: str, audience: str, ttl: int = 3600) -> None:
        self.issuer = issuer
        self.audience = audience
        self.ttl = ttl
        self.key = _load_or_create_key(Path(key_path))

    def mint(self, sub: str, *, email: str | None = None, ttl: int | None = None) -> str:
        """A signed access token for `sub`."""
        now = int(time.time())
        claims: dict[str, Any] = {
            "iss": self.issuer,
            "sub": sub,
            "aud": [self.audience],
            "iat": now,
            "nbf": now,
            "exp": now + (ttl or self.ttl),
            "jti": uuid.uuid4().hex,
            "scope": "openid profile email",
        }
        if email:
            claims["email"] = email
        header = {"alg": "RS256", "typ": "JWT", "kid": self.key.kid}
        return jwt.encode(header, claims, self.key)


def _load_or_create_key(path: Path) -> RSAKey:
    if path.is_file():
        return RSAKey.import_key(json.loads(path.read_text()))
    path.parent.mkdir(parents=True, exist_ok=True)
    key = RSAKey.generate_key(2048, parameters={"use": "sig", "alg": "RS256"}, auto_kid=True)
    tmp = path.with_suffix(".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as handle:
        json.dump(key.as_dict(private=True), handle)
    tmp.replace(path)
    return key
