"""One Config object built from the environment (and `.env` for local runs).

Nothing reads the environment at import time: `Config.from_env()` is called by
`create_app()` (or by tests with an explicit mapping).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from dotenv import dotenv_values

DEFAULT_SECRET_KEY = "dev-insecure-change-me"  # noqa: S105 - the value production refuses
NOVITA_BASE_URL = "https://api.novita.ai/openai/v1"


class ConfigError(ValueError):
    """The configuration cannot be used; the message names the variable to fix."""


@dataclass(frozen=True)
class Config:
    """Every setting of the server; field names are the environment variable names."""

    APP_ENV: str = "development"
    SECRET_KEY: str = DEFAULT_SECRET_KEY
    HOST: str = "127.0.0.1"
    PORT: int = 5000
    PUBLIC_URL: str = "http://127.0.0.1:5000"
    LOG_LEVEL: str = "INFO"
    LOG_FORMAT: str = "text"  # text | json (one JSON object per line)
    VAR_DIR: str = "var"
    CORS_ORIGINS: str = "*"
    MAX_CONTENT_LENGTH: int = 1_048_576
    SOCKETIO_ASYNC_MODE: str = "gevent"
    SOCKET_MAX_MESSAGE_BYTES: int = 4_194_304
    DATABASE_URL: str = ""
    # identity
    AUTH0_DOMAIN: str = ""
    AUTH0_AUDIENCE: str = "https://api.webcammerplus.local"
    AUTH0_CLIENT_ID: str = ""
    AUTH_ISSUER: str = ""
    AUTH_JWKS_URL: str = ""
    AUTH_LEEWAY_SECONDS: int = 30
    AUTH_JWKS_CACHE_SECONDS: int = 600
    DEV_ISSUER_KEY_PATH: str = ""
    DEV_TOKEN_TTL_SECONDS: int = 3600
    # event store
    EVENT_STORE: str = "sqlite"
    EVENT_STORE_PATH: str = ""
    INFLUX_URL: str = ""
    INFLUX_DATABASE: str = "webcammer"
    INFLUX_TOKEN: str = ""
    INFLUX_USERNAME: str = ""
    INFLUX_PASSWORD: str = ""
    INFLUX_RETENTION_POLICY: str = ""
    SPOOL_DIR: str = ""
    SPOOL_MAX_BYTES: int = 1_073_741_824
    # limits
    REDIS_URL: str = ""
    ROOM_STREAM_PREFIX: str = "wcp:room:"  # Redis keys of the shared room streams
    SOCKETIO_CHANNEL: str = "flask-socketio"  # Redis pub/sub channel of the Socket.IO queue
    EVENTS_API_LEASE_TTL_MS: int = 60_000  # a dead poller's room moves after this long
    EVENTS_API_ALLOW_LOCAL: str = ""  # "on": feeds may point at 127.0.0.1 (a local fake API)
    RATELIMIT_DEFAULT: str = "600/minute;30/second"
    # AI provider
    LLM_BASE_URL: str = NOVITA_BASE_URL
    LLM_API_KEY: str = ""
    LLM_MODEL: str = ""
    LLM_MODEL_TRANSLATE: str = ""
    LLM_MODEL_REPLY: str = ""
    LLM_MODEL_WRITE: str = ""
    # billing
    STRIPE_SECRET_KEY: str = ""
    STRIPE_WEBHOOK_SECRET: str = ""
    STRIPE_PRICE_PRO: str = ""
    STRIPE_PRICE_STUDIO: str = ""
    STRIPE_PRICE_PRO_YEARLY: str = ""
    STRIPE_PRICE_STUDIO_YEARLY: str = ""
    STRIPE_API_BASE: str = ""
    CHECKOUT_SUCCESS_URL: str = ""
    CHECKOUT_CANCEL_URL: str = ""
    PORTAL_RETURN_URL: str = ""
    STRIPE_WEBHOOK_RATE_LIMIT: str = "50/second;1000/minute"
    # demo
    SIMULATOR: str = ""
    SIMULATOR_EVENTS_PER_SECOND: str = "4"
    PUBLISH_RATE_LIMIT: str = "on"
    # operations
    METRICS: str = "on"  # on | off (off: the recorders do nothing; the bench's baseline)
    METRICS_TOKEN: str = ""  # bearer token for GET /metrics; empty = /metrics answers 404
    extra: dict[str, Any] = field(default_factory=dict, compare=False)

    @classmethod
    def from_env(
        cls, environ: Mapping[str, str] | None = None, *, dotenv_path: str | None = ".env"
    ) -> Config:
        """Build from `environ` (default os.environ) layered over a `.env` file if present."""
        values: dict[str, str | None] = {}
        if dotenv_path and Path(dotenv_path).is_file():
            values.update(dotenv_values(dotenv_path))
        values.update(os.environ if environ is None else environ)
        return cls.from_mapping({k: v for k, v in values.items() if v is not None})

    @classmethod
    def from_mapping(cls, values: Mapping[str, Any]) -> Config:
        """Build from a mapping of variable name to value, converting types; fills derived paths."""
        kwargs: dict[str, Any] = {}
        for f in fields(cls):
            if f.name in values and f.name != "extra":
                kwargs[f.name] = _convert(f.name, values[f.name], f.type)
        return cls(**kwargs).with_derived_defaults()

    def with_derived_defaults(self) -> Config:
        """Fill paths that default to places under VAR_DIR."""
        var = Path(self.VAR_DIR)
        return replace(
            self,
            DATABASE_URL=self.DATABASE_URL or f"sqlite:///{(var / 'webcammer.db').resolve()}",
            EVENT_STORE_PATH=self.EVENT_STORE_PATH or str(var / "events.db"),
            SPOOL_DIR=self.SPOOL_DIR or str(var / "spool"),
            DEV_ISSUER_KEY_PATH=self.DEV_ISSUER_KEY_PATH or str(var / "dev_issuer_key.json"),
        )

    @property
    def is_production(self) -> bool:
        return self.APP_ENV == "production"

    @property
    def uses_dev_issuer(self) -> bool:
        """True when no external identity provider is configured."""
        return not (self.AUTH0_DOMAIN or self.AUTH_ISSUER)

    @property
    def open_rooms(self) -> frozenset[str]:
        """Simulated rooms anyone may watch (dev issuer only); never exclusive to one account."""
        if not self.uses_dev_issuer:
            return frozenset()
        return frozenset(b.strip() for b in self.SIMULATOR.split(",") if b.strip())

    @property
    def issuer(self) -> str:
        """Expected `iss` claim, always with a trailing slash (Auth0 style)."""
        if self.AUTH_ISSUER:
            raw = self.AUTH_ISSUER
        elif self.AUTH0_DOMAIN:
            raw = f"https://{self.AUTH0_DOMAIN}"
        else:
            raw = self.PUBLIC_URL
        return raw.rstrip("/") + "/"

    @property
    def jwks_url(self) -> str:
        return self.AUTH_JWKS_URL or f"{self.issuer}.well-known/jwks.json"

    @property
    def llm_configured(self) -> bool:
        return bool(self.LLM_BASE_URL and self.LLM_MODEL)

    @property
    def stripe_configured(self) -> bool:
        return bool(self.STRIPE_SECRET_KEY and self.STRIPE_WEBHOOK_SECRET and self.STRIPE_PRICE_PRO)

    @property
    def cors_origins(self) -> list[str] | str:
        origins = [o.strip() for o in self.CORS_ORIGINS.split(",") if o.strip()]
        return "*" if origins in ([], ["*"]) else origins

    def validate(self) -> Config:
        """Refuse unsafe settings; in production refuse every dev default. Returns self."""
        if self.APP_ENV not in ("development", "production", "test"):
            raise ConfigError("APP_ENV must be development, production or test")
        if self.LOG_FORMAT not in ("text", "json"):
            raise ConfigError("LOG_FORMAT must be 'text' or 'json'")
        if self.METRICS not in ("on", "off"):
            raise ConfigError("METRICS must be 'on' or 'off'")
        if self.SOCKETIO_ASYNC_MODE not in ("gevent", "threading"):
            raise ConfigError("SOCKETIO_ASYNC_MODE must be 'gevent' or 'threading'")
        if self.EVENT_STORE not in ("sqlite", "influx"):
            raise ConfigError("EVENT_STORE must be 'sqlite' or 'influx'")
        if self.EVENT_STORE == "influx" and not self.INFLUX_URL:
            raise ConfigError("EVENT_STORE=influx needs INFLUX_URL")
        if self.is_production:
            self._validate_production()
        return self

    def _validate_production(self) -> None:
        problems = []
        if self.uses_dev_issuer:
            problems.append(
                "AUTH0_DOMAIN is not set: the dev token issuer is refused in production"
            )
        if (
            not self.SECRET_KEY
            or self.SECRET_KEY == DEFAULT_SECRET_KEY
            or len(self.SECRET_KEY) < 32
        ):
            problems.append("SECRET_KEY is missing, the default, or shorter than 32 characters")
        if self.EVENT_STORE == "sqlite":
            problems.append("EVENT_STORE=sqlite is refused in production: set EVENT_STORE=influx")
        if self.cors_origins == "*":
            problems.append("CORS_ORIGINS='*' is refused in production: list the allowed origins")
        if self.SIMULATOR:
            problems.append("SIMULATOR must be empty in production")
        if self.EVENTS_API_ALLOW_LOCAL:
            problems.append("EVENTS_API_ALLOW_LOCAL must be empty in production")
        if self.PUBLISH_RATE_LIMIT != "on":
            problems.append("PUBLISH_RATE_LIMIT must be 'on' in production")
        if problems:
            raise ConfigError("production configuration refused: " + "; ".join(problems))


def _convert(name: str, value: Any, annotation: Any) -> Any:
    if annotation in (int, "int") and not isinstance(value, int):
        try:
            return int(str(value).replace("_", ""))
        except ValueError as exc:
            raise ConfigError(f"{name} must be an integer, got {value!r}") from exc
    return value
