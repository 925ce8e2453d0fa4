"""GET /api/v1/auth/config: how a client signs in (public; nothing secret)."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from server.api.schemas.common import WireModel


class Auth0Client(WireModel):
    domain: str = Field(description="Auth0 tenant domain, e.g. your-tenant.eu.auth0.com")
    client_id: str | None = Field(description="The extension's public Auth0 client id")
    audience: str


class AuthConfig(WireModel):
    mode: Literal["dev", "auth0", "oidc"] = Field(
        description="dev: this server's dev issuer; auth0: Auth0; oidc: another issuer"
    )
    issuer: str = Field(description="The `iss` every accepted token carries")
    audience: str
    dev_sign_in: bool = Field(description="POST /api/v1/dev/token is open (dev issuer only)")
    auth0: Auth0Client | None
