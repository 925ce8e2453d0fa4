"""RS256 access-token verification with reasons a client can act on."""

from __future__ import annotations

import base64
import binascii
import json
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from joserfc import jwt
from joserfc.errors import JoseError

from server.auth.keys import KeySource
from server.errors import Unauthorized

ALLOWED_ALGORITHM = "RS256"
FORBIDDEN_HEADERS = ("jwk", "jku", "x5u", "x5c", "crit")
VERIFIED_CACHE_SIZE = 10_000


@dataclass(frozen=True, slots=True)
class VerifiedToken:
    """Claims of a token that passed every check."""

    sub: str
    email: str | None
    exp: int
    claims: dict[str, Any]


class TokenVerifier:
    """Verifies signature (RS256 only), iss, aud, exp, nbf, with a small leeway."""

    def __init__(
        self,
        keys: KeySource,
        *,
        issuer: str,
        audience: str,
        leeway: int = 30,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.keys = keys
        self.issuer = issuer
        self.audience = audience
        self.leeway = leeway
        self.clock = clock
        # Exact token string -> its verified claims (RS256 verify costs ~110 us); exp re-checked.
        self._verified: dict[str, VerifiedToken] = {}

    def verify(self, token: str | None) -> VerifiedToken:
        """Return the verified claims or raise Unauthorized with a specific code."""
        if not token:
            raise Unauthorized("Sign in: no access token was sent.", code="token_missing")
        cached = self._verified.get(token)
        if cached is not None:
            if cached.exp > self.clock() - self.leeway:
                return cached
            del self._verified[token]
        verified = self._verify_signed(token)
        if len(self._verified) >= VERIFIED_CACHE_SIZE:
            self._verified.pop(next(iter(self._verified)))
        self._verified[token] = verified
        return verified

    def _verify_signed(self, token: str) -> VerifiedToken:
        header = _read_header(token)
        key = self.keys.get(str(header["kid"]))
        if key is None:
            raise Unauthorized("The token was signed with an unknown key.", code="unknown_key")
        try:
            claims = jwt.decode(token, key, algorithms=[ALLOWED_ALGORITHM]).claims
        except JoseError as exc:
            raise Unauthorized("The token signature is invalid.", code="invalid_signature") from exc
        self._check_claims(claims)
        return VerifiedToken(
            sub=claims["sub"], email=_email(claims), exp=int(claims["exp"]), claims=claims
        )

    def _check_claims(self, claims: dict[str, Any]) -> None:
        now = self.clock()
        for name in ("exp", "iss", "aud", "sub"):
            if claims.get(name) in (None, "", []):
                raise Unauthorized(f"The token has no '{name}' claim.", code="missing_claim")
        if not _is_number(claims["exp"]) or claims["exp"] <= now - self.leeway:
            raise Unauthorized("The token has expired; sign in again.", code="token_expired")
        nbf = claims.get("nbf")
        if nbf is not None and (not _is_number(nbf) or nbf > now + self.leeway):
            raise Unauthorized("The token is not valid yet.", code="token_not_yet_valid")
        if claims["iss"] != self.issuer:
            raise Unauthorized("The token was issued by another issuer.", code="invalid_issuer")
        audience = claims["aud"]
        audiences = audience if isinstance(audience, list) else [audience]
        if self.audience not in audiences:
            raise Unauthorized("The token is for another audience.", code="invalid_audience")
        if not isinstance(claims["sub"], str) or len(claims["sub"]) > 255:
            raise Unauthorized("The token subject is invalid.", code="invalid_claim")


def _read_header(token: str) -> dict[str, Any]:
    parts = token.split(".")
    if len(parts) != 3 or not all(parts):
        raise Unauthorized(
            "The token is malformed or its signature was stripped.", code="token_malformed"
        )
    try:
        header = json.loads(_b64decode(parts[0]))
    except (ValueError, binascii.Error) as exc:
        raise Unauthorized("The token header is not valid JSON.", code="token_malformed") from exc
    if not isinstance(header, dict):
        raise Unauthorized("The token header is not an object.", code="token_malformed")
    if header.get("alg") != ALLOWED_ALGORITHM:
        raise Unauthorized("Only RS256-signed tokens are accepted.", code="unsupported_algorithm")
    if any(name in header for name in FORBIDDEN_HEADERS):
        raise Unauthorized(
            "The token header carries a forbidden key reference.", code="forbidden_header"
        )
    if not isinstance(header.get("kid"), str) or not header["kid"]:
        raise Unauthorized("The token header has no key id.", code="unknown_key")
    return header


def _b64decode(segment: str) -> bytes:
    return base64.urlsafe_b64decode(segment + "=" * (-len(segment) % 4))


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _email(claims: dict[str, Any]) -> str | None:
    for name, value in claims.items():
        if (name == "email" or name.endswith("/email")) and isinstance(value, str):
            return value[:320]
    return None
