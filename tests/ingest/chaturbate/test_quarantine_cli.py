"""`flask events quarantine list|replay` and the count in /api/v1/health, on SQLite and on
real PostgreSQL: what an operator sees, and what a replay after a fix stores."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from flask import Flask

from server.ingest.quarantine import SOURCE_EVENTS_API, quarantine
from server.models import QuarantinedEvent
from tests.events.live_fixtures import page
from tests.ingest.chaturbate.conftest import BROADCASTER, stored_events
from tests.ingest.chaturbate.quarantine_helpers import quarantined


@pytest.fixture
def app(app_on_each_database: Flask) -> Flask:  # this module runs on both databases
    return app_on_each_database


UNSTORABLE = page("unstorable", BROADCASTER)["events"]
STRING_MEDIA_ID = page("media_variants", BROADCASTER)["events"][1]  # refused before issue 12


def keep(app: Flask, item: Any, *, broadcaster: str = BROADCASTER, code: str = "x") -> int:
    """Quarantine `item` directly (as an older version did); its row id."""
    with app.app_context():
        session = app.extensions["webcammer"].db.session
        error = {"index": 0, "code": code, "message": "refused by an older version"}
        quarantine(
            session, [(item, error)], source=SOURCE_EVENTS_API, broadcaster=broadcaster,
            account_id=None,
        )  # fmt: skip
    return quarantined(app)[-1].id


def pending_in_health(client: Any) -> int:
    body = client.get("/api/v1/health").get_json()
    return int(body["checks"]["quarantine"]["pending"])


def test_list_shows_waiting_events_filtered_and_limited(app, runner, fake_api, make_poller) -> None:
    fake_api.add(fake_api.page([UNSTORABLE[6], UNSTORABLE[10], UNSTORABLE[26]], "p1"))
    make_poller().run()
    keep(app, {"method": "follow", "id": "9-0"}, broadcaster="bob_room", code="missing_field")
    listed = runner.invoke(args=["events", "quarantine", "list"])
    assert listed.exit_code == 0, listed.output
    lines = listed.output.splitlines()
    assert len(lines) == 5 and lines[-1] == "4 shown, 4 waiting in quarantine"
    assert (
        f"events_api {BROADCASTER} goalReached id={UNSTORABLE[6]['id']} unknown_method" in lines[0]
    )
    assert "surrogate" in lines[2] and "bob_room follow id=9-0 missing_field" in lines[3]
    only_bob = runner.invoke(args=["events", "quarantine", "list", "--broadcaster", "bob_room"])
    assert only_bob.output.splitlines()[-1] == "1 shown, 4 waiting in quarantine"
    first = runner.invoke(args=["events", "quarantine", "list", "--limit", "1", "--payload"])
    assert first.output.splitlines()[1].startswith('    {"id": "') and "goalReached" in first.output


def test_replay_after_a_fix_stores_the_event_dated_when_it_arrived(
    app, runner, client, stored_feed
) -> None:
    stored_feed()
    row_id = keep(app, STRING_MEDIA_ID, code="invalid_field")
    arrived = datetime.now(UTC) - timedelta(hours=2)
    with app.app_context():
        session = app.extensions["webcammer"].db.session
        session.get(QuarantinedEvent, row_id).received_at = arrived
        session.commit()
    assert pending_in_health(client) == 1
    result = runner.invoke(args=["events", "quarantine", "replay", str(row_id)])
    assert result.exit_code == 0, result.output
    assert result.output.strip() == "replayed 1: 1 stored, 0 still failing"
    (stored,) = stored_events(app)
    assert stored.event.id == STRING_MEDIA_ID["id"] and stored.event.media["id"] == "48215"
    assert stored.event.ts == pytest.approx(arrived.timestamp(), abs=1e-3)
    assert stored.event.received_at > stored.event.ts + 3600
    assert quarantined(app) == [] and pending_in_health(client) == 0
    again = runner.invoke(args=["events", "quarantine", "replay", str(row_id)])
    assert f"not waiting in quarantine: {row_id}" in again.output


def test_replay_all_reports_what_still_fails_and_keeps_it(
    app, runner, client, fake_api, make_poller
) -> None:
    fake_api.add(fake_api.page([UNSTORABLE[6], UNSTORABLE[25]], "p1"))
    make_poller().run()  # also links the feed
    keep(app, STRING_MEDIA_ID, code="invalid_field")
    result = runner.invoke(args=["events", "quarantine", "replay", "--all"])
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert "still failed: unknown_method: unknown method 'goalReached'" in lines[0]
    assert "still failed: forbidden" in lines[1]
    assert lines[-1] == "replayed 3: 1 stored, 2 still failing"
    left = quarantined(app)
    assert [row.code for row in left] == ["unknown_method", "forbidden"]
    assert [row.attempts for row in left] == [1, 1]
    assert pending_in_health(client) == 2
    assert [s.event.id for s in stored_events(app)] == [STRING_MEDIA_ID["id"]]


def test_replay_of_a_room_no_longer_linked_still_fails(app, runner) -> None:
    row_id = keep(app, STRING_MEDIA_ID)
    result = runner.invoke(args=["events", "quarantine", "replay", str(row_id)])
    assert result.exit_code == 1
    assert f"#{row_id} {BROADCASTER} still failed" in result.output
    assert "is not linked to an account" in result.output
    assert len(quarantined(app)) == 1


def test_replay_needs_ids_or_all(runner) -> None:
    assert runner.invoke(args=["events", "quarantine", "replay"]).exit_code == 2
    assert runner.invoke(args=["events", "quarantine", "replay", "1", "--all"]).exit_code == 2
