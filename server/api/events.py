"""POST /api/v1/events: batch ingest for integrations (same validation and acks as the hub);
GET /api/v1/events/{broadcaster}: the room's stream, paged by offset (owner and members)."""

from __future__ import annotations

import json
from typing import Any

from flask import request
from flask_restx import Namespace
from pydantic import Field

from server.api.resource import AuthedResource
from server.api.validation import RequestModel, parse_query, response_model
from server.auth.decorators import current_account
from server.errors import NotFound, ValidationFailed
from server.extensions import services
from server.ingest.publishing import Publisher
from server.realtime.messages import PublishAck
from server.services.analytics.access import check_broadcaster
from server.services.analytics.reports import store_errors
from server.tiers import tier_for

ns = Namespace("events", description="Publish platform events over HTTP; read a room's stream")

FEED_MAX_LIMIT = 1000


class FeedQuery(RequestModel):
    after: int | None = Field(default=None, ge=0)
    limit: int = Field(default=100, ge=1, le=FEED_MAX_LIMIT)


@ns.route("/<string:broadcaster>")
@ns.doc(
    params={
        "after": "offset: events after it (default: the newest `limit` events)",
        "limit": f"1-{FEED_MAX_LIMIT}, default 100",
    }
)
class RoomFeed(AuthedResource):
    def get(self, broadcaster: str) -> dict[str, Any]:
        """{broadcaster, position: {offset, epoch}, items: [{offset, event}], next_after}: what
        a client reloads when `subscribe` answers recovered: false. Others' rooms: 404."""
        check_broadcaster(broadcaster)
        query = parse_query(FeedQuery)
        account = current_account()
        access = services().realtime.access
        if not access.may_read(account.id, account.sub, broadcaster):
            raise NotFound("No events for this broadcaster.")
        with store_errors():
            return access.feed(broadcaster, query.after, query.limit)


@ns.route("")
class Events(AuthedResource):
    @ns.response(200, "Success", response_model(ns, PublishAck))
    @ns.doc(
        description="Body: one event, a list of events, or an Events API page {events:[...]}. "
        "Answer: {ok, accepted, duplicates, errors:[{index, code, message}], offsets}."
    )
    def post(self) -> tuple[dict[str, Any], int]:
        """Publish events to broadcasters you own; per-event errors are listed by index."""
        try:
            raw = json.loads(request.get_data(cache=True) or b"null")
        except (ValueError, UnicodeDecodeError) as exc:
            raise ValidationFailed(
                "The request body is not valid JSON.", code="malformed_json"
            ) from exc
        account = current_account()
        publisher = Publisher(
            allowed=frozenset(link.broadcaster for link in account.links),
            rate_per_second=tier_for(account.tier).publish_rate_per_broadcaster,
            store_text=account.store_chat_text,
        )
        ack = services().realtime.ingestor.publish(raw, publisher).ack()
        if ack["errors"] and not (ack["accepted"] or ack["duplicates"]):
            first = ack["errors"][0]
            raise ValidationFailed(
                f"No event accepted: {first['message']}", code="invalid_events", details=ack
            )
        return ack, 200
