"""DurableMarks: a durable group releases exactly the waits it covers."""

from __future__ import annotations

import threading

from server.adapters.eventstore.durable_marks import DurableMarks


def test_a_mark_already_durable_returns_at_once() -> None:
    marks = DurableMarks()
    for _ in range(3):
        marks.submit()
    marks.advance(3)
    assert marks.wait(3, timeout=0)


def test_each_group_releases_only_the_waits_it_covers() -> None:
    marks = DurableMarks()
    for _ in range(4):
        marks.submit()
    released: dict[int, bool] = {}
    waiting = [
        threading.Thread(target=lambda m=m: released.__setitem__(m, marks.wait(m, 5)))
        for m in (1, 2, 4)
    ]
    for thread in waiting:
        thread.start()
    marks.advance(2)
    waiting[0].join(5)
    waiting[1].join(5)
    assert released == {1: True, 2: True}
    assert waiting[2].is_alive()  # its event is not durable yet
    marks.advance(2)
    waiting[2].join(5)
    assert released == {1: True, 2: True, 4: True}


def test_a_wait_times_out_while_its_events_are_not_durable() -> None:
    marks = DurableMarks()
    marks.submit()
    assert not marks.wait(1, timeout=0.01)
    marks.advance(1)  # the timed-out entry is dropped without harm
    assert marks.wait(1, timeout=0)
