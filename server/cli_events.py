"""Maintenance commands: `events prune` (the longest tier's history on the event store) and
`translations purge` (expired rows of the SQL translation cache)."""

from __future__ import annotations

import click
from flask.cli import AppGroup

from server.adapters.eventstore.base import StoreUnavailable
from server.adapters.translation_cache import purge_expired_translations
from server.extensions import services
from server.tiers import LONGEST_HISTORY_DAYS

events_cli = AppGroup("events", help="Event store maintenance.")
translations_cli = AppGroup("translations", help="Translation cache maintenance.")


@events_cli.command("prune")
def prune() -> None:
    """Drop events older than the longest tier history (SQLite: DELETE; InfluxDB: the
    written retention policy's DURATION, so influxd expires old shards itself)."""
    store = services().event_store
    try:
        result = store.enforce_retention(LONGEST_HISTORY_DAYS)
    except StoreUnavailable as exc:
        raise click.ClickException(f"the event store is unavailable: {exc}") from exc
    except ValueError as exc:  # InfluxDB 2.x/3.x: retention belongs to the bucket
        raise click.ClickException(
            f"{exc}\nOn InfluxDB 2.x/3.x set the bucket's retention instead, e.g. "
            f"`influx bucket update --id <bucket id> --retention {LONGEST_HISTORY_DAYS}d`."
        ) from exc
    click.echo(f"{store.backend}: {result.detail}")


@translations_cli.command("purge")
def purge_translations() -> None:
    """Delete expired rows of the SQL translation cache (Redis expires its keys itself).
    A serving process also does this every hour."""
    click.echo(f"deleted {purge_expired_translations(services().db)} expired translations")
