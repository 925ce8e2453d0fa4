"""The EventStore contract on a real influxd, plus Influx-specific behaviour."""

from __future__ import annotations

import socket
from collections.abc import Iterator

import pytest

from server.adapters.eventstore.base import StoreUnavailable
from server.adapters.eventstore.influx import InfluxEventStore
from server.adapters.eventstore.influx_wire import point_time_ns
from tests.adapters.eventstore.contract import EventStoreContract
from tests.adapters.helpers import InfluxDatabase, free_port, make_event


class TestInfluxEventStore(EventStoreContract):
    @pytest.fixture
    def store(self, influx_db: InfluxDatabase) -> Iterator[InfluxEventStore]:
        store = InfluxEventStore(influx_db.url, influx_db.name)
        store.ensure_database()
        yield store
        store.close()

    def raw_texts(self, store: InfluxEventStore) -> list[str]:
        series = store.query('SELECT "text", "payload", "username" FROM "events"')
        rows = series[0]["values"] if series else []
        return [value for row in rows for value in row[1:] if value is not None]


def test_usernames_are_fields_and_tags_are_broadcaster_and_method(
    influx_db: InfluxDatabase,
) -> None:
    store = InfluxEventStore(influx_db.url, influx_db.name)
    store.write_batch([make_event(1, username="x y,z=1"), make_event(2, method="tip")])
    tags = influx_db.select('SHOW TAG KEYS FROM "events"')
    assert sorted(row[0] for row in tags) == ["broadcaster", "method"]
    fields = dict(influx_db.select('SHOW FIELD KEYS FROM "events"'))
    assert fields["username"] == "string"
    assert fields["offset"] == "integer"
    assert fields["tokens"] == "integer"


def test_point_time_is_the_event_ms_plus_the_offset(influx_db: InfluxDatabase) -> None:
    stored = make_event(1234567)
    store = InfluxEventStore(influx_db.url, influx_db.name)
    store.write_batch([stored])
    (row,) = influx_db.select('SELECT "offset" FROM "events"')
    assert row[0] == point_time_ns(stored) == int(stored.event.ts * 1000) * 10**6 + 234567


def test_unreachable_server_raises_store_unavailable() -> None:
    store = InfluxEventStore(f"http://127.0.0.1:{free_port()}", "db", timeout=(0.5, 0.5))
    with pytest.raises(StoreUnavailable):
        store.write_batch([make_event(1)])
    with pytest.raises(StoreUnavailable):
        store.count()
    health = store.health()
    assert not health.ok and health.backend == "influx"


def test_a_server_that_never_answers_is_unavailable() -> None:
    with socket.create_server(("127.0.0.1", 0)) as black_hole:  # listens, never accepts
        port = black_hole.getsockname()[1]
        store = InfluxEventStore(f"http://127.0.0.1:{port}", "db", timeout=(0.3, 0.3))
        with pytest.raises(StoreUnavailable):
            store.write_batch([make_event(1)])


def test_query_literals_are_escaped(influx_db: InfluxDatabase) -> None:
    store = InfluxEventStore(influx_db.url, influx_db.name)
    store.write_batch([make_event(1)])
    for hostile in ("o'brien", "x\\' OR '1'='1", "a\nb", "it's\\"):
        assert store.count(hostile) == 0
        assert store.query_range(hostile, 0, 2e9) == []
        assert store.last_offset(hostile) == 0
    assert store.count("alice") == 1


def test_missing_database_is_unavailable_not_invalid(influx_db: InfluxDatabase) -> None:
    store = InfluxEventStore(influx_db.url, influx_db.name + "_missing")
    with pytest.raises(StoreUnavailable, match="database not found"):
        store.write_batch([make_event(1)])


def test_refused_points_raise_value_error_with_the_body(influx_db: InfluxDatabase) -> None:
    stored = make_event(1, method="tip")
    line = f'events,broadcaster=alice,method=tip tokens="many" {point_time_ns(stored)}'
    assert influx_db.write_raw(line).status_code == 204
    store = InfluxEventStore(influx_db.url, influx_db.name)
    with pytest.raises(ValueError, match="field type conflict"):
        store.write_batch([make_event(2, method="tip")])


def test_health_reports_the_server_version(influx_db: InfluxDatabase) -> None:
    health = InfluxEventStore(influx_db.url, influx_db.name).health()
    assert health.ok and "influxdb" in health.detail


def test_large_batches_are_split_into_several_bodies(influx_db: InfluxDatabase) -> None:
    store = InfluxEventStore(influx_db.url, influx_db.name)
    text = "x" * 3_900
    store.write_batch([make_event(i, text=text, ts=1_767_225_600.0 + i) for i in range(1, 1501)])
    assert store.count("alice") == 1500
