"""/api/v1/rooms/{broadcaster}/...: goals, tip menu, thresholds, boards. The owner writes,
members read; any other account gets 404, as analytics does."""

from __future__ import annotations

import time
from typing import Any

from flask_restx import Namespace

from server.api.analytics import _window
from server.api.resource import AuthedResource
from server.api.room_schemas import BoardQuery, GoalsBody, MenuBody, ReportQuery, ThresholdsBody
from server.api.validation import body_model, parse_body, parse_query
from server.auth.decorators import current_account
from server.errors import NotFound
from server.extensions import services
from server.models import Account
from server.services.accounts import may_act_for, owner_of
from server.services.analytics.access import check_broadcaster, history_days
from server.services.analytics.reports import store_errors
from server.services.rooms import settings as room
from server.services.rooms.goals import Goal
from server.services.rooms.menu import MenuItem
from server.services.rooms.tipper_tiers import TIER_NAMES
from server.signals import current_sender, room_goals_changed

ns = Namespace("rooms", description="A room's tip goals, tip menu, thresholds and leaderboards")


def room_owner(broadcaster: str, write: bool = False) -> Account:
    """The room's owning account, if the caller may read it (404 otherwise); writes: owner."""
    check_broadcaster(broadcaster)
    session, account = services().db.session, current_account()
    owner = owner_of(session, broadcaster)
    if owner is None or not may_act_for(session, owner, account):
        raise NotFound("No such room on your account.", code="room_not_found")
    if write:
        room.require_owner(account, owner)
    return owner


def goals_view(owner: Account, broadcaster: str) -> dict[str, Any]:
    session = services().db.session
    settings = room.settings_of(session, owner, broadcaster)
    with store_errors():
        progress = services().rooms.goals.view(broadcaster)
    return {
        "broadcaster": broadcaster,
        "goals": [
            {"label": g.label, "tokens": g.tokens} for g in room.goals_of(session, broadcaster)
        ],
        "carry_over": settings.carry_over,
        "reset_at": settings.goals_reset_at.isoformat() if settings.goals_reset_at else None,
        **progress,
    }


def _goals_changed(broadcaster: str) -> None:
    services().rooms.goals.forget(broadcaster)
    room_goals_changed.send(current_sender(), broadcaster=broadcaster)


@ns.route("/<string:broadcaster>/goals")
class Goals(AuthedResource):
    def get(self, broadcaster: str) -> dict[str, Any]:
        """The ordered goal list and the active goal's progress (counted from stored tips)."""
        return goals_view(room_owner(broadcaster), broadcaster)

    @ns.expect(body_model(ns, GoalsBody))
    def put(self, broadcaster: str) -> dict[str, Any]:
        """Replace the goal list (owner); progress is recounted for the current run."""
        owner = room_owner(broadcaster, write=True)
        body = parse_body(GoalsBody)
        goals = [Goal(g.label, g.tokens) for g in body.goals]
        room.replace_goals(services().db.session, owner, broadcaster, goals, body.carry_over)
        _goals_changed(broadcaster)
        return goals_view(owner, broadcaster)


@ns.route("/<string:broadcaster>/goals/reset")
class GoalsReset(AuthedResource):
    def post(self, broadcaster: str) -> dict[str, Any]:
        """Start the goal list over now (it also starts over at each broadcastStart)."""
        owner = room_owner(broadcaster, write=True)
        head = services().rooms.position(broadcaster)["offset"]
        room.reset_goals(services().db.session, owner, broadcaster, head)
        _goals_changed(broadcaster)
        return goals_view(owner, broadcaster)


def menu_view(owner: Account, broadcaster: str) -> dict[str, Any]:
    session = services().db.session
    settings = room.settings_of(session, owner, broadcaster)
    items = room.menu_of(session, broadcaster)
    return {
        "broadcaster": broadcaster,
        "items": [{"name": i.name, "tokens": i.tokens} for i in items],
        "nearest_below": settings.menu_nearest_below,
    }


@ns.route("/<string:broadcaster>/menu")
class Menu(AuthedResource):
    def get(self, broadcaster: str) -> dict[str, Any]:
        """The tip menu: items (name, price) and the matching rule."""
        return menu_view(room_owner(broadcaster), broadcaster)

    @ns.expect(body_model(ns, MenuBody))
    def put(self, broadcaster: str) -> dict[str, Any]:
        """Replace the tip menu (owner)."""
        owner = room_owner(broadcaster, write=True)
        body = parse_body(MenuBody)
        items = [MenuItem(i.name, i.tokens) for i in body.items]
        room.replace_menu(services().db.session, owner, broadcaster, items, body.nearest_below)
        services().rooms.tips.forget(broadcaster)
        return menu_view(owner, broadcaster)


@ns.route("/<string:broadcaster>/menu/report")
@ns.doc(params={"scope": "broadcast (current or last, default) | period (from/to/tz)"})
class MenuReport(AuthedResource):
    def get(self, broadcaster: str) -> dict[str, Any]:
        """Per menu item: price, tips that bought it, their tokens; plus unmatched tips."""
        owner = room_owner(broadcaster)
        query = parse_query(ReportQuery)
        session, tools = services().db.session, services().rooms
        settings = room.settings_of(session, owner, broadcaster)
        with store_errors():
            if query.scope == "broadcast":
                tips, span = tools.boards.broadcast_tips(broadcaster), None
            else:
                window = _window(query, owner)
                tips = tools.boards.period_tips(broadcaster, window.start, window.end)
                span = {"from": window.start, "to": window.end}
        report = tools.boards.menu_report(
            room.menu_of(session, broadcaster), tips, settings.menu_nearest_below
        )
        return {"broadcaster": broadcaster, "scope": query.scope, "window": span, **report}


@ns.route("/<string:broadcaster>/thresholds")
class Thresholds(AuthedResource):
    def get(self, broadcaster: str) -> dict[str, Any]:
        """Big-tip alert level and tipper-tier thresholds (lifetime tokens)."""
        owner = room_owner(broadcaster)
        settings = room.settings_of(services().db.session, owner, broadcaster)
        return {"broadcaster": broadcaster, **room.thresholds_view(settings)}

    @ns.expect(body_model(ns, ThresholdsBody))
    def put(self, broadcaster: str) -> dict[str, Any]:
        """Change either or both (owner)."""
        owner = room_owner(broadcaster, write=True)
        body = parse_body(ThresholdsBody)
        settings = room.update_thresholds(
            services().db.session, owner, broadcaster, body.big_tip_tokens, body.tipper_tiers
        )
        services().rooms.tips.forget(broadcaster)
        return {"broadcaster": broadcaster, **room.thresholds_view(settings)}


@ns.route("/<string:broadcaster>/leaderboard")
@ns.doc(params={"scope": "broadcast (default) | period (from/to/tz)", "limit": "1-100"})
class Leaderboard(AuthedResource):
    def get(self, broadcaster: str) -> dict[str, Any]:
        """Top tippers of the current broadcast (its king) or of a period."""
        owner = room_owner(broadcaster)
        query = parse_query(BoardQuery)
        boards = services().rooms.boards
        with store_errors():
            if query.scope == "broadcast":
                board, span = boards.broadcast_board(broadcaster, query.limit), None
            else:
                window = _window(query, owner)
                board = boards.period_board(broadcaster, window.start, window.end, query.limit)
                span = {"from": window.start, "to": window.end}
        return {"broadcaster": broadcaster, "scope": query.scope, "window": span, **board}


@ns.route("/<string:broadcaster>/tipper-tiers")
class TipperTiers(AuthedResource):
    def get(self, broadcaster: str) -> dict[str, Any]:
        """Every tipper with a tier badge (lifetime tokens within the plan's history)."""
        owner = room_owner(broadcaster)
        settings = room.settings_of(services().db.session, owner, broadcaster)
        thresholds = room.thresholds_of(settings)
        with store_errors():
            rows = services().rooms.boards.lifetime_tiers(
                broadcaster, history_days(owner), thresholds
            )
        tiers = zip(TIER_NAMES, thresholds, strict=True)
        return {
            "broadcaster": broadcaster,
            "as_of": time.time(),
            "thresholds": [{"name": name, "tokens": tokens} for name, tokens in tiers],
            "tippers": rows,
        }
