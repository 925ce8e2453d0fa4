"""GET /api/v1/auth/config: how a client signs in to this server (public; nothing secret).

The side panel asks this right after the user picks a server, so signing in needs no Auth0
settings typed by hand: the issuer, audience and the extension's public client id come from here.
"""

from __future__ import annotations

from typing import Any

from flask_restx import Namespace, Resource

from server.api.schemas.auth import AuthConfig as AuthConfigView
from server.api.validation import response_model
from server.extensions import services

ns = Namespace("auth", description="Sign-in settings for clients")


def sign_in_settings() -> dict[str, Any]:
    """The public sign-in settings: which issuer, and how a client reaches it."""
    config = services().config
    if config.uses_dev_issuer:
        return {
            "mode": "dev",
            "issuer": config.issuer,
            "audience": config.AUTH0_AUDIENCE,
            "dev_sign_in": True,
            "auth0": None,
        }
    auth0 = None
    if config.AUTH0_DOMAIN:
        auth0 = {
            "domain": config.AUTH0_DOMAIN,
            "client_id": config.AUTH0_CLIENT_ID or None,
            "audience": config.AUTH0_AUDIENCE,
        }
    return {
        "mode": "auth0" if config.AUTH0_DOMAIN else "oidc",
        "issuer": config.issuer,
        "audience": config.AUTH0_AUDIENCE,
        "dev_sign_in": False,
        "auth0": auth0,
    }


@ns.route("/config")
class AuthConfig(Resource):
    @ns.doc(security=[])
    @ns.response(200, "Success", response_model(ns, AuthConfigView))
    def get(self) -> tuple[dict[str, Any], int, dict[str, str]]:
        """Issuer, audience and the public client id a client signs in with."""
        body = AuthConfigView.model_validate(sign_in_settings()).model_dump(mode="json")
        return body, 200, {"Cache-Control": "public, max-age=300"}
