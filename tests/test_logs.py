"""The repeated-message filter: one line per window, then a count of what was held back."""

from __future__ import annotations

import logging

from server.logs import RepeatedMessageFilter


def record(msg: str, name: str = "socketio.server") -> logging.LogRecord:
    return logging.LogRecord(name, logging.ERROR, __file__, 1, msg, None, None)


def test_repeats_are_held_back_then_counted() -> None:
    now = [0.0]
    quiet = RepeatedMessageFilter(window=30, clock=lambda: now[0])
    assert quiet.filter(record("Cannot publish to redis... giving up"))
    assert not any(quiet.filter(record("Cannot publish to redis... giving up")) for _ in range(99))
    assert quiet.filter(record("Cannot receive from redis"))  # another message is its own
    now[0] = 31
    again = record("Cannot publish to redis... giving up")
    assert quiet.filter(again)
    assert again.getMessage().endswith("(99 more like this in the last 30 s)")
    assert not quiet.filter(record("Cannot publish to redis... giving up"))


def test_the_same_text_from_another_logger_is_not_held_back() -> None:
    quiet = RepeatedMessageFilter(window=30, clock=lambda: 0.0)
    assert quiet.filter(record("boom", "a")) and quiet.filter(record("boom", "b"))
