"""Retention: `flask events prune` deletes old SQLite rows, sets the Influx policy duration."""

from __future__ import annotations

import time
import uuid

from server import create_app
from server.adapters.eventstore.influx import InfluxEventStore
from server.tiers import LONGEST_HISTORY_DAYS
from tests.adapters.helpers import InfluxDatabase, make_event
from tests.conftest import close_app
from tests.service_urls import require_service_url

DAY = 86_400


def aged_events(now: float) -> list:
    ages = [LONGEST_HISTORY_DAYS + 70, LONGEST_HISTORY_DAYS + 1, LONGEST_HISTORY_DAYS - 1, 1]
    out = [make_event(i, ts=now - age * DAY) for i, age in enumerate(ages, 1)]
    out += [make_event(i, broadcaster="carol", ts=now - age * DAY) for i, age in enumerate(ages, 1)]
    return out


def test_prune_deletes_sqlite_events_older_than_the_longest_history(app, runner) -> None:
    store = app.extensions["webcammer"].event_store
    store.write_batch(aged_events(time.time()))
    result = runner.invoke(args=["events", "prune"])
    assert result.exit_code == 0, result.output
    assert "sqlite: deleted 4 event(s) older than 730 days" in result.output
    assert store.count("alice") == store.count("carol") == 2
    assert [s.offset for s in store.query_range("alice", 0, time.time())] == [3, 4]
    again = runner.invoke(args=["events", "prune"])
    assert "deleted 0 event(s)" in again.output


def test_prune_sets_the_influx_retention_policy(make_config, tmp_path) -> None:
    db = InfluxDatabase(require_service_url("TEST_INFLUX_URL"))
    db.name = f"retention_{uuid.uuid4().hex[:10]}"
    db.create()
    app = create_app(make_config(EVENT_STORE="influx", INFLUX_URL=db.url, INFLUX_DATABASE=db.name))
    try:
        runner = app.test_cli_runner()
        result = runner.invoke(args=["events", "prune"])
        assert result.exit_code == 0, result.output
        assert "DURATION 730d" in result.output
        policies = db.select(f'SHOW RETENTION POLICIES ON "{db.name}"')
        assert policies[0][:2] == ["autogen", "17520h0m0s"]
        assert "already keeps 730d" in runner.invoke(args=["events", "prune"]).output
    finally:
        close_app(app)
        db.drop()


def test_influx_retention_targets_the_configured_policy(tmp_path) -> None:
    db = InfluxDatabase(require_service_url("TEST_INFLUX_URL"))
    db.name = f"retention_{uuid.uuid4().hex[:10]}"
    db.create()
    try:
        db.select(f'CREATE RETENTION POLICY "events_rp" ON "{db.name}" DURATION 30d REPLICATION 1')
        store = InfluxEventStore(db.url, db.name, retention_policy="events_rp")
        assert "events_rp: DURATION 730d (was 720h0m0s)" in store.enforce_retention(730).detail
        policies = {row[0]: row[1] for row in db.select(f'SHOW RETENTION POLICIES ON "{db.name}"')}
        assert policies == {"autogen": "0s", "events_rp": "17520h0m0s"}
    finally:
        db.drop()
