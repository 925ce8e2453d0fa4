"""The EventStore contract: every backend's test class inherits this and provides
`store` (an empty store) and `raw_texts(store)` (every stored string that could hold
chat text: the text column/field and the raw payload)."""

from __future__ import annotations

import threading
from typing import Any

import pytest

from server.adapters.eventstore.base import EventStore, StoredEvent
from server.events.schema import parse_event
from tests.adapters.helpers import BASE_TS, make_event

NASTY = [
    "quote \" and ' single",
    "comma, space = equals",
    "back\\slash and trailing \\",
    "new\nline\r\nand\ttab",
    "unicode ü ☃ 😀 中文",
    '\\"escaped\\" \\\\n not a newline',
    '=," \\',
]


def ids(events: list[StoredEvent]) -> list[int]:
    return [stored.offset for stored in events]


class EventStoreContract:
    """Behaviour every EventStore must have."""

    def raw_texts(self, store: Any) -> list[str]:  # pragma: no cover - overridden
        raise NotImplementedError

    def test_round_trip_keeps_the_whole_event(self, store: EventStore) -> None:
        written = [make_event(1, method="tip", tokens=50), make_event(2), make_event(3)]
        store.write_batch(written)
        got = store.query_range("alice", 0, BASE_TS + 100)
        assert [s.event.to_dict() for s in got] == [s.event.to_dict() for s in written]
        assert ids(got) == [1, 2, 3]

    def test_rewriting_the_same_events_never_duplicates(self, store: EventStore) -> None:
        batch = [make_event(i) for i in range(1, 51)]
        store.write_batch(batch)
        store.write_batch(batch)
        store.write_batch(batch[10:20])
        assert store.count("alice") == 50
        assert ids(store.query_range("alice", 0, BASE_TS + 100)) == list(range(1, 51))

    def test_range_is_ordered_by_ts_then_offset(self, store: EventStore) -> None:
        events = [
            make_event(1, ts=BASE_TS + 5),
            make_event(2, ts=BASE_TS + 1),
            make_event(4, ts=BASE_TS + 3),
            make_event(3, ts=BASE_TS + 3),
            make_event(5, ts=BASE_TS + 3.0004),
        ]
        store.write_batch(events)
        assert ids(store.query_range("alice", 0, BASE_TS + 10)) == [2, 3, 4, 5, 1]

    def test_limit_returns_the_first_events_even_within_one_millisecond(
        self, store: EventStore
    ) -> None:
        same_ms = [make_event(i, ts=BASE_TS + 2.5) for i in range(10, 0, -1)]
        store.write_batch([make_event(20, ts=BASE_TS + 1), *same_ms])
        assert ids(store.query_range("alice", 0, BASE_TS + 10, limit=4)) == [20, 1, 2, 3]

    def test_time_range_is_half_open(self, store: EventStore) -> None:
        store.write_batch([make_event(i, ts=BASE_TS + i) for i in range(1, 6)])
        assert ids(store.query_range("alice", BASE_TS + 2, BASE_TS + 4)) == [2, 3]

    def test_sub_millisecond_bounds_are_exact(self, store: EventStore) -> None:
        events = [make_event(i, ts=BASE_TS + 1 + i / 10_000) for i in range(1, 6)]
        store.write_batch(events)
        got = store.query_range("alice", BASE_TS + 1.00015, BASE_TS + 1.00045, limit=2)
        assert ids(got) == [2, 3]

    def test_since_offset_orders_by_offset_and_limits(self, store: EventStore) -> None:
        events = [make_event(i, ts=BASE_TS + (30 - i)) for i in range(1, 31)]
        store.write_batch(events)
        got = store.query_range("alice", 0, BASE_TS + 100, since_offset=10, limit=5)
        assert ids(got) == [11, 12, 13, 14, 15]
        assert ids(store.query_range("alice", 0, BASE_TS + 100, since_offset=28)) == [29, 30]
        assert store.query_range("alice", 0, BASE_TS + 100, since_offset=30) == []

    def test_since_offset_with_sparse_methods_filter(self, store: EventStore) -> None:
        events = [
            make_event(i, method="tip" if i % 7 == 0 else "chatMessage") for i in range(1, 60)
        ]
        store.write_batch(events)
        got = store.query_range("alice", 0, BASE_TS + 100, methods=["tip"], since_offset=7, limit=3)
        assert ids(got) == [14, 21, 28]

    def test_methods_filter(self, store: EventStore) -> None:
        methods = ["tip", "chatMessage", "follow", "userEnter", "tip", "follow"]
        store.write_batch([make_event(i, method=m) for i, m in enumerate(methods, 1)])
        got = store.query_range("alice", 0, BASE_TS + 100, methods={"tip", "follow"})
        assert ids(got) == [1, 3, 5, 6]
        assert store.query_range("alice", 0, BASE_TS + 100, methods=[]) == []
        with pytest.raises(ValueError):
            store.query_range("alice", 0, BASE_TS + 100, methods=["nope"])

    def test_get_events_finds_ids_including_awkward_ones(self, store: EventStore) -> None:
        events = [make_event(i) for i in range(1, 30)]
        store.write_batch(events)
        wanted = [events[3].event.id, events[20].event.id, "missing-id", "quote ' and \\"]
        found = store.get_events("alice", wanted, 0, BASE_TS + 100)
        assert sorted(s.offset for s in found) == [4, 21]
        assert store.get_events("bob", wanted, 0, BASE_TS + 100) == []
        assert store.get_events("alice", [], 0, BASE_TS + 100) == []

    def test_last_offset(self, store: EventStore) -> None:
        assert store.last_offset("alice") == 0
        store.write_batch([make_event(i, ts=BASE_TS + 50 - i) for i in (3, 9, 4)])
        store.write_batch([make_event(99, broadcaster="carol")])
        assert store.last_offset("alice") == 9
        assert store.last_offset("carol") == 99

    def test_broadcasters_are_isolated_and_counted(self, store: EventStore) -> None:
        store.write_batch([make_event(i) for i in range(1, 4)])
        store.write_batch([make_event(i, broadcaster="carol") for i in range(1, 3)])
        assert store.count("alice") == 3
        assert store.count("carol") == 2
        assert store.count("nobody") == 0
        assert store.count() == 5
        assert ids(store.query_range("carol", 0, BASE_TS + 100)) == [1, 2]

    @pytest.mark.parametrize("text", NASTY)
    def test_awkward_usernames_and_text_round_trip_exactly(
        self, store: EventStore, text: str
    ) -> None:
        username = text[:64]
        store.write_batch(
            [
                make_event(1, username=username, text=text),
                make_event(2, method="tip", username=username, text=text),
            ]
        )
        got = store.query_range("alice", 0, BASE_TS + 100)
        assert [s.event.username for s in got] == [username, username]
        assert [s.event.text for s in got] == [text, text]
        assert text in self.raw_texts(store)

    def test_store_text_false_keeps_no_text(self, store: EventStore) -> None:
        secret = "my secret chat line"
        events = [
            make_event(1, text=secret),
            make_event(2, method="tip", text=secret),
            make_event(3, method="privateMessage", text=secret),
        ]
        store.write_batch(events, store_text=False)
        got = store.query_range("alice", 0, BASE_TS + 100)
        assert [s.event.text for s in got] == [None, None, None]
        assert got[1].event.tip == {"tokens": 25, "isAnon": False}
        assert got[0].event.username == "bob"
        assert not [raw for raw in self.raw_texts(store) if secret in raw]

    def test_chaturbate_shaped_event_is_stored_flat(self, store: EventStore) -> None:
        raw = {
            "method": "mediaPurchase",
            "id": "1700000000000-0",
            "object": {
                "broadcaster": "alice",
                "user": {"username": "fan", "someNewFlag": False},
                "media": {"id": 7, "name": "pics", "type": "photos", "tokens": 30},
            },
        }
        event = parse_event(raw, received_at=BASE_TS)
        store.write_batch([StoredEvent(1, event)])
        (got,) = store.query_range("alice", 0, BASE_TS + 1)
        assert got.event.to_dict() == event.to_dict()
        assert got.event.user == {"username": "fan"}

    def test_concurrent_writers_lose_nothing(self, store: EventStore) -> None:
        def write(part: int) -> None:
            for chunk in range(5):
                base = part * 1000 + chunk * 20
                store.write_batch([make_event(base + i, ts=BASE_TS + part) for i in range(20)])

        threads = [threading.Thread(target=write, args=(p,)) for p in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert store.count("alice") == 400

    def test_health_is_ok(self, store: EventStore) -> None:
        health = store.health()
        assert health.ok
        assert health.backend == store.backend
