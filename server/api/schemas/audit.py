"""GET /api/v1/me/audit: one page of the caller's audit trail."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from server.api.schemas.common import WireModel


class AuditActor(WireModel):
    type: Literal["user", "stripe", "cli", "system"]
    id: str = Field(description="A user's sub, a Stripe event id, a CLI command or 'system'")


class AuditEntryView(WireModel):
    id: int
    at: str = Field(description="RFC 3339, UTC")
    actor: AuditActor
    action: str = Field(description="Dotted name, e.g. tier.changed, overlay_key.rotated")
    target: str | None = Field(description="A room or a member's sub")
    before: dict[str, Any] | None
    after: dict[str, Any] | None
    request_id: str | None


class AuditPage(WireModel):
    items: list[AuditEntryView]
    next: int | None = Field(description="Pass as `before` for the next (older) page")
