"""Property-based fuzzing of every operation in our own OpenAPI spec (schemathesis over
hypothesis), in process through WSGI: no input may produce a 5xx. AI and billing point at the
local fakes, so "not configured" (503) is not an excuse either; 4xx is the expected answer to
junk, and its shape is covered by test_errors.py."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
import schemathesis
from flask import Flask
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error

from server import create_app
from server.config import Config
from tests.api.helpers import fixture_fake_stripe  # noqa: F401 - the `fake_stripe` fixture
from tests.conftest import close_app
from tests.fakes.llm_server import FakeLLM
from tests.fakes.stripe_server import FakeStripe
from tests.fakes.stripe_webhooks import billing_env

SUB = "fuzzer"
EXAMPLES_PER_OPERATION = 25


@pytest.fixture
def fuzz_app(
    make_config: Callable[..., Config], fake_llm: FakeLLM, fake_stripe: FakeStripe
) -> Iterator[Flask]:
    config = make_config(
        **billing_env(fake_stripe.url), LLM_BASE_URL=fake_llm.base_url, LLM_MODEL="fuzz-model"
    )
    app = create_app(config)
    with app.app_context():  # studio: quotas and caps rarely stop the exploration early
        from server.services.accounts import get_or_create_account, link_broadcaster

        session = app.extensions["webcammer"].db.session
        account = get_or_create_account(session, SUB, None)
        account.tier = "studio"
        link_broadcaster(session, account, "fuzz_room")
        session.commit()
    yield app
    close_app(app)


@pytest.fixture
def api_schema(fuzz_app: Flask) -> schemathesis.BaseSchema:
    return schemathesis.openapi.from_wsgi("/api/v1/swagger.json", fuzz_app)


def test_no_input_makes_a_server_error(
    api_schema: schemathesis.BaseSchema, fuzz_app: Flask
) -> None:
    headers = {"Authorization": f"Bearer {fuzz_app.extensions['webcammer'].dev_issuer.mint(SUB)}"}
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert len(operations) >= 30  # every namespace is in the spec

    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=EXAMPLES_PER_OPERATION,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def fuzz(case: schemathesis.Case) -> None:
            case.call_and_validate(headers=headers, checks=[not_a_server_error])

        fuzz()
