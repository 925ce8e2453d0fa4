"""Fixtures for adapter tests: a fresh database on the real influxd per test."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.adapters.helpers import InfluxDatabase
from tests.service_urls import require_service_url


@pytest.fixture
def influx_db() -> Iterator[InfluxDatabase]:
    """A new, empty Influx database (dropped after the test)."""
    db = InfluxDatabase(require_service_url("TEST_INFLUX_URL")).create()
    try:
        yield db
    finally:
        db.drop()
