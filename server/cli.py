"""Flask CLI commands: `flask --app server dev-token`, `db upgrade`, `account set-tier`,
`contract export`."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import click
from flask import Flask
from flask.cli import AppGroup, with_appcontext

from server.audit import record_audit
from server.errors import AppError
from server.extensions import services
from server.services.accounts import get_or_create_account
from server.tiers import TIERS

db_cli = AppGroup("db", help="Accounts database.")
account_cli = AppGroup("account", help="Operator commands on accounts.")
billing_cli = AppGroup("billing", help="Stripe billing.")
contract_cli = AppGroup("contract", help="The wire contract the clients' types come from.")


@click.command("dev-token")
@click.option("--sub", required=True, help="Subject (user id) to mint the token for.")
@click.option("--email", default=None, help="Optional email claim.")
@click.option("--tier", type=click.Choice(sorted(TIERS)), default=None, help="Set the tier first.")
@click.option("--link", "broadcaster", default=None, help="Link this broadcaster to the account.")
@click.option("--ttl", type=int, default=None, help="Lifetime in seconds.")
@with_appcontext
def dev_token(
    sub: str, email: str | None, tier: str | None, broadcaster: str | None, ttl: int | None
) -> None:
    """Mint a dev-issuer access token (refused unless the dev issuer is active)."""
    app_services = services()
    if app_services.dev_issuer is None:
        raise click.ClickException("the dev issuer is off (AUTH0_DOMAIN is set); use Auth0 tokens")
    session = app_services.db.session
    account = get_or_create_account(session, sub, email)
    if tier:
        account.tier = tier  # operator action on the server, never a client field
        session.commit()
    if broadcaster:
        from server.services.accounts import link_broadcaster

        link_broadcaster(session, account, broadcaster)
    token = app_services.dev_issuer.mint(sub, email=email, ttl=ttl)
    record_audit(session, account.id, "dev_token.minted", after={"ttl": ttl or None})
    session.commit()
    click.echo(token)


@db_cli.command("upgrade")
def db_upgrade() -> None:
    """Apply Alembic migrations to the accounts DB."""
    from server.migrate import upgrade

    upgrade(services().config.DATABASE_URL)
    click.echo("accounts database is up to date")


@account_cli.command("set-tier")
@click.argument("sub")
@click.argument("tier", type=click.Choice(sorted(TIERS)))
def set_tier(sub: str, tier: str) -> None:
    """Operator override of an account's tier (normally Stripe webhooks set it)."""
    session = services().db.session
    account = get_or_create_account(session, sub, None)
    account.tier = tier
    session.commit()
    click.echo(f"{sub}: tier={tier}")


@billing_cli.command("sync")
def billing_sync() -> None:
    """Re-read subscriptions from Stripe for accounts with a customer id; repair drift."""
    from server.errors import ServiceNotConfigured, ServiceUnavailable
    from server.services.billing.gateway import require_billing
    from server.services.billing.sync import sync_subscriptions

    app_services = services()
    try:
        require_billing(app_services.config)
        repairs = sync_subscriptions(app_services.db.session, app_services.config)
    except (ServiceNotConfigured, ServiceUnavailable) as exc:
        raise click.ClickException(exc.message) from exc
    for repair in repairs:
        click.echo(repair.describe())
    click.echo(f"billing sync: {len(repairs)} account(s) repaired")


def one_line_errors(command: click.Command) -> click.Command:
    """Make `command` (and every subcommand) print an AppError as one line, never a traceback."""
    if isinstance(command, click.Group):
        for subcommand in command.commands.values():
            one_line_errors(subcommand)
        return command
    callback = command.callback
    if callback is None or getattr(callback, "_one_line_errors", False):
        return command

    @functools.wraps(callback)
    def run(*args: Any, **kwargs: Any) -> Any:
        try:
            return callback(*args, **kwargs)
        except AppError as exc:
            raise click.ClickException(f"{exc.message} ({exc.code})") from exc

    run._one_line_errors = True  # type: ignore[attr-defined]
    command.callback = run
    return command


@contract_cli.command("export")
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
def contract_export(directory: Path) -> None:
    """Write the JSON Schema of every wire model and the catalog into DIRECTORY."""
    from server.contract import export

    for path in export(directory):
        click.echo(str(path))


def register(app: Flask) -> None:
    from server.cli_audit import audit_cli
    from server.cli_events import events_cli, translations_cli

    for command in (
        events_cli,
        translations_cli,
        dev_token,
        db_cli,
        account_cli,
        billing_cli,
        contract_cli,
        audit_cli,
    ):
        app.cli.add_command(one_line_errors(command))
