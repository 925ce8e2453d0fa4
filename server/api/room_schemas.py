"""Request models of /api/v1/rooms/{broadcaster}/... (limits: server.services.rooms.settings)."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field, field_validator

from server.api.analytics import WindowQuery
from server.api.schemas.rooms import OverlayFont, OverlayLayout
from server.api.validation import RequestModel, one_of
from server.services.rooms import overlay_look as look
from server.services.rooms.overlays import OVERLAY_KINDS
from server.services.rooms.settings import MAX_ITEMS, MAX_LABEL_CHARS, MAX_TOKENS
from server.services.rooms.tipper_tiers import check_thresholds

Tokens = Field(strict=True, ge=1, le=MAX_TOKENS, description=f"whole tokens, 1-{MAX_TOKENS:,}")
Label = Field(min_length=1, max_length=MAX_LABEL_CHARS, description="not empty")
Color = Field(default=None, pattern=look.HEX_COLOR_PATTERN, description="hex, e.g. #e0457b")


class OverlayLook(RequestModel):
    """An overlay's saved look (server/services/rooms/overlay_look.py); unset: the default."""

    color: str | None = Color
    text: str | None = Color
    font: OverlayFont | None = Field(default=None, description="a name from the catalog")
    size: int | None = Field(
        default=None, strict=True, ge=look.SIZE_MIN, le=look.SIZE_MAX, description="pixels"
    )
    layout: OverlayLayout | None = None
    sound: bool | None = Field(default=None, strict=True, description="tip alerts beep")

    @field_validator("color", "text")
    @classmethod
    def _hex(cls, value: str | None) -> str | None:
        return None if value is None else look.canonical_color(value)

    @field_validator("font", mode="before")
    @classmethod
    def _font_name(cls, value: Any) -> Any:
        return look.canonical_font(value) if isinstance(value, str) else value

    def saved(self) -> dict[str, str | int | bool]:
        """The options as stored: only those set."""
        return self.model_dump(exclude_none=True)


class GoalIn(RequestModel):
    label: str = Label
    tokens: int = Tokens


class GoalsBody(RequestModel):
    goals: list[GoalIn] = Field(max_length=MAX_ITEMS, description="in order; the first is active")
    carry_over: bool | None = Field(default=None, description="excess tokens count for the next")


class MenuItemIn(RequestModel):
    name: str = Label
    tokens: int = Tokens


class MenuBody(RequestModel):
    items: list[MenuItemIn] = Field(max_length=MAX_ITEMS)
    nearest_below: bool | None = Field(
        default=None, description="a tip with no exact price counts as the dearest item below it"
    )


class ThresholdsBody(RequestModel):
    big_tip_tokens: int | None = Field(default=None, strict=True, ge=1, le=MAX_TOKENS)
    tipper_tiers: list[int] | None = Field(
        default=None,
        description="4 rising lifetime-token thresholds: bronze, silver, gold, diamond",
    )

    @field_validator("tipper_tiers")
    @classmethod
    def _rising(cls, value: list[int] | None) -> list[int] | None:
        return None if value is None else list(check_thresholds(value))


class OverlayBody(RequestModel):
    kind: str = Field(description="goal, alerts, top, menu or ticker")
    label: str = Field(default="", max_length=MAX_LABEL_CHARS)
    options: OverlayLook | None = Field(default=None, description="look defaults")
    member_sub: str | None = Field(
        default=None, max_length=255, description="studio: the member this overlay is for"
    )

    _kind = one_of("kind", OVERLAY_KINDS)


class OverlayPatch(RequestModel):
    label: str | None = Field(default=None, max_length=MAX_LABEL_CHARS)
    options: OverlayLook | None = Field(
        default=None, description="replaces the look defaults (same names as on create)"
    )


class BoardQuery(WindowQuery):
    scope: Literal["broadcast", "period"] = "broadcast"
    limit: int = Field(default=10, ge=1, le=100)


class ReportQuery(WindowQuery):
    scope: Literal["broadcast", "period"] = "broadcast"
