"""The Events API pages of tests/fixtures/events_api (see its README), and their outcomes."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "events_api"
ROOM = "demo_room"  # the room every fixture page belongs to
PAGES = sorted(path.stem for path in FIXTURES.glob("*.json"))

# Indexes the schema refuses (they are quarantined); every other event is stored.
UNSTORABLE_BY_SCHEMA = {
    "coercible_scalars": {6, 7},  # fractional and non-numeric tokens: the peers refuse too
    "unicode_and_long_text": {7, 8, 9},  # over our text and subject limits
    "unstorable": set(range(25)) | {26},  # #25 parses, the hub refuses it: another room
}
OTHER_ROOM = {"unstorable": {25}}


def page(name: str, room: str = ROOM) -> dict[str, Any]:
    """The fixture page `name`, its room renamed to `room`."""
    text = (FIXTURES / f"{name}.json").read_text(encoding="utf-8")
    text = text.replace(ROOM, room).replace(ROOM.title(), room.title())  # also "Demo_Room"
    loaded: dict[str, Any] = json.loads(text)
    return loaded


def refused(name: str) -> set[int]:
    """Every index of the page that cannot be stored (schema or hub)."""
    return UNSTORABLE_BY_SCHEMA.get(name, set()) | OTHER_ROOM.get(name, set())
