"""The flush hook on its own: changes no endpoint makes yet (a member's permissions), and
an explicit actor."""

from __future__ import annotations

from flask import Flask

from server.audit import acting_as, record_audit
from server.models import Membership
from server.services.accounts import add_member, get_or_create_account
from tests.audit.conftest import actions, audit_rows


def test_a_permission_change_is_one_row_with_before_and_after(app: Flask) -> None:
    with app.app_context():
        session = app.extensions["webcammer"].db.session
        account = get_or_create_account(session, "owner", None)
        account.tier = "studio"
        session.commit()
        add_member(session, account, "analyst", ["read:analytics"])
        membership = session.query(Membership).filter_by(member_sub="analyst").one()
        membership.permissions = "read:analytics export:csv"
        session.commit()
    rows = audit_rows(app, "owner")
    assert actions(rows) == ["tier.changed", "member.added", "member.permissions_changed"]
    assert rows[2].before == {"permissions": ["read:analytics"]}
    assert rows[2].after == {"permissions": ["read:analytics", "export:csv"]}
    assert {(r.actor_type, r.actor) for r in rows} == {("system", "system")}


def test_record_audit_stores_what_changes_no_row_under_the_current_actor(app: Flask) -> None:
    with app.app_context():
        session = app.extensions["webcammer"].db.session
        account = get_or_create_account(session, "owner", None)
        with acting_as("user", "owner"):
            record_audit(session, account.id, "overlay_key.created", target="alice_room",
                         after={"kind": "alerts"})  # fmt: skip
        session.commit()
    (row,) = audit_rows(app, "owner")
    assert (row.action, row.actor_type, row.actor, row.target) == (
        "overlay_key.created",
        "user",
        "owner",
        "alice_room",
    )
    assert row.after == {"kind": "alerts"} and row.before is None
