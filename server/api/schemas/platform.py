"""/platform/chaturbate answers: each linked broadcaster's Events API feed."""

from __future__ import annotations

from pydantic import Field

from server.api.schemas.common import WireModel


class Feed(WireModel):
    broadcaster: str
    events_url: str | None = Field(description="Masked: the token is never echoed")
    state: str = Field(
        description="not_configured | starting | connected | backing_off | standby | stopped"
    )
    reason: str | None
    last_event_at: str | None
    events_total: int | None
    events_rejected: int | None
    retry_in: float | None


class PlatformFeeds(WireModel):
    platform: str
    broadcasters: list[Feed]
