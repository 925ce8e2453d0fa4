"""WebCammerPlus server: `create_app()` wires everything; nothing runs at import time."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # imports stay lazy so `python -m server` can monkey-patch before them
    from flask import Flask

    from server.adapters.eventstore.base import EventStore
    from server.adapters.eventstore.writer import BatchingWriter
    from server.auth.dev_issuer import DevIssuer
    from server.auth.jwt import TokenVerifier
    from server.config import Config
    from server.db import Database
    from server.extensions import AppServices

__all__ = ["create_app"]


def create_app(config: Config | None = None) -> Flask:
    """Build the Flask app for `config` (default: from the environment and `.env`)."""
    from flask import Flask
    from flask_cors import CORS

    from server.config import Config
    from server.errors import register_error_handlers
    from server.extensions import StatelessSessions
    from server.logs import configure_logging
    from server.request_ids import REQUEST_ID_HEADER
    from server.request_ids import init_app as init_request_ids

    config = (config or Config.from_env()).validate()
    configure_logging(config.LOG_LEVEL, config.LOG_FORMAT)
    app = Flask(__name__)
    app.config.update(
        SECRET_KEY=config.SECRET_KEY,
        MAX_CONTENT_LENGTH=config.MAX_CONTENT_LENGTH,
        ERROR_404_HELP=False,
        RESTX_MASK_SWAGGER=False,
        JSON_SORT_KEYS=False,
    )
    CORS(app, origins=config.cors_origins, expose_headers=["Retry-After", REQUEST_ID_HEADER])
    init_request_ids(app)
    app.session_interface = StatelessSessions()
    app.extensions["webcammer"] = _build_services(app, config)
    register_error_handlers(app)
    _register_routes(app)
    from server import cli
    from server.api import build_api, dashboard
    from server.realtime import setup as realtime

    realtime.init_app(app)  # the hub, its signal receivers, the writer
    build_api(app)
    dashboard.register(app)
    cli.register(app)
    return app


def _build_services(app: Flask, config: Config) -> AppServices:
    """Every part of the app, eagerly; adapters are chosen here by config alone."""
    from server.adapters.eventstore.factory import build_event_store
    from server.extensions import AppServices, build_limiter, build_socketio
    from server.ingest.chaturbate.feeds import ChaturbateFeeds
    from server.realtime.setup import build_ingestor, build_realtime
    from server.services.ai.common import build_ai

    db = _build_db(app, config)
    dev_issuer, verifier = _build_auth(config)
    socketio = build_socketio(app, config)
    store = build_event_store(config)
    writer = _build_writer(config, store)
    ingestor = build_ingestor(config, socketio, writer)
    feeds = ChaturbateFeeds(app, ingestor, writer, redis_url=config.REDIS_URL, background=socketio)
    feeds.allow_local = config.EVENTS_API_ALLOW_LOCAL == "1"
    return AppServices(
        config=config, db=db, verifier=verifier, limiter=build_limiter(app, config),
        socketio=socketio, dev_issuer=dev_issuer, event_store=store, writer=writer,
        ai=build_ai(config, db), feeds=feeds,
        realtime=build_realtime(config, ingestor, store, feeds),
    )  # fmt: skip


def _build_db(app: Flask, config: Config) -> Database:
    from server.db import Database

    db = Database()
    db.bind(config.DATABASE_URL)
    app.teardown_appcontext(db.remove)
    return db


def _build_auth(config: Config) -> tuple[DevIssuer | None, TokenVerifier]:
    """The dev issuer (its local key signs and verifies) or Auth0's JWKS."""
    from server.auth.dev_issuer import DevIssuer
    from server.auth.jwt import TokenVerifier
    from server.auth.keys import JwksKeySource, KeySource, StaticKeySource

    dev_issuer = None
    keys: KeySource
    if config.uses_dev_issuer:
        dev_issuer = DevIssuer(
            config.DEV_ISSUER_KEY_PATH,
            issuer=config.issuer,
            audience=config.AUTH0_AUDIENCE,
            ttl=config.DEV_TOKEN_TTL_SECONDS,
        )
        keys = StaticKeySource([dev_issuer.key])
    else:
        keys = JwksKeySource(config.jwks_url, cache_seconds=config.AUTH_JWKS_CACHE_SECONDS)
    verifier = TokenVerifier(
        keys,
        issuer=config.issuer,
        audience=config.AUTH0_AUDIENCE,
        leeway=config.AUTH_LEEWAY_SECONDS,
    )
    return dev_issuer, verifier


def _build_writer(config: Config, store: EventStore) -> BatchingWriter:
    """Batches store writes; what the store cannot take goes to the durable spool."""
    from server.adapters.eventstore.writer import BatchingWriter
    from server.adapters.spool import Spool

    return BatchingWriter(store, Spool(config.SPOOL_DIR, max_bytes=config.SPOOL_MAX_BYTES))


def _register_routes(app: Flask) -> None:
    from flask import jsonify, redirect

    from server.auth.keys import public_jwks

    app_services: AppServices = app.extensions["webcammer"]

    @app.get("/")
    def index():
        return redirect("/api/v1/docs")

    if app_services.dev_issuer is not None:
        key = app_services.dev_issuer.key

        @app.get("/.well-known/jwks.json")
        def jwks():
            return jsonify(public_jwks([key]))

    limiter = app_services.limiter
    limiter.exempt(index)
