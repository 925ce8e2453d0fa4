"""Config: production refuses dev defaults, naming the variable; .env.example documents all."""

from __future__ import annotations

import re
from dataclasses import fields
from pathlib import Path

import pytest

from server.config import Config, ConfigError

ROOT = Path(__file__).resolve().parents[1]

SAFE_PRODUCTION = {
    "APP_ENV": "production",
    "SECRET_KEY": "x" * 48,
    "AUTH0_DOMAIN": "tenant.eu.auth0.com",
    "EVENT_STORE": "influx",
    "INFLUX_URL": "http://influxdb:8086",
    "CORS_ORIGINS": "chrome-extension://abcdefghijklmnop",
}


def production(**changes: str) -> Config:
    values = {**SAFE_PRODUCTION, **changes}
    return Config.from_mapping({k: v for k, v in values.items() if v is not None})


def test_safe_production_config_is_accepted() -> None:
    assert production().validate().issuer == "https://tenant.eu.auth0.com/"


@pytest.mark.parametrize(
    "changes,variable",
    [
        ({"AUTH0_DOMAIN": None}, "AUTH0_DOMAIN"),
        ({"SECRET_KEY": None}, "SECRET_KEY"),
        ({"SECRET_KEY": "dev-insecure-change-me"}, "SECRET_KEY"),
        ({"EVENT_STORE": "sqlite"}, "EVENT_STORE"),
        ({"CORS_ORIGINS": "*"}, "CORS_ORIGINS"),
        ({"EVENTS_API_ALLOW_LOCAL": "1"}, "EVENTS_API_ALLOW_LOCAL"),
    ],
)
def test_production_refuses_dev_defaults(changes: dict, variable: str) -> None:
    with pytest.raises(ConfigError, match=variable):
        production(**changes).validate()


def test_influx_store_needs_a_url() -> None:
    with pytest.raises(ConfigError, match="INFLUX_URL"):
        Config.from_mapping({"EVENT_STORE": "influx"}).validate()


def test_bad_integer_names_the_variable() -> None:
    with pytest.raises(ConfigError, match="PORT"):
        Config.from_mapping({"PORT": "eighty"})


def test_issuer_always_has_a_trailing_slash() -> None:
    assert Config.from_mapping({"AUTH_ISSUER": "https://id.example.com"}).issuer == (
        "https://id.example.com/"
    )


def test_env_file_values_are_read_and_environment_wins(tmp_path: Path) -> None:
    env_file = tmp_path / ".env"
    env_file.write_text("PORT=6001\nLOG_LEVEL=DEBUG\n")
    config = Config.from_env({"PORT": "7000"}, dotenv_path=str(env_file))
    assert (config.PORT, config.LOG_LEVEL) == (7000, "DEBUG")


def documented_variables() -> dict[str, str]:
    """Variables in .env.example with the comment line right above each."""
    documented: dict[str, str] = {}
    comment = ""
    for line in (ROOT / ".env.example").read_text().splitlines():
        if line.startswith("#"):
            comment = line
            continue
        match = re.match(r"^([A-Z0-9_]+)=", line)
        if match:
            documented[match.group(1)] = comment
        comment = comment if not line.strip() else ""
    return documented


def test_env_example_documents_every_variable_with_a_comment() -> None:
    documented = documented_variables()
    expected = {f.name for f in fields(Config) if f.name != "extra"}
    assert expected - set(documented) == set()
    assert set(documented) - expected == set()
    undocumented = [name for name, comment in documented.items() if not comment]
    assert undocumented == []
