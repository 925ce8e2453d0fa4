"""/api/v1/analytics/{broadcaster}/...: owner or members with read:analytics; others get 404."""

from __future__ import annotations

import itertools
import time
from typing import Any, Literal

from flask import Response, stream_with_context
from flask_restx import Namespace
from pydantic import ConfigDict, Field

from server.api.resource import AuthedResource
from server.api.schemas import analytics as answers
from server.api.validation import (
    RequestModel,
    body_model,
    parse_body,
    parse_query,
    response_model,
)
from server.auth.decorators import current_account
from server.errors import NotFound
from server.extensions import services
from server.models import Account
from server.services.analytics import access
from server.services.analytics.export import csv_chunks
from server.services.analytics.reports import Analytics, store_errors, viewer_view
from server.services.analytics.time_grid import (
    DAY,
    DEFAULT_WINDOW,
    MAX_SERIES_WINDOW,
    MAX_WINDOW,
    Window,
    parse_zone,
    resolve_window,
)

ns = Namespace("analytics", description="Time-series analytics of a broadcaster's room")

WINDOW_DOC = {
    "from": "Start: epoch seconds, ISO 8601 (naive = in tz) or YYYY-MM-DD. Default: to - 7 days",
    "to": "End (exclusive), same formats. Default: now",
    "tz": "IANA time zone for naive times, day buckets and answers. Default: UTC",
}


class WindowQuery(RequestModel):
    model_config = ConfigDict(populate_by_name=True)

    from_: str | None = Field(default=None, alias="from", max_length=40)
    to: str | None = Field(default=None, max_length=40)
    tz: str = Field(default="UTC", max_length=64)


class SeriesQuery(WindowQuery):
    metric: Literal["tokens", "tips", "chat", "viewers", "follows"] = "tokens"
    interval: Literal["1m", "5m", "1h", "1d"] = "1h"


class TopQuery(WindowQuery):
    limit: int = Field(default=10, ge=1, le=100)


class SessionsQuery(WindowQuery):
    limit: int = Field(default=50, ge=1, le=500)


class NotesBody(RequestModel):
    notes: str = Field(max_length=access.MAX_NOTES_CHARS)


class NotedQuery(RequestModel):
    limit: int = Field(default=1_000, ge=1, le=access.MAX_NOTED_VIEWERS)


def _owner(broadcaster: str) -> Account:
    return access.readable_owner(services().db.session, current_account(), broadcaster)


def _window(
    query: WindowQuery, owner: Account, max_span: int = MAX_WINDOW, default_span: int | None = None
) -> Window:
    return resolve_window(
        query.from_,
        query.to,
        parse_zone(query.tz),
        now=time.time(),
        history_days=access.history_days(owner),
        max_span=max_span,
        default_span=default_span or DEFAULT_WINDOW,
    )


def _analytics() -> Analytics:
    return Analytics(services().event_store)


@ns.route("/<string:broadcaster>/summary")
@ns.doc(params=WINDOW_DOC)
class Summary(AuthedResource):
    @ns.response(200, "Success", response_model(ns, answers.Summary))
    def get(self, broadcaster: str) -> dict[str, Any]:
        """Tokens, tips, tippers, follows, fanclub, media, chat, viewers, broadcast time."""
        owner = _owner(broadcaster)
        return _analytics().summary(broadcaster, _window(parse_query(WindowQuery), owner))


@ns.route("/<string:broadcaster>/timeseries")
@ns.doc(
    params={**WINDOW_DOC, "metric": "tokens|tips|chat|viewers|follows", "interval": "1m|5m|1h|1d"}
)
class Timeseries(AuthedResource):
    @ns.response(200, "Success", response_model(ns, answers.Timeseries))
    def get(self, broadcaster: str) -> dict[str, Any]:
        """Gap-filled buckets; 1d buckets start at local midnight in tz."""
        owner = _owner(broadcaster)
        query = parse_query(SeriesQuery)
        window = _window(query, owner, MAX_SERIES_WINDOW[query.interval])
        return _analytics().timeseries(broadcaster, window, query.metric, query.interval)


@ns.route("/<string:broadcaster>/top-tippers")
@ns.doc(params={**WINDOW_DOC, "limit": "1-100, default 10"})
class TopTippers(AuthedResource):
    @ns.response(200, "Success", response_model(ns, answers.TopTippers))
    def get(self, broadcaster: str) -> dict[str, Any]:
        """Tippers by tokens in the window."""
        owner = _owner(broadcaster)
        query = parse_query(TopQuery)
        return _analytics().top_tippers(broadcaster, _window(query, owner), query.limit)


@ns.route("/<string:broadcaster>/viewers/<string:username>")
@ns.doc(params=WINDOW_DOC)
class Viewer(AuthedResource):
    @ns.response(200, "Success", response_model(ns, answers.Viewer))
    def get(self, broadcaster: str, username: str) -> dict[str, Any]:
        """First/last seen, tips, fanclub, languages and your notes (default: all history)."""
        owner = _owner(broadcaster)
        access.check_username(username)
        history = access.history_days(owner) * DAY  # default: all the history the plan keeps
        window = _window(parse_query(WindowQuery), owner, default_span=history)
        stats = _analytics().viewer(broadcaster, username, window)
        notes = access.get_notes(services().db.session, owner, broadcaster, username)
        if stats is None and not notes:
            raise NotFound("No events from this viewer in the window.", code="viewer_not_found")
        return viewer_view(stats, username, notes, window)


@ns.route("/<string:broadcaster>/viewers/<string:username>/notes")
class ViewerNotes(AuthedResource):
    @ns.response(200, "Success", response_model(ns, answers.ViewerNotes))
    @ns.expect(body_model(ns, NotesBody))
    def put(self, broadcaster: str, username: str) -> dict[str, Any]:
        """Replace your private notes about a viewer (owner only)."""
        owner = _owner(broadcaster)
        access.check_username(username)
        body = parse_body(NotesBody)
        session = services().db.session
        notes = access.put_notes(
            session, current_account(), owner, broadcaster, username, body.notes
        )
        return {"broadcaster": broadcaster, "username": username, "notes": notes}


@ns.route("/<string:broadcaster>/noted-viewers")
@ns.doc(params={"limit": f"1-{access.MAX_NOTED_VIEWERS:,}, default 1,000"})
class NotedViewers(AuthedResource):
    @ns.response(200, "Success", response_model(ns, answers.NotedViewers))
    def get(self, broadcaster: str) -> dict[str, Any]:
        """Who of this room's viewers you have notes about (the notes: GET viewers/{username})."""
        owner = _owner(broadcaster)
        query = parse_query(NotedQuery)
        names, truncated = access.noted_viewers(
            services().db.session, owner, broadcaster, query.limit
        )
        return {"broadcaster": broadcaster, "usernames": names, "truncated": truncated}


@ns.route("/<string:broadcaster>/sessions")
@ns.doc(params={**WINDOW_DOC, "limit": "1-500, default 50"})
class Sessions(AuthedResource):
    @ns.response(200, "Success", response_model(ns, answers.Sessions))
    def get(self, broadcaster: str) -> dict[str, Any]:
        """One row per broadcast: duration, tokens, tokens/hour, top tipper, new followers."""
        owner = _owner(broadcaster)
        query = parse_query(SessionsQuery)
        return _analytics().sessions(broadcaster, _window(query, owner), query.limit)


@ns.route("/<string:broadcaster>/languages")
@ns.doc(params=WINDOW_DOC)
class Languages(AuthedResource):
    @ns.response(200, "Success", response_model(ns, answers.LanguageMix))
    def get(self, broadcaster: str) -> dict[str, Any]:
        """Chat messages per user language."""
        owner = _owner(broadcaster)
        return _analytics().languages(broadcaster, _window(parse_query(WindowQuery), owner))


@ns.route("/<string:broadcaster>/export.csv")
@ns.doc(params=WINDOW_DOC)
class Export(AuthedResource):
    @ns.produces(["text/csv"])
    def get(self, broadcaster: str) -> Response:
        """Every event of the window as CSV, streamed (pro and studio)."""
        owner = _owner(broadcaster)
        access.require_export(owner)
        window = _window(parse_query(WindowQuery), owner)
        chunks = csv_chunks(services().event_store, broadcaster, window)
        with store_errors():  # the first page is read here: an outage is still a clean 503
            first = next(chunks)
        name = f"{broadcaster}-{window.start:.0f}-{window.end:.0f}.csv"
        return Response(
            stream_with_context(itertools.chain([first], chunks)),
            mimetype="text/csv",
            headers={"Content-Disposition": f'attachment; filename="{name}"'},
        )
