"""The room toolkit of one app: goal tracker, boards and overlay state (built in create_app)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy.orm import Session

from server.adapters.eventstore.base import EventStore
from server.db import Database
from server.models import Account
from server.services.rooms import overlays, settings
from server.services.rooms.boards import Boards
from server.services.rooms.history import RecentEvents, RoomHistory
from server.services.rooms.models import OverlayKey, RoomSettings
from server.services.rooms.rules import TipNotes, TipRules
from server.services.rooms.settings import DEFAULT_BIG_TIP
from server.services.rooms.tracker import GoalConfig, GoalTracker
from server.tiers import room_limits_for

#: the room's stream position now: {"offset": int, "epoch": str}
Position = Callable[[str], dict[str, Any]]
RECENT_EVENTS = 20


class RoomTools:
    """What the rooms API, the overlay state and the hub's goal frames share."""

    def __init__(self, store: EventStore, db: Database, recent: RecentEvents, position: Position):
        self.db = db
        self.position = position
        self.history = RoomHistory(store, recent)
        self.goals = GoalTracker(self.history, self._goal_config)
        self.boards = Boards(self.history, store)
        self.tips = TipNotes(self._tip_rules)

    def _goal_config(self, broadcaster: str) -> GoalConfig:
        assert self.db.engine is not None
        with Session(self.db.engine) as session:  # also called off-request (pollers, simulator)
            row = session.get(RoomSettings, broadcaster)
            return GoalConfig(
                tuple(settings.goals_of(session, broadcaster)),
                carry_over=row.carry_over if row is not None else True,
                reset_offset=row.goals_reset_offset if row is not None else 0,
            )

    def _tip_rules(self, broadcaster: str) -> TipRules:
        assert self.db.engine is not None
        with Session(self.db.engine) as session:
            row = session.get(RoomSettings, broadcaster)
            return TipRules(
                tuple(settings.menu_of(session, broadcaster)),
                nearest_below=row.menu_nearest_below if row is not None else False,
                big_tip_tokens=row.big_tip_tokens if row is not None else DEFAULT_BIG_TIP,
            )

    def overlay_state(self, session: Session, overlay: OverlayKey) -> dict[str, Any]:
        """`GET /overlay/state`: what the overlay shows, as of the position it names."""
        broadcaster = overlay.broadcaster
        position = self.position(broadcaster)  # first: the state covers at least this
        owner = session.get(Account, overlay.account_id)
        return {
            "kind": overlay.kind,
            "broadcaster": broadcaster,
            "watermark": room_limits_for(owner.tier if owner else None).overlay_watermark,
            "options": overlay.options or {},
            "position": position,
            "state": self._kind_state(session, overlay.kind, broadcaster, position["offset"]),
        }

    def _kind_state(
        self, session: Session, kind: str, broadcaster: str, upto: int
    ) -> dict[str, Any]:
        if kind == "goal":
            return self.goals.view(broadcaster)
        if kind == "menu":
            items = settings.menu_of(session, broadcaster)
            return {"items": [{"name": i.name, "tokens": i.tokens} for i in items]}
        if kind == "top":
            tips = [s for s in self.boards.broadcast_tips(broadcaster) if s.offset <= upto]
            return _top(tips)
        methods = overlays.OVERLAY_KINDS[kind]
        recent = self.history.newest(broadcaster, methods, RECENT_EVENTS + 50)
        shown = [s for s in recent if s.offset <= upto][-RECENT_EVENTS:]
        return {
            "recent": [{"offset": s.offset, "event": visible(s.event.to_dict())} for s in shown]
        }


def _top(tips: list[Any]) -> dict[str, Any]:
    from server.services.rooms.boards import leaders

    top = leaders(tips, 5)
    return {
        "leaders": [{"username": t["username"], "tokens": t["tokens"]} for t in top],
        "king": top[0]["username"] if top else None,
    }


def visible(event: dict[str, Any]) -> dict[str, Any]:
    """What an overlay may see of an event: no chat text, no private viewer fields."""
    user = event.get("user") or {}
    out: dict[str, Any] = {k: event[k] for k in ("id", "broadcaster", "method", "ts") if k in event}
    out["user"] = {"username": user.get("username")} if user.get("username") else {}
    for part in ("tip", "media"):
        if part in event:
            out[part] = event[part]
    return out
