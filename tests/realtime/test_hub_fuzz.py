"""Hypothesis throws arbitrary JSON at every /hub event: each call is answered with an ack in
the one shape ({ok, ...} with a code when refused), the socket stays connected, and a valid
event still goes through afterwards. Near-valid events (a real tip with one field replaced by
junk) probe the validator beyond the first type check."""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.realtime.conftest import tip

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=80),
    lambda inner: st.lists(inner, max_size=5)
    | st.dictionaries(st.text(max_size=12), inner, max_size=5),
    max_leaves=20,
)
TIP_FIELDS = ["id", "broadcaster", "method", "ts", "user", "tip", "message", "media", "subject"]
near_valid = st.builds(
    lambda field, junk: {**tip("fuzz"), field: junk}, st.sampled_from(TIP_FIELDS), json_values
)
payloads = json_values | near_valid | st.lists(near_valid, max_size=4)
EVENTS = ["publish", "subscribe", "unsubscribe", "reauth", "nonsense"]
FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))


def assert_answered(ack: Any) -> None:
    assert isinstance(ack, dict) and isinstance(ack.get("ok"), bool), ack
    if ack["ok"] is False and "code" in ack:
        assert isinstance(ack["code"], str) and isinstance(ack["message"], str), ack
    if "errors" in ack:
        for error in ack["errors"]:
            assert {"index", "code", "message"} <= set(error), ack


def test_any_json_on_any_event_gets_an_answer_and_the_socket_stays(connect, link) -> None:
    link("alice", "alice_room")
    sio = connect("alice")

    @FUZZ
    @given(event=st.sampled_from(EVENTS), payload=payloads)
    def call(event: str, payload: Any) -> None:
        assert_answered(sio.emit(event, payload, namespace="/hub", callback=True))
        assert sio.is_connected("/hub")

    call()
    ack = sio.emit("publish", tip("still-works"), namespace="/hub", callback=True)
    assert ack["ok"] is True and ack["accepted"] == 1
