"""Maintenance commands: `events prune` (the longest tier's history on the event store),
`events quarantine list|replay` (Events API events that could not be stored) and
`translations purge` (expired rows of the SQL translation cache)."""

from __future__ import annotations

import click
from flask.cli import AppGroup

from server.adapters.eventstore.base import StoreUnavailable
from server.adapters.translation_cache import purge_expired_translations
from server.extensions import services
from server.ingest import quarantine
from server.ingest.chaturbate.quarantine_replay import QuarantineReplay
from server.models import QuarantinedEvent
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


quarantine_cli = AppGroup("quarantine", help="Events API events that could not be stored.")
events_cli.add_command(quarantine_cli)


def _summary(row: QuarantinedEvent) -> str:
    when = row.received_at.strftime("%Y-%m-%d %H:%M:%S")
    what = f"{row.method or '?'} id={row.event_id or '?'}"
    return f"#{row.id} {when} {row.source} {row.broadcaster} {what} {row.code}: {row.reason}"


@quarantine_cli.command("list")
@click.option("--broadcaster", default=None, help="Only this room.")
@click.option("--limit", default=50, show_default=True, type=click.IntRange(1, 10_000))
@click.option("--payload", "show_payload", is_flag=True, help="Print each raw payload too.")
def quarantine_list(broadcaster: str | None, limit: int, show_payload: bool) -> None:
    """Quarantined events waiting for a replay, oldest first."""
    session = services().db.session
    rows = quarantine.pending(session, broadcaster=broadcaster, limit=limit)
    for row in rows:
        click.echo(_summary(row))
        if show_payload:
            click.echo(f"    {row.payload}")
    total = quarantine.pending_count(session)
    click.echo(f"{len(rows)} shown, {total} waiting in quarantine")


@quarantine_cli.command("replay")
@click.argument("ids", nargs=-1, type=int)
@click.option("--all", "replay_all", is_flag=True, help="Replay every waiting event.")
@click.option("--broadcaster", default=None, help="With --all: only this room.")
def quarantine_replay(ids: tuple[int, ...], replay_all: bool, broadcaster: str | None) -> None:
    """Replay quarantined events (by ID, or --all) through the normal ingest path.

    Without REDIS_URL this process numbers the room's offsets on its own: replay while the
    server is stopped. With REDIS_URL, the shared room log numbers them for every process.
    """
    if bool(ids) == replay_all:
        raise click.UsageError("give quarantine IDs or --all (not both)")
    app_services = services()
    session = app_services.db.session
    if replay_all:
        rows = quarantine.pending(session, broadcaster=broadcaster)
    else:
        rows = [row for row in quarantine.pending(session) if row.id in set(ids)]
        missing = sorted(set(ids) - {row.id for row in rows})
        if missing:
            click.echo(f"not waiting in quarantine: {', '.join(map(str, missing))}")
    feeds = app_services.feeds
    outcomes = QuarantineReplay(session, feeds.sink, feeds.writer).run(rows)
    for outcome in outcomes:
        if outcome.status not in ("stored", "duplicate"):
            click.echo(
                f"#{outcome.id} {outcome.broadcaster} still {outcome.status}: {outcome.detail}"
            )
    done = sum(outcome.status in ("stored", "duplicate") for outcome in outcomes)
    click.echo(f"replayed {len(outcomes)}: {done} stored, {len(outcomes) - done} still failing")
    if done < len(outcomes):
        raise SystemExit(1)
