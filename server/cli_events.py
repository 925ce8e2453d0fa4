"""`flask --app server events prune`: enforce the longest tier's history on the event store."""

from __future__ import annotations

import click
from flask.cli import AppGroup

from server.adapters.eventstore.base import StoreUnavailable
from server.extensions import services
from server.tiers import LONGEST_HISTORY_DAYS

events_cli = AppGroup("events", help="Event store maintenance.")


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
