"""Dev-issuer sign-in for local runs (`make run`); never registered in production."""

from __future__ import annotations

from typing import Any

from flask_restx import Namespace, Resource
from pydantic import Field

from server.api.schemas.health import DevToken as DevTokenView
from server.api.validation import RequestModel, body_model, parse_body, response_model
from server.audit import record_audit
from server.extensions import services
from server.services.accounts import get_or_create_account

ns = Namespace("dev", description="Local dev sign-in (dev issuer only)")


class DevTokenRequest(RequestModel):
    sub: str = Field(min_length=1, max_length=200, pattern=r"^[A-Za-z0-9_.|@:-]+$")
    email: str | None = Field(default=None, max_length=320)


dev_token_model = body_model(ns, DevTokenRequest)


@ns.route("/token")
class DevToken(Resource):
    @ns.doc(security=[])
    @ns.response(200, "Success", response_model(ns, DevTokenView))
    @ns.expect(dev_token_model)
    def post(self) -> dict[str, Any]:
        """Mint a dev access token for `sub` (the tier comes from the accounts DB, not here)."""
        body = parse_body(DevTokenRequest)
        issuer = services().dev_issuer
        assert issuer is not None
        token = issuer.mint(body.sub, email=body.email)
        session = services().db.session
        account = get_or_create_account(session, body.sub, body.email)
        record_audit(session, account.id, "dev_token.minted", actor=("system", "dev sign-in"))
        session.commit()
        return {
            "access_token": token,
            "token_type": "Bearer",
            "expires_in": issuer.ttl,
        }
