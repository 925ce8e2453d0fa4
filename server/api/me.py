"""/api/v1/me: the caller's account, tier, limits, today's usage; settings and links."""

from __future__ import annotations

from typing import Any

from flask_restx import Namespace
from pydantic import Field

from server.api.resource import AuthedResource
from server.api.schemas.account import MeView
from server.api.validation import (
    ROOM_PATTERN,
    RequestModel,
    body_model,
    parse_body,
    response_model,
)
from server.auth.decorators import current_account
from server.errors import Conflict
from server.extensions import services
from server.services import accounts
from server.services.usage import usage_summary
from server.tiers import tier_for

ns = Namespace("me", description="The signed-in account")
me_view = response_model(ns, MeView)


class PrivacySettings(RequestModel):
    store_chat_text: bool | None = None
    send_private_to_ai: bool | None = None


class AccountPatch(RequestModel):
    language: str | None = Field(default=None, pattern=r"^[a-z]{2,3}(-[A-Za-z]{2,4})?$")
    privacy: PrivacySettings | None = None


class LinkRequest(RequestModel):
    broadcaster: str = Field(pattern=ROOM_PATTERN, description="Room name, lowercase")


class MemberRequest(RequestModel):
    sub: str = Field(min_length=1, max_length=255)
    permissions: list[str] = Field(default=["read:analytics"], max_length=4)


def account_view() -> dict[str, Any]:
    """The JSON view of the caller's account, limits and usage."""
    account = current_account()
    session = services().db.session
    return {
        "account": accounts.account_dict(session, account),
        "limits": tier_for(account.tier).as_dict(),
        "usage": usage_summary(session, account),
    }


@ns.route("")
class Me(AuthedResource):
    @ns.response(200, "Success", me_view)
    def get(self) -> dict[str, Any]:
        """Account, tier, limits and today's usage (created on first call)."""
        return account_view()

    @ns.response(200, "Success", me_view)
    @ns.expect(body_model(ns, AccountPatch))
    def patch(self) -> dict[str, Any]:
        """Change language and privacy switches. Tier and ids can never be set here."""
        body = parse_body(AccountPatch)
        accounts.update_settings(services().db.session, current_account(), body.model_dump())
        return account_view()


@ns.route("/broadcasters")
class Broadcasters(AuthedResource):
    @ns.response(201, "Linked", me_view)
    @ns.expect(body_model(ns, LinkRequest))
    def post(self) -> tuple[dict[str, Any], int]:
        """Link a broadcaster (room) to this account, within the tier's limit."""
        body = parse_body(LinkRequest)
        try:
            accounts.link_broadcaster(services().db.session, current_account(), body.broadcaster)
        except Conflict as exc:
            if body.broadcaster not in services().config.open_rooms:
                raise
            raise Conflict(
                f"{exc.message} It is a simulated room, open to all: watch it without linking.",
                code=exc.code,
                details={"open_to_all": True, "broadcaster": body.broadcaster},
            ) from exc
        return account_view(), 201


@ns.route("/broadcasters/<string:broadcaster>")
class Broadcaster(AuthedResource):
    @ns.response(200, "Success", me_view)
    def delete(self, broadcaster: str) -> dict[str, Any]:
        """Unlink one of this account's broadcasters."""
        accounts.unlink_broadcaster(services().db.session, current_account(), broadcaster)
        return account_view()


@ns.route("/members")
class Members(AuthedResource):
    @ns.response(201, "Added", me_view)
    @ns.expect(body_model(ns, MemberRequest))
    def post(self) -> tuple[dict[str, Any], int]:
        """Add a member (e.g. an analyst) with permissions, within the tier's limit."""
        body = parse_body(MemberRequest)
        accounts.add_member(services().db.session, current_account(), body.sub, body.permissions)
        return account_view(), 201


@ns.route("/members/<string:sub>")
class Member(AuthedResource):
    @ns.response(200, "Success", me_view)
    def delete(self, sub: str) -> dict[str, Any]:
        """Remove a member."""
        accounts.remove_member(services().db.session, current_account(), sub)
        return account_view()
