"""/rooms/{broadcaster}/... and /overlay/state answers (request models: server/api/room_schemas)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Literal

from pydantic import ConfigDict, Field, RootModel

from server.api.schemas.common import StreamPosition, WireModel, enum_of
from server.events.wire import EventMedia, EventMethod, EventTip
from server.services.rooms import overlay_look

if TYPE_CHECKING:
    OverlayOption = str
    OverlayFont = str
    OverlayLayout = str
else:
    OverlayOption = enum_of("OverlayOption", overlay_look.OPTION_NAMES)
    OverlayFont = enum_of("OverlayFont", overlay_look.FONTS)
    OverlayLayout = enum_of("OverlayLayout", overlay_look.LAYOUTS)

Scope = Literal["broadcast", "period"]
OverlayKind = Literal["goal", "alerts", "top", "menu", "ticker"]
OptionValue = str | int | bool


class GoalRef(WireModel):
    label: str
    target: int


class Goal(GoalRef):
    progress: int
    completed: bool = Field(description="True once every goal is reached (the last stays up)")


class GoalState(WireModel):
    """The active goal and the next one (None: no goals)."""

    goal: Goal | None
    next: GoalRef | None


class GoalItem(WireModel):
    label: str
    tokens: int


class GoalsView(GoalState):
    broadcaster: str
    goals: list[GoalItem]
    carry_over: bool
    reset_at: str | None = Field(description="ISO time the list last started over by hand")


class MenuItem(WireModel):
    name: str
    tokens: int


class MenuView(WireModel):
    broadcaster: str
    items: list[MenuItem]
    nearest_below: bool


class Span(WireModel):
    model_config = ConfigDict(populate_by_name=True)

    from_: float = Field(alias="from", description="epoch seconds")
    to: float


class MenuItemSales(WireModel):
    name: str
    price: int
    count: int
    tokens: int


class Unmatched(WireModel):
    count: int
    tokens: int


class MenuReport(WireModel):
    broadcaster: str
    scope: Scope
    window: Span | None = Field(description="None for scope=broadcast")
    items: list[MenuItemSales]
    unmatched: Unmatched


class TipperTier(WireModel):
    level: int
    name: str
    tokens: int


class ThresholdsView(WireModel):
    broadcaster: str
    big_tip_tokens: int
    tipper_tiers: list[TipperTier]


class BoardLeader(WireModel):
    username: str
    tokens: int
    tips: int


class Leaderboard(WireModel):
    broadcaster: str
    scope: Scope
    window: Span | None = Field(description="None for scope=broadcast")
    leaders: list[BoardLeader]
    king: str | None


class TierThreshold(WireModel):
    name: str
    tokens: int


class TieredTipper(WireModel):
    username: str
    tokens: int
    level: int
    tier: str


class TipperTiers(WireModel):
    broadcaster: str
    as_of: float
    thresholds: list[TierThreshold]
    tippers: list[TieredTipper]


class RoomLimits(WireModel):
    goals: int
    menu_items: int
    overlays: int
    overlay_watermark: bool
    member_overlays: bool


class ResolvedLook(WireModel):
    """Every look option with a value (the defaults, or saved options over them)."""

    color: str
    text: str
    font: OverlayFont
    size: int
    layout: OverlayLayout
    sound: bool


class OverlayLookCatalog(WireModel):
    """What an overlay's look may be (server/services/rooms/overlay_look.py)."""

    options: list[OverlayOption]
    fonts: list[OverlayFont]
    layouts: list[OverlayLayout]
    size_min: int
    size_max: int
    color_pattern: str = Field(description="Regular expression of a hex colour")
    defaults: ResolvedLook
    by_kind: dict[str, list[OverlayOption]] = Field(description="kind -> the options it reads")


class OverlayView(WireModel):
    id: str
    broadcaster: str
    kind: OverlayKind
    label: str
    member_sub: str | None
    options: dict[str, OptionValue]
    created_at: str


class IssuedOverlay(OverlayView):
    """Created or rotated: the key and its page link, shown this once."""

    key: str
    url: str


class OverlayList(WireModel):
    broadcaster: str
    overlays: list[OverlayView]
    kinds: dict[str, list[str]] = Field(description="kind -> the event methods it shows")
    limits: RoomLimits


class Leader(WireModel):
    username: str
    tokens: int


class TopState(WireModel):
    leaders: list[Leader]
    king: str | None


class MenuState(WireModel):
    items: list[MenuItem]


class OverlayUser(WireModel):
    username: str | None = None


class OverlayEvent(WireModel):
    """What an overlay sees of an event: no chat text, no private viewer fields."""

    id: str
    broadcaster: str
    method: EventMethod
    ts: float | None = None
    user: OverlayUser
    tip: EventTip | None = None  # type: ignore[valid-type]
    media: EventMedia | None = None  # type: ignore[valid-type]


class OverlayEventMessage(WireModel):
    """`event` as an overlay socket and the alerts/ticker state carry it."""

    offset: int
    event: OverlayEvent


class RecentState(WireModel):
    recent: list[OverlayEventMessage]


class _StateBase(WireModel):
    broadcaster: str
    watermark: bool
    options: dict[str, OptionValue]
    position: StreamPosition


class GoalOverlayState(_StateBase):
    kind: Literal["goal"]
    state: GoalState


class TopOverlayState(_StateBase):
    kind: Literal["top"]
    state: TopState


class MenuOverlayState(_StateBase):
    kind: Literal["menu"]
    state: MenuState


class RecentOverlayState(_StateBase):
    kind: Literal["alerts", "ticker"]
    state: RecentState


AnyOverlayState = Annotated[
    GoalOverlayState | TopOverlayState | MenuOverlayState | RecentOverlayState,
    Field(discriminator="kind"),
]


class OverlayState(RootModel[AnyOverlayState]):
    """GET /api/v1/overlay/state, discriminated by `kind`."""
