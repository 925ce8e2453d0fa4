"""/api/v1/platform/chaturbate: register the Chaturbate Events API URL, see the feed's status.

The URL carries a secret token: it is stored, never echoed back (responses show a masked
form) and never logged.
"""

from __future__ import annotations

from typing import Any

from flask_restx import Namespace
from pydantic import Field

from server.api.resource import AuthedResource
from server.api.schemas.platform import Feed, PlatformFeeds
from server.api.validation import RequestModel, body_model, parse_body, response_model
from server.auth.decorators import current_account
from server.extensions import services
from server.ingest.chaturbate import feeds as platform

ns = Namespace("platform", description="Streaming platforms feeding your rooms")
feed_view = response_model(ns, Feed)


class EventsUrlRequest(RequestModel):
    events_url: str = Field(
        min_length=1,
        max_length=1024,
        description="Your Events API URL from chaturbate.com/statsapi/authtoken/: "
        "https://eventsapi.chaturbate.com/events/<broadcaster>/<token>/",
    )


@ns.route("/chaturbate")
class Chaturbate(AuthedResource):
    @ns.response(200, "Success", response_model(ns, PlatformFeeds))
    def get(self) -> dict[str, Any]:
        """Feed status per linked broadcaster: connected, backing_off, stopped (with reason)."""
        return platform.platform_status(current_account(), services().feeds)

    @ns.response(200, "Success", feed_view)
    @ns.expect(body_model(ns, EventsUrlRequest))
    def put(self) -> dict[str, Any]:
        """Register (or replace) your Events API URL; links its broadcaster and starts polling."""
        body = parse_body(EventsUrlRequest)
        return platform.register_events_url(
            services().db.session, current_account(), body.events_url, services().feeds
        )


@ns.route("/chaturbate/<string:broadcaster>")
class ChaturbateFeed(AuthedResource):
    @ns.response(200, "Success", feed_view)
    def delete(self, broadcaster: str) -> dict[str, Any]:
        """Stop polling and forget the stored URL (the broadcaster stays linked)."""
        return platform.forget_events_url(
            services().db.session, current_account(), broadcaster, services().feeds
        )
