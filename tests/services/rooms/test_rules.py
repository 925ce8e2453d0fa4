"""tip_note frames: the menu item a tip bought and the big-tip flag, decided on the server."""

from __future__ import annotations

from server.adapters.eventstore.base import StoredEvent
from server.events.model import PlatformEvent
from server.services.rooms.menu import MenuItem
from server.services.rooms.rules import TipNotes, TipRules

RULES = TipRules((MenuItem("flash", 50), MenuItem("show", 300)), False, 250)


def stored_tip(tokens: object, offset: int = 1, method: str = "tip") -> StoredEvent:
    event = PlatformEvent(
        id=f"t{offset}", broadcaster="room", method=method, ts=0.0, received_at=0.0,
        user={"username": "bob"}, tip={"tokens": tokens},
    )  # fmt: skip
    return StoredEvent(offset, event)


def test_a_menu_price_notes_the_item() -> None:
    note = TipNotes(lambda _room: RULES).note(stored_tip(50))
    assert note is not None
    assert note["menu_item"] == {"name": "flash", "tokens": 50} and note["big_tip"] is False


def test_a_big_tip_is_flagged_at_the_threshold() -> None:
    notes = TipNotes(lambda _room: RULES)
    assert notes.note(stored_tip(249)) is None
    note = notes.note(stored_tip(300))
    assert note is not None and note["big_tip"] is True and note["menu_item"]["name"] == "show"


def test_non_tips_and_odd_amounts_get_no_note() -> None:
    notes = TipNotes(lambda _room: RULES)
    assert notes.note(stored_tip(50, method="chatMessage")) is None
    assert notes.note(stored_tip("50")) is None
    assert notes.note(stored_tip(-50)) is None


def test_rules_are_loaded_once_until_forgotten() -> None:
    loads: list[str] = []

    def load(room: str) -> TipRules:
        loads.append(room)
        return RULES

    notes = TipNotes(load)
    notes.note(stored_tip(50))
    notes.note(stored_tip(50, 2))
    notes.forget("room")
    notes.note(stored_tip(50, 3))
    assert loads == ["room", "room"]


def test_rules_are_re_read_after_the_ttl() -> None:
    from server.services.rooms.rules import RULES_TTL_SECONDS

    now, loads = [0.0], []
    notes = TipNotes(lambda room: loads.append(room) or RULES, clock=lambda: now[0])
    notes.note(stored_tip(50))
    notes.note(stored_tip(50, 2))
    now[0] += RULES_TTL_SECONDS + 1
    notes.note(stored_tip(50, 3))
    assert loads == ["room", "room"]
