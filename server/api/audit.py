"""GET /api/v1/me/audit: the caller's own audit trail, newest first, paginated."""

from __future__ import annotations

from typing import Any

from flask_restx import Namespace
from pydantic import Field

from server.api.resource import AuthedResource
from server.api.schemas.audit import AuditPage
from server.api.validation import RequestModel, parse_query, response_model
from server.audit.trail import MAX_PAGE, entries, entry_view
from server.auth.decorators import current_account
from server.extensions import services

ns = Namespace("audit", path="/me/audit", description="Who changed what in your account")


class AuditQuery(RequestModel):
    limit: int = Field(default=50, ge=1, le=MAX_PAGE)
    before: int | None = Field(default=None, ge=1, description="`next` of the previous page")


@ns.route("")
class Audit(AuthedResource):
    @ns.response(200, "Success", response_model(ns, AuditPage))
    @ns.doc(params={"limit": f"rows per page (1-{MAX_PAGE})", "before": "cursor (`next`)"})
    def get(self) -> dict[str, Any]:
        """Changes to your account (tier, subscription, members, rooms, Events API URL,
        privacy, persona, tokens): who made each, before and after, when, the request id."""
        query = parse_query(AuditQuery)
        session = services().db.session
        rows, cursor = entries(
            session, current_account().id, limit=query.limit, before_id=query.before
        )
        page = {"items": [entry_view(row) for row in rows], "next": cursor}
        return AuditPage.model_validate(page).model_dump(mode="json")
