"""The /hub socket messages as pydantic models: acks, server pushes, notices.

The hub builds these payloads as plain dicts on its hot path; the models describe them for
the clients' generated types (server.contract) and tests validate real messages against
them (tests/realtime/test_messages.py), so a drift fails.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from server.api.schemas.account import TierLimits, TierName, Usage
from server.api.schemas.common import ErrorBody, WireModel
from server.events.wire import PlatformEvent


class ErrorAck(ErrorBody):
    """Any refused request (subscribe, publish, reauth, an unknown event)."""

    ok: Literal[False]


class SubscribeAck(WireModel):
    ok: Literal[True]
    offset: int = Field(description="The room's head: the next event gets this offset")
    replayed: int = Field(description="Events after `since` sent before this ack")


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
