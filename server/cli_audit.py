"""`flask --app server audit list --account …` and `audit prune --older-than …`."""

from __future__ import annotations

import json
import re
from datetime import timedelta

import click
from flask.cli import AppGroup
from sqlalchemy import or_, select

from server.audit.trail import entries, entry_view, prune
from server.extensions import services
from server.models import Account

audit_cli = AppGroup("audit", help="The audit trail of account changes.")
_DURATION = re.compile(r"^(\d+)([dhw]?)$")
_UNITS = {"": "days", "d": "days", "h": "hours", "w": "weeks"}


def parse_duration(text: str) -> timedelta:
    """`90d`, `12h`, `4w` or a plain number of days."""
    match = _DURATION.match(text.strip())
    if not match:
        raise click.BadParameter("use e.g. 90d, 12h, 4w (or a number of days)")
    return timedelta(**{_UNITS[match.group(2)]: int(match.group(1))})


@audit_cli.command("list")
@click.option("--account", "who", required=True, help="Account id or its owner's sub.")
@click.option("--limit", type=click.IntRange(1, 10_000), default=100, show_default=True)
def audit_list(who: str, limit: int) -> None:
    """Print an account's audit rows, newest first, one JSON object per line."""
    session = services().db.session
    query = select(Account.id).where(or_(Account.id == who, Account.sub == who))
    account_id = session.scalar(query)
    if account_id is None:
        raise click.ClickException(f"no account with id or sub {who!r}")
    rows, _next = entries(session, account_id, limit=limit)
    for row in rows:
        click.echo(json.dumps(entry_view(row), sort_keys=True))


@audit_cli.command("prune")
@click.option("--older-than", "older_than", required=True, help="Retention, e.g. 365d.")
def audit_prune(older_than: str) -> None:
    """Delete audit rows older than the retention (the only deletion of audit rows)."""
    deleted = prune(services().db.session, parse_duration(older_than))
    click.echo(f"audit prune: {deleted} row(s) older than {older_than} deleted")
