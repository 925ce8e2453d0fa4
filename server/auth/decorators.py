"""Gate for REST resources: a verified bearer token and the caller's account on `g`."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from flask import g, request

from server.auth.jwt import VerifiedToken
from server.errors import Unauthorized
from server.extensions import services
from server.models import Account
from server.services.accounts import get_or_create_account
from server.services.billing.subscription import refresh_grace

F = TypeVar("F", bound=Callable[..., Any])


def bearer_token(header: str | None) -> str | None:
    """The token of an `Authorization: Bearer <token>` header (None when absent)."""
    if not header:
        return None
    scheme, _, token = header.strip().partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise Unauthorized(
            "The Authorization header must be 'Bearer <access token>'.", code="token_malformed"
        )
    return token.strip()


def authenticate(token: str | None) -> tuple[VerifiedToken, Account]:
    """Verify `token` and load (or create) its account. Used by REST and the socket hub."""
    app_services = services()
    verified = app_services.verifier.verify(token)
    account = get_or_create_account(app_services.db.session, verified.sub, verified.email)
    if account.subscription_status == "past_due":  # a lapsed grace period ends the paid tier now
        refresh_grace(app_services.db.session, account)
    return verified, account


def require_account(fn: F) -> F:
    """Reject the request unless it carries a valid access token."""

    @wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        g.token, g.account = authenticate(bearer_token(request.headers.get("Authorization")))
        return fn(*args, **kwargs)

    return wrapper  # type: ignore[return-value]


def current_account() -> Account:
    """The authenticated account of this request."""
    return g.account
