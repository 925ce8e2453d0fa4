"""Every analytics answer validates against its documented model (server/api/schemas)."""

from __future__ import annotations

from urllib.parse import quote

import pytest

from tests.api.wire import check_documented
from tests.services.analytics.conftest import OWNER, ROOM

VIEWER = "o'brien"
PATHS = ["summary", "timeseries", "top-tippers", "sessions", "languages"]


@pytest.mark.parametrize("what", PATHS)
def test_the_answer_matches_its_model(app, room, get, set_tier, what) -> None:
    set_tier(OWNER, "free")  # 7 days of history: the window is clamped, so Clamp is checked too
    params = {"from": str(int(room["now"] - 40 * 86_400))}
    response = get(f"{ROOM}/{what}", **params)
    assert check_documented(app, response, f"/analytics/{{broadcaster}}/{what}").clamped


def test_viewer_and_notes_match_their_models(app, room, client, auth, get) -> None:
    seen = get(f"{ROOM}/viewers/{quote(VIEWER)}")
    body = check_documented(app, seen, "/analytics/{broadcaster}/viewers/{username}")
    assert body.seen and body.fanclub is not None
    notes = client.put(
        f"/api/v1/analytics/{ROOM}/viewers/{quote(VIEWER)}/notes",
        json={"notes": "tips big"},
        headers=auth(OWNER),
    )
    path = "/analytics/{broadcaster}/viewers/{username}/notes"
    assert check_documented(app, notes, path, "put").notes == "tips big"
