"""A real server at LOG_LEVEL=DEBUG, driven through its main flows (dev sign-in, account,
Events API URL, publish, checkout, signed webhook, translate): its log and the CLI's output
hold none of the secrets it was given (tests/conftest.py also checks every captured log line
of the whole test run)."""

from __future__ import annotations

import json
import signal
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.fakes.llm_server import FakeLLM
from tests.fakes.stripe_server import FakeStripe
from tests.fakes.stripe_webhooks import WEBHOOK_PATH, billing_env, event, signature_header
from tests.fakes.stripe_webhooks import subscription as stripe_subscription
from tests.ops.secrets import dev_issuer_secrets
from tests.realtime.conftest import tip
from tests.realtime.server_process import ServerProcess

EVENTS_TOKEN = "Jd83kQm2Zp5Wx7Ln4Rt9Vb6C"  # noqa: S105  # pragma: allowlist secret - a fake
LLM_KEY = "sk-llm-test-6f1d9a0b2c3e4f5a"  # noqa: S105 - fake provider key
EVENTS_URL = f"https://eventsapi.chaturbate.com/events/alice_room/{EVENTS_TOKEN}/"


@pytest.fixture
def debug_server(tmp_path: Path) -> Iterator[ServerProcess]:
    stripe, llm = FakeStripe().start(), FakeLLM().start()
    env = {**billing_env(stripe.url), "LLM_BASE_URL": llm.base_url, "LLM_API_KEY": LLM_KEY,
           "LLM_MODEL": "fake-model", "LOG_LEVEL": "DEBUG"}  # fmt: skip
    server = ServerProcess(tmp_path, **env).start()
    yield server
    server.kill(signal.SIGTERM)
    stripe.stop()
    llm.stop()


def _post_webhook(server: ServerProcess, evt: dict) -> int:
    body = json.dumps(evt).encode()
    req = urllib.request.Request(server.url + WEBHOOK_PATH, data=body, method="POST")
    req.add_header("Content-Type", "application/json")
    req.add_header("Stripe-Signature", signature_header(body))
    with urllib.request.urlopen(req, timeout=10) as response:
        return int(response.status)


def _call(server: ServerProcess, method: str, path: str, body: object, token: str) -> object:
    try:
        return server.request(method, path, body, token)
    except urllib.error.HTTPError as exc:  # an error answer is a flow too
        return exc.code


def test_a_debug_run_of_the_main_flows_logs_no_secret(debug_server: ServerProcess) -> None:
    server = debug_server
    cli_output = server.token("alice", tier="studio", link="alice_room")
    token = cli_output
    me = server.get("/api/v1/me", token=token)
    _call(server, "PUT", "/api/v1/platform/chaturbate", {"events_url": EVENTS_URL}, token)
    time.sleep(1.5)  # the poller tries the (unreachable) Events API and logs why it failed
    _call(server, "GET", "/api/v1/platform/chaturbate", None, token)
    _call(server, "DELETE", "/api/v1/platform/chaturbate/alice_room", None, token)
    _call(server, "POST", "/api/v1/events", [tip("t1")], token)
    _call(server, "POST", "/api/v1/subscription/checkout", {"tier": "pro"}, token)
    _call(server, "POST", "/api/v1/translate", {"texts": ["hola"], "target": "en"}, token)
    customer = f"cus_{me['account']['id'][:8]}"  # type: ignore[index]
    created = event("customer.subscription.created", stripe_subscription(customer))
    assert _post_webhook(server, created) == 200
    server.kill(signal.SIGTERM)

    log = "".join(p.read_text(errors="replace") for p in server.var_dir.glob("server-*.log"))
    assert "DEBUG" in log, "the server did not log at DEBUG"
    secrets = {
        "events api token": EVENTS_TOKEN,
        "stripe secret key": billing_env()["STRIPE_SECRET_KEY"],
        "stripe webhook secret": billing_env()["STRIPE_WEBHOOK_SECRET"],
        "llm api key": LLM_KEY,
        "access token": token,
        **dev_issuer_secrets(server.var_dir),
    }
    assert any(name.startswith("dev issuer key d") for name in secrets), "no dev key found"
    leaked = [name for name, value in secrets.items() if value in log]
    assert leaked == []
