"""Overlay links: /api/v1/rooms/{broadcaster}/overlays (owner creates, rotates, revokes) and
/api/v1/overlay/state (authenticated by the X-Overlay-Key header, never a user token)."""

from __future__ import annotations

from typing import Any

from flask import request
from flask_restx import Namespace, Resource

from server.api.resource import AuthedResource
from server.api.room_schemas import OverlayBody, OverlayPatch
from server.api.rooms import ns as rooms_ns
from server.api.rooms import room_owner
from server.api.schemas import rooms as answers
from server.api.validation import body_model, parse_body, response_model
from server.auth.decorators import current_account
from server.errors import ValidationFailed
from server.extensions import services
from server.models import Account, Membership
from server.services.analytics.reports import store_errors
from server.services.rooms import overlays
from server.tiers import room_limits_for

ns = Namespace("overlay", description="What an OBS overlay page reads with its key")


def _check_member(owner: Account, member_sub: str | None) -> None:
    if member_sub is None:
        return
    found = (
        services()
        .db.session.query(Membership)
        .filter_by(account_id=owner.id, member_sub=member_sub)
        .first()
    )
    if found is None:
        raise ValidationFailed(
            "member_sub must be a member of your account.", code="unknown_member"
        )


@rooms_ns.route("/<string:broadcaster>/overlays")
class Overlays(AuthedResource):
    @rooms_ns.response(200, "Success", response_model(rooms_ns, answers.OverlayList))
    def get(self, broadcaster: str) -> dict[str, Any]:
        """The room's live overlay links (keys are never shown again), kinds and limits."""
        owner = room_owner(broadcaster)
        rows = overlays.live_overlays(services().db.session, broadcaster)
        return {
            "broadcaster": broadcaster,
            "overlays": [overlays.overlay_view(row) for row in rows],
            "kinds": {kind: sorted(methods) for kind, methods in overlays.OVERLAY_KINDS.items()},
            "limits": room_limits_for(owner.tier).as_dict(),
        }

    @rooms_ns.expect(body_model(rooms_ns, OverlayBody))
    @rooms_ns.response(
        201, "Created: `key` and `url` shown once", response_model(rooms_ns, answers.IssuedOverlay)
    )
    def post(self, broadcaster: str) -> tuple[dict[str, Any], int]:
        """Make an overlay link of one kind for this room (owner)."""
        owner = room_owner(broadcaster, write=True)
        body = parse_body(OverlayBody)
        _check_member(owner, body.member_sub)
        options = body.options.saved() if body.options else None
        issued = overlays.create_overlay(
            services().db.session, owner, broadcaster, body.kind, label=body.label,
            options=options, member_sub=body.member_sub, actor_sub=current_account().sub,
        )  # fmt: skip
        return overlays.overlay_view(issued.overlay, issued.token), 201


@rooms_ns.route("/<string:broadcaster>/overlays/<string:overlay_id>/rotate")
class OverlayRotate(AuthedResource):
    @rooms_ns.response(200, "Success", response_model(rooms_ns, answers.IssuedOverlay))
    def post(self, broadcaster: str, overlay_id: str) -> dict[str, Any]:
        """A new key for the same overlay; the old link stops at once (owner)."""
        owner = room_owner(broadcaster, write=True)
        session = services().db.session
        row = overlays.owned_overlay(session, owner, broadcaster, overlay_id)
        issued = overlays.rotate_overlay(session, row, actor_sub=current_account().sub)
        return overlays.overlay_view(issued.overlay, issued.token)


@rooms_ns.route("/<string:broadcaster>/overlays/<string:overlay_id>")
class OverlayItem(AuthedResource):
    @rooms_ns.response(204, "Revoked: its sockets are closed with overlay_revoked")
    def delete(self, broadcaster: str, overlay_id: str) -> tuple[str, int]:
        """Revoke an overlay link (owner)."""
        owner = room_owner(broadcaster, write=True)
        session = services().db.session
        row = overlays.owned_overlay(session, owner, broadcaster, overlay_id)
        overlays.revoke_overlay(session, row, actor_sub=current_account().sub)
        return "", 204

    @rooms_ns.response(200, "Success", response_model(rooms_ns, answers.OverlayView))
    @rooms_ns.expect(body_model(rooms_ns, OverlayPatch))
    def patch(self, broadcaster: str, overlay_id: str) -> dict[str, Any]:
        """Change an overlay's label or look defaults; its key and link stay (owner)."""
        owner = room_owner(broadcaster, write=True)
        body = parse_body(OverlayPatch)
        session = services().db.session
        row = overlays.owned_overlay(session, owner, broadcaster, overlay_id)
        if body.label is not None:
            row.label = body.label
        if body.options is not None:
            row.options = body.options.saved()
        session.commit()
        return overlays.overlay_view(row)


@ns.route("/state")
@ns.doc(security=[], params={"X-Overlay-Key": {"in": "header", "description": "the overlay key"}})
class OverlayState(Resource):
    @ns.response(200, "Success", response_model(ns, answers.OverlayState))
    def get(self) -> tuple[dict[str, Any], int, dict[str, str]]:
        """{kind, broadcaster, watermark, options, position, state}; 401 overlay_key_invalid
        or overlay_key_revoked."""
        session = services().db.session
        row = overlays.authenticate_overlay(session, request.headers.get("X-Overlay-Key"))
        with store_errors():
            state = services().rooms.overlay_state(session, row)
        return state, 200, {"Cache-Control": "no-store"}
