"""Circuit breaker states with a controlled clock."""

from __future__ import annotations

from server.adapters.llm.breaker import CircuitBreaker


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def failing_breaker(clock: Clock) -> CircuitBreaker:
    breaker = CircuitBreaker(threshold=2, cooldown=10, clock=clock)
    breaker.record_failure()
    breaker.record_failure()
    return breaker


def test_consecutive_failures_open_the_circuit() -> None:
    breaker = failing_breaker(Clock())
    assert breaker.state == "open"
    assert breaker.allow() is False


def test_a_success_resets_the_failure_count() -> None:
    breaker = CircuitBreaker(threshold=2, cooldown=10, clock=Clock())
    breaker.record_failure()
    breaker.record_success()
    breaker.record_failure()
    assert breaker.state == "closed"


def test_after_the_cooldown_exactly_one_trial_is_allowed() -> None:
    clock = Clock()
    breaker = failing_breaker(clock)
    clock.now += 10
    assert breaker.allow() is True
    assert breaker.allow() is False


def test_a_failed_trial_reopens_the_circuit() -> None:
    clock = Clock()
    breaker = failing_breaker(clock)
    clock.now += 10
    breaker.allow()
    breaker.record_failure()
    assert breaker.state == "open"
    assert breaker.retry_in() == 10
