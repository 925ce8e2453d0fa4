"""The /hub socket messages as pydantic models: acks, server pushes, notices.

The hub builds these payloads as plain dicts on its hot path; the models describe them for
the clients' generated types (server.contract) and tests validate real messages against
them (tests/realtime/test_messages.py), so a drift fails.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from server.api.schemas.account import TierLimits, TierName, Usage
from server.api.schemas.common import ErrorBody, StreamPosition, WireModel
from server.api.schemas.rooms import GoalRef, GoalState, MenuItem
from server.events.wire import PlatformEvent


class ErrorAck(ErrorBody):
    """Any refused request (subscribe, publish, reauth, an unknown event)."""

    ok: Literal[False]


class ReplayCap(WireModel):
    events: int
    seconds: int


RecoveryFailure = Literal[
    "epoch_changed", "ahead_of_stream", "history_lost", "history_unavailable", "replay_cap"
]


class SubscribeAck(WireModel):
    """`recovered: true`: every event after `since` was sent before this ack, in order;
    `recovered: false`: none was (reload over REST); never a partial replay."""

    ok: Literal[True]
    position: StreamPosition
    offset: int = Field(description="position.offset, for clients older than positions")
    recovered: bool
    replayed: int = Field(description="Events after `since` sent before this ack")
    reason: RecoveryFailure | None = Field(default=None, description="Why nothing was replayed")
    cap: ReplayCap | None = Field(default=None, description="With reason replay_cap")


class UnsubscribeAck(WireModel):
    ok: Literal[True]


class ReauthAck(WireModel):
    ok: Literal[True]
    exp: int = Field(description="Expiry of the new token, epoch seconds")


class PublishError(WireModel):
    index: int | None = Field(description="Position in the batch; None: the whole body")
    code: str
    message: str


class PublishAck(WireModel):
    """Answer of `publish` and of POST /api/v1/events, once the events are durable."""

    ok: bool
    accepted: int
    duplicates: int
    errors: list[PublishError]
    offsets: list[int]


class EventMessage(WireModel):
    """`event`: one event of a subscribed room."""

    offset: int
    event: PlatformEvent


class EventsMessage(WireModel):
    """`events`: several events of one room committed together, in offset order."""

    items: list[EventMessage]


class EventsPage(WireModel):
    """GET /api/v1/events/{broadcaster}: a page of the room's stream up to `position`."""

    broadcaster: str
    position: StreamPosition
    items: list[EventMessage]
    next_after: int | None = Field(description="Pass as `after` for the next page; null: done")


class StatusMessage(WireModel):
    """`status`: what feeds the room and the write path's state (on connect, subscribe,
    every few seconds, and on feed changes)."""

    broadcaster: str | None
    ingest: Literal["none", "events_api", "simulator", "extension"]
    ingest_state: str | None
    reason: str | None
    store: str
    store_backend: str
    spool_depth: int
    queued: int
    lag_ms: int | None
    room_stream: Literal["ok", "down"] = Field(description="down: Redis unreachable")
    room_stream_engine: Literal["memory", "redis"]
    position: StreamPosition | None = Field(description="Another epoch than yours: reload")


class TierNotice(WireModel):
    """`tier`: the account's tier changed (Stripe); new limits apply now."""

    tier: TierName
    previous: str | None
    status: str | None
    limits: TierLimits


#: `usage`: today's usage after a metered call (the same body as /me's `usage`).
UsageNotice = Usage


class ReauthNotice(WireModel):
    """`reauth`: the token expired; send `reauth {token}`."""

    code: str
    message: str


class ConnectRefused(WireModel):
    """The `data` of a refused connect (bad token, too many connections)."""

    code: str
    message: str


class GoalFrame(GoalState):
    """`goal`: the room's goal progress (to its panels and goal overlays); `completed` names
    the goal a tip just reached."""

    broadcaster: str
    completed: GoalRef | None = None


class TipNote(WireModel):
    """`tip_note`: a tip bought a menu item or was a big tip (to the room's panels)."""

    broadcaster: str
    offset: int
    event_id: str
    tokens: int
    menu_item: MenuItem | None
    big_tip: bool


class OverlayRevoked(WireModel):
    """`overlay_revoked`: the overlay's key was revoked or rotated; the socket closes."""

    code: str
    message: str


class OverlaySubscribeAck(WireModel):
    """An overlay socket's `subscribe` ack: where it stands and whether `since` was replayed."""

    ok: Literal[True]
    position: StreamPosition
    recovered: bool
    replayed: int
    reason: RecoveryFailure | None = Field(default=None, description="Why nothing was replayed")
    cap: ReplayCap | None = Field(default=None, description="With reason replay_cap")
