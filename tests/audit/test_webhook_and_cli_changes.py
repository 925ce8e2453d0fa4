"""Changes made by signed Stripe webhooks, by the CLI and by the system: one audit row each,
with the right actor; `audit list` and `audit prune`; rows are append-only."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
from flask import Flask

from server.audit.changes import AppendOnly
from server.models import Account, AuditEntry
from tests.audit.conftest import actions, audit_rows
from tests.conftest import stored_account
from tests.fakes.stripe_webhooks import WEBHOOK_PATH, delivery, event, subscription


def _deliver(client, evt: dict) -> None:
    response = client.post(WEBHOOK_PATH, **delivery(evt))
    assert response.status_code == 200, response.get_json()


def test_signed_webhooks_record_the_customer_tier_and_subscription_by_event_id(
    app: Flask, client, auth
) -> None:
    client.get("/api/v1/me", headers=auth("max"))
    account_id = stored_account(app, "max").id
    checkout = event("checkout.session.completed", {
        "id": "cs_test_1", "object": "checkout.session", "mode": "subscription",
        "client_reference_id": account_id, "customer": "cus_max",
    })  # fmt: skip
    created = event("customer.subscription.created", subscription("cus_max"))
    failed = event("customer.subscription.updated", subscription("cus_max", status="past_due"))
    for evt in (checkout, created, failed):
        _deliver(client, evt)
    rows = audit_rows(app, "max")
    assert actions(rows) == [
        "customer.linked",
        "tier.changed",
        "subscription.changed",
        "subscription.changed",
    ]
    assert [(r.actor_type, r.actor) for r in rows] == [
        ("stripe", checkout["id"]), ("stripe", created["id"]), ("stripe", created["id"]),
        ("stripe", failed["id"]),
    ]  # fmt: skip
    assert rows[1].before == {"tier": "free"} and rows[1].after == {"tier": "pro"}
    assert rows[2].after["subscription_status"] == "active"
    assert rows[3].before["subscription_status"] == "active"
    assert rows[3].after["subscription_status"] == "past_due"
    assert all(r.request_id for r in rows)
    assert "cus_max" not in json.dumps([r.before for r in rows[1:]])


def test_a_redelivered_event_records_nothing_more(app: Flask, client, auth) -> None:
    client.get("/api/v1/me", headers=auth("max"))
    with app.app_context():
        session = app.extensions["webcammer"].db.session
        session.get(Account, stored_account(app, "max").id).stripe_customer_id = "cus_max"
        session.commit()
    created = event("customer.subscription.created", subscription("cus_max"))
    _deliver(client, created)
    count = len(audit_rows(app, "max"))
    _deliver(client, created)
    assert len(audit_rows(app, "max")) == count


def test_a_lapsed_grace_period_is_recorded_as_the_system(app: Flask, client, auth) -> None:
    client.get("/api/v1/me", headers=auth("max"))
    with app.app_context():
        session = app.extensions["webcammer"].db.session
        account = session.get(Account, stored_account(app, "max").id)
        account.tier, account.subscription_status = "pro", "past_due"
        account.past_due_since = datetime.now(UTC) - timedelta(days=4)
        session.commit()
    assert client.get("/api/v1/me", headers=auth("max")).get_json()["account"]["tier"] == "free"
    last = audit_rows(app, "max")[-1]
    assert (last.action, last.actor_type) == ("tier.changed", "system")
    assert last.after == {"tier": "free"}


def test_cli_changes_and_dev_tokens_are_recorded_as_the_command(app: Flask, runner) -> None:
    assert runner.invoke(args=["account", "set-tier", "carol", "pro"]).exit_code == 0
    minted = runner.invoke(args=["dev-token", "--sub", "carol", "--link", "carol_room"])
    assert minted.exit_code == 0, minted.output
    rows = audit_rows(app, "carol")
    assert [(r.action, r.actor_type, r.actor) for r in rows] == [
        ("tier.changed", "cli", "account set-tier"),
        ("room.linked", "cli", "dev-token"),
        ("dev_token.minted", "cli", "dev-token"),
    ]
    token = minted.output.strip().splitlines()[-1]
    assert all(token not in json.dumps([r.before, r.after]) for r in rows)


def test_the_dev_sign_in_endpoint_records_each_token_minted(app: Flask, client) -> None:
    assert client.post("/api/v1/dev/token", json={"sub": "dana"}).status_code == 200
    (row,) = audit_rows(app, "dana")
    assert (row.action, row.actor_type, row.actor) == ("dev_token.minted", "system", "dev sign-in")


def test_audit_list_prints_the_account_rows_as_json_lines(app: Flask, runner) -> None:
    runner.invoke(args=["account", "set-tier", "erin", "studio"])
    runner.invoke(args=["account", "set-tier", "erin", "pro"])
    result = runner.invoke(args=["audit", "list", "--account", "erin"])
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.output.splitlines()]
    assert [line["after"] for line in lines] == [{"tier": "pro"}, {"tier": "studio"}]
    by_id = runner.invoke(args=["audit", "list", "--account", stored_account(app, "erin").id])
    assert by_id.output == result.output
    missing = runner.invoke(args=["audit", "list", "--account", "nobody"])
    assert missing.exit_code != 0 and "no account" in missing.output


def test_audit_prune_deletes_only_rows_past_the_retention(app: Flask, runner) -> None:
    runner.invoke(args=["account", "set-tier", "finn", "pro"])
    account_id = stored_account(app, "finn").id
    with app.app_context():
        session = app.extensions["webcammer"].db.session
        session.add(AuditEntry(
            account_id=account_id, actor_type="system", actor="system", action="tier.changed",
            at=datetime.now(UTC) - timedelta(days=400),
        ))  # fmt: skip
        session.commit()
    assert len(audit_rows(app, "finn")) == 2
    result = runner.invoke(args=["audit", "prune", "--older-than", "365d"])
    assert result.exit_code == 0 and "1 row(s)" in result.output
    assert [r.actor for r in audit_rows(app, "finn")] == ["account set-tier"]
    assert runner.invoke(args=["audit", "prune", "--older-than", "soon"]).exit_code != 0


@pytest.mark.parametrize("change", ["update", "delete"])
def test_audit_rows_cannot_be_updated_or_deleted_by_the_app(app: Flask, runner, change) -> None:
    runner.invoke(args=["account", "set-tier", "gus", "pro"])
    with app.app_context():
        session = app.extensions["webcammer"].db.session
        row = session.query(AuditEntry).filter_by(actor="account set-tier").first()
        if change == "update":
            row.after = {"tier": "studio"}
        else:
            session.delete(row)
        with pytest.raises(AppendOnly):
            session.commit()
        session.rollback()
    assert audit_rows(app, "gus")[0].after == {"tier": "pro"}
