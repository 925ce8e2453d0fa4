"""/analytics/{broadcaster}/... answers: each carries its window (from, to, tz, clamped)."""

from __future__ import annotations

from pydantic import ConfigDict, Field

from server.api.schemas.common import WireModel


class Clamp(WireModel):
    """How the tier's history shortened the asked window."""

    requested_from: str
    effective_from: str
    reason: str


class AnalyticsWindow(WireModel):
    model_config = ConfigDict(populate_by_name=True)

    from_: str = Field(alias="from")
    to: str
    tz: str
    clamped: Clamp | None


class Summary(AnalyticsWindow):
    broadcaster: str
    tokens: int
    tips: int
    unique_tippers: int
    average_tip: float
    follows: int
    unfollows: int
    fanclub_joins: int
    media_sales: int
    media_tokens: int
    chat_messages: int
    private_messages: int
    peak_viewers: int
    average_viewers: float
    broadcasts: int
    broadcast_seconds: float


class SeriesPoint(WireModel):
    start: str
    ts: float
    value: float


class Timeseries(AnalyticsWindow):
    broadcaster: str
    metric: str
    interval: str
    total: float | None = Field(description="None for viewers (a peak, not a sum)")
    points: list[SeriesPoint]


class Tipper(WireModel):
    rank: int
    username: str
    tokens: int
    tips: int


class TopTippers(AnalyticsWindow):
    broadcaster: str
    limit: int
    tippers: list[Tipper]


class LastTip(WireModel):
    at: str
    tokens: int | None


class Fanclub(WireModel):
    member: bool
    joined_at: str | None


class Viewer(AnalyticsWindow):
    """Fields past `notes` are present only when the viewer was seen in the window."""

    username: str
    seen: bool
    notes: str
    first_seen: str | None = None
    last_seen: str | None = None
    events: int | None = None
    tokens: int | None = None
    tips: int | None = None
    last_tip: LastTip | None = None
    fanclub: Fanclub | None = None
    languages: list[str] | None = None


class ViewerNotes(WireModel):
    broadcaster: str
    username: str
    notes: str


class NotedViewers(WireModel):
    """GET /analytics/{b}/noted-viewers: usernames with notes, latest edited first."""

    broadcaster: str
    usernames: list[str]
    truncated: bool = Field(description="More viewers have notes than `limit`")


class TopTipperRef(WireModel):
    username: str
    tokens: int


class SessionRow(WireModel):
    start: str
    end: str | None
    live: bool
    duration_seconds: float
    tokens: int
    tokens_per_hour: float | None
    top_tipper: TopTipperRef | None
    new_followers: int


class Sessions(AnalyticsWindow):
    broadcaster: str
    total: int
    sessions: list[SessionRow]


class LanguageShare(WireModel):
    language: str
    messages: int
    share: float


class LanguageMix(AnalyticsWindow):
    broadcaster: str
    total: int
    languages: list[LanguageShare]
