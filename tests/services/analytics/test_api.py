"""REST analytics: access, answers, clamping, notes, CSV export (SQLite store of the app)."""

from __future__ import annotations

import csv
import io
from datetime import datetime
from urllib.parse import quote
from zoneinfo import ZoneInfo

import pytest

from server.adapters.eventstore.base import StoreUnavailable
from tests.services.analytics.conftest import ANALYST, OWNER, ROOM, STRANGER


def test_owner_gets_the_summary(room, get) -> None:
    body = get(f"{ROOM}/summary").get_json()
    assert (body["tokens"], body["tips"], body["unique_tippers"]) == (147, 3, 3)
    assert (body["follows"], body["chat_messages"], body["peak_viewers"]) == (1, 2, 2)
    assert body["broadcasts"] == 1 and body["broadcast_seconds"] == 3600
    assert body["clamped"] is None and body["tz"] == "UTC"


def test_a_member_with_read_analytics_sees_the_same_numbers(room, get) -> None:
    params = {"from": str(int(room["now"] - 5 * 86_400)), "to": str(int(room["now"]))}
    owner = get(f"{ROOM}/summary", **params).get_json()
    analyst = get(f"{ROOM}/summary", ANALYST, **params)
    assert analyst.status_code == 200
    assert analyst.get_json() == owner


@pytest.mark.parametrize(
    "path",
    [
        "summary",
        "timeseries",
        "top-tippers",
        "sessions",
        "languages",
        "export.csv",
        "viewers/o'brien",
    ],
)
def test_a_stranger_sees_nothing_and_cannot_tell_rooms_apart(room, get, path) -> None:
    existing = get(f"{ROOM}/{path}", STRANGER)
    unknown = get(f"no_such_room/{path}", STRANGER)
    assert existing.status_code == unknown.status_code == 404
    bodies = [response.get_json() for response in (existing, unknown)]
    assert all(body.pop("request_id") for body in bodies)  # each request's own id
    assert bodies[0] == bodies[1]
    assert bodies[0]["code"] == "not_found"


def test_without_a_token_it_is_401(room, client) -> None:
    assert client.get(f"/api/v1/analytics/{ROOM}/summary").status_code == 401


def test_history_is_clamped_to_the_plan_and_says_so(room, get, set_tier) -> None:
    params = {"from": str(int(room["now"] - 40 * 86_400))}
    studio = get(f"{ROOM}/summary", **params).get_json()
    assert studio["clamped"] is None and studio["tokens"] == 647
    set_tier(OWNER, "free")
    free = get(f"{ROOM}/summary", **params).get_json()
    assert free["tokens"] == 147
    assert free["clamped"]["reason"] == "the plan keeps 7 days of history"
    requested = datetime.fromtimestamp(int(params["from"]), ZoneInfo("UTC")).isoformat(
        timespec="milliseconds"
    )
    assert free["clamped"]["requested_from"] == requested
    assert free["from"] == free["clamped"]["effective_from"]
    member_view = get(f"{ROOM}/summary", ANALYST, **params).get_json()
    assert member_view["clamped"] is not None  # members see what the owner's plan keeps


def test_timeseries_is_gap_filled_in_the_requested_zone(room, get) -> None:
    body = get(f"{ROOM}/timeseries", metric="tokens", interval="1d", tz="Asia/Kolkata").get_json()
    assert len(body["points"]) in (7, 8)
    assert all(p["start"].endswith("T00:00:00.000+05:30") for p in body["points"])
    assert body["total"] == 147 and sum(p["value"] for p in body["points"]) == 147
    hourly = get(f"{ROOM}/timeseries", metric="viewers", interval="1h").get_json()
    assert len(hourly["points"]) == 7 * 24 + 1 or len(hourly["points"]) == 7 * 24
    assert max(p["value"] for p in hourly["points"]) == 2


def test_top_tippers_and_languages(room, get) -> None:
    top = get(f"{ROOM}/top-tippers", limit="2").get_json()["tippers"]
    assert [(t["username"], t["tokens"]) for t in top] == [("o'brien", 100), ("ünï 😀", 40)]
    languages = get(f"{ROOM}/languages").get_json()
    assert languages["languages"] == [{"language": "en", "messages": 2, "share": 1.0}]


def test_sessions_list_each_broadcast(room, get) -> None:
    (session,) = get(f"{ROOM}/sessions").get_json()["sessions"]
    assert session["duration_seconds"] == 3600 and session["tokens"] == 147
    assert session["tokens_per_hour"] == 147
    assert session["top_tipper"] == {"username": "o'brien", "tokens": 100}
    assert session["new_followers"] == 1 and session["live"] is False


def test_viewer_profile_with_quotes_and_unicode(room, get) -> None:
    body = get(f"{ROOM}/viewers/{quote('o' + chr(39) + 'brien')}").get_json()
    assert (body["seen"], body["tokens"], body["tips"], body["events"]) == (True, 100, 1, 4)
    assert body["last_tip"]["tokens"] == 100 and body["languages"] == ["en"]
    emoji = get(f"{ROOM}/viewers/{quote('ünï 😀')}").get_json()
    assert emoji["username"] == "ünï 😀" and emoji["tokens"] == 40


def test_an_unknown_viewer_is_404(room, get) -> None:
    response = get(f"{ROOM}/viewers/nobody_here")
    assert response.status_code == 404
    assert response.get_json()["code"] == "viewer_not_found"


def test_owner_notes_round_trip_and_members_only_read_them(room, client, auth, get) -> None:
    path = f"/api/v1/analytics/{ROOM}/viewers/{quote('ünï 😀')}/notes"
    saved = client.put(path, json={"notes": "tips on goals; speaks 'en'"}, headers=auth(OWNER))
    assert saved.status_code == 200 and saved.get_json()["notes"] == "tips on goals; speaks 'en'"
    assert get(f"{ROOM}/viewers/{quote('ünï 😀')}", ANALYST).get_json()["notes"].startswith("tips")
    denied = client.put(path, json={"notes": "x"}, headers=auth(ANALYST))
    assert denied.status_code == 403 and denied.get_json()["code"] == "owner_only"
    stranger = client.put(path, json={"notes": "x"}, headers=auth(STRANGER))
    assert stranger.status_code == 404
    fresh = client.put(
        f"/api/v1/analytics/{ROOM}/viewers/new_fan/notes", json={"notes": "hi"}, headers=auth(OWNER)
    )
    assert fresh.status_code == 200
    unseen = get(f"{ROOM}/viewers/new_fan").get_json()
    assert (unseen["seen"], unseen["notes"]) == (False, "hi")


def test_csv_export_is_streamed_and_neutralizes_formulas(room, client, auth) -> None:
    response = client.get(
        f"/api/v1/analytics/{ROOM}/export.csv", headers=auth(OWNER), buffered=False
    )
    assert response.status_code == 200 and response.is_streamed
    assert response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))
    assert len(rows) == 10  # the 30-day-old tip is outside the default 7-day window
    assert [r["offset"] for r in rows] == [str(i) for i in range(2, 12)]
    assert "'=cmd|calc" in {r["username"] for r in rows}
    assert "=cmd|calc" not in {r["username"] for r in rows}


def test_csv_export_needs_pro_or_studio(room, client, auth, set_tier) -> None:
    set_tier(OWNER, "free")
    response = client.get(f"/api/v1/analytics/{ROOM}/export.csv", headers=auth(OWNER))
    assert response.status_code == 403 and response.get_json()["code"] == "tier_limit"
    set_tier(OWNER, "pro")
    assert (
        client.get(f"/api/v1/analytics/{ROOM}/export.csv", headers=auth(OWNER)).status_code == 200
    )


def test_large_exports_arrive_in_chunks(app, room, client, auth) -> None:
    from tests.adapters.helpers import make_event

    now = room["now"]
    many = [make_event(100 + i, broadcaster=ROOM, ts=now - 7200 + i / 10) for i in range(1_600)]
    app.extensions["webcammer"].event_store.write_batch(many)
    response = client.get(
        f"/api/v1/analytics/{ROOM}/export.csv", headers=auth(OWNER), buffered=False
    )
    chunks = list(response.response)
    assert len(chunks) >= 4
    assert sum(chunk.count(b"\r\n") for chunk in chunks) == 1 + 10 + 1_600


def test_an_unreachable_store_is_503(app, room, get, monkeypatch) -> None:
    store = app.extensions["webcammer"].event_store

    def down(*args, **kwargs):
        raise StoreUnavailable("influx unreachable")

    monkeypatch.setattr(store, "summary", down)
    response = get(f"{ROOM}/summary")
    assert response.status_code == 503 and response.get_json()["code"] == "store_unavailable"


def test_naive_times_are_read_in_the_requested_zone(room, get) -> None:
    zone = ZoneInfo("America/New_York")
    local = datetime.fromtimestamp(room["now"] - 3 * 86_400, zone).replace(
        microsecond=0, tzinfo=None
    )
    body = get(
        f"{ROOM}/summary", **{"from": local.isoformat(), "tz": "America/New_York"}
    ).get_json()
    assert body["from"].startswith(local.isoformat())
    assert body["tokens"] == 147
