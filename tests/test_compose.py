"""docker-compose.yml stays in step with the server's configuration (Docker cannot run here)."""

from __future__ import annotations

from dataclasses import fields
from pathlib import Path
from urllib.parse import urlparse

import yaml

from server.config import Config

ROOT = Path(__file__).resolve().parents[1]


def compose() -> dict:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def test_every_service_has_a_healthcheck() -> None:
    services = compose()["services"]
    assert {"server", "postgres", "redis", "influxdb"} <= set(services)
    for name, service in services.items():
        assert "healthcheck" in service, name


def test_server_environment_names_only_real_variables() -> None:
    env = compose()["services"]["server"]["environment"]
    known = {f.name for f in fields(Config)}
    assert set(env) - known == set()


def test_every_service_the_server_points_at_exists() -> None:
    services = compose()["services"]
    env = compose()["services"]["server"]["environment"]
    for variable in ("DATABASE_URL", "INFLUX_URL", "REDIS_URL"):
        host = urlparse(env[variable]).hostname
        assert host in services, f"{variable} points at {host}, which compose does not define"
    depends = set(services["server"]["depends_on"])
    assert {"postgres", "redis"} <= depends


def test_compose_runs_the_production_configuration() -> None:
    env = compose()["services"]["server"]["environment"]
    assert env["EVENT_STORE"] == "influx"
    assert env["APP_ENV"].startswith("${APP_ENV:-production")
    assert "?" in env["SECRET_KEY"] and "?" in env["CORS_ORIGINS"], "secrets must be required"


def test_influxdb_is_version_2_7_with_setup() -> None:
    influx = compose()["services"]["influxdb"]
    assert influx["image"] == "influxdb:2.7"
    assert influx["environment"]["DOCKER_INFLUXDB_INIT_MODE"] == "setup"


def test_scale_profile_shards_by_broadcaster_over_two_servers() -> None:
    services = compose()["services"]
    assert services["server-2"]["profiles"] == ["scale"]
    assert services["server-2"]["environment"] == services["server"]["environment"]
    assert services["server-2"]["volumes"] != services["server"]["volumes"], "one spool per process"
    assert services["server"]["environment"]["REDIS_URL"].startswith("redis://")
    conf = (ROOT / "deploy" / "nginx-scale.conf").read_text()
    assert "hash $arg_broadcaster consistent" in conf
    assert "server server:5000" in conf and "server server-2:5000" in conf
    assert services["nginx"]["volumes"][0].startswith("./deploy/nginx-scale.conf:")


def test_prometheus_scrapes_every_server_with_the_metrics_token() -> None:
    services = compose()
    prometheus = services["services"]["prometheus"]
    assert prometheus["secrets"] == ["metrics_token"]
    assert services["secrets"]["metrics_token"] == {"environment": "METRICS_TOKEN"}
    assert "?" in services["services"]["server"]["environment"]["METRICS_TOKEN"], "required"
    mount = next(v for v in prometheus["volumes"] if v.startswith("./deploy/prometheus.yml:"))
    config = yaml.safe_load((ROOT / "deploy" / "prometheus.yml").read_text())
    (job,) = config["scrape_configs"]
    assert mount.split(":")[1] == "/etc/prometheus/prometheus.yml"
    assert job["metrics_path"] == "/metrics"
    assert job["authorization"] == {
        "type": "Bearer",
        "credentials_file": "/run/secrets/metrics_token",
    }
    (targets,) = job["static_configs"]
    assert set(targets["targets"]) == {"server:5000", "server-2:5000"}
    assert "prometheus" in services["services"]["grafana"]["depends_on"]


def test_local_ai_profile_pulls_the_servers_model_before_the_server_starts() -> None:
    services = compose()["services"]
    ollama, pull = services["ollama"], services["ollama-pull"]
    assert ollama["profiles"] == pull["profiles"] == ["local-ai"]
    assert pull["depends_on"]["ollama"]["condition"] == "service_healthy"
    assert pull["environment"]["OLLAMA_HOST"] == "http://ollama:11434"
    # The model pulled is the model the server asks for: one variable, one default.
    assert pull["command"] == ["pull", "${LLM_MODEL:-qwen2.5:1.5b-instruct}"]
    assert services["server"]["environment"]["LLM_MODEL"].startswith("${LLM_MODEL")
    gate = services["server"]["depends_on"]["ollama-pull"]
    assert gate == {"condition": "service_completed_successfully", "required": False}
    assert "ollama-data" in compose()["volumes"]


def test_env_example_shows_how_to_point_the_server_at_local_ai() -> None:
    text = (ROOT / ".env.example").read_text()
    assert "--profile local-ai" in text
    assert "LLM_BASE_URL=http://ollama:11434/v1" in text
    assert "LLM_MODEL=qwen2.5:1.5b-instruct" in text
    assert (ROOT / "docs" / "local-ai.md").is_file()
