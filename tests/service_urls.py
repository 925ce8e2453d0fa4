"""Where the real test services live (started by `scripts/services.sh start`).

Under CI=true a missing service fails the test; locally it is skipped with a hint.
"""

from __future__ import annotations

import os

import pytest

_HINT = "start it with `scripts/services.sh start` (make test does this)"


def require_service_url(var: str) -> str:
    """Return the URL in env var `var` (e.g. TEST_INFLUX_URL) or fail/skip clearly."""
    url = os.environ.get(var, "")
    if url:
        return url
    message = f"{var} is not set: the real service is not running; {_HINT}"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(message)
    pytest.skip(message)
