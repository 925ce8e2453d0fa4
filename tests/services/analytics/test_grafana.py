"""Grafana provisioning: structure, compose wiring, and queries that name only what the
Influx writer really writes (and that influxd accepts)."""

from __future__ import annotations

import json
import re
import time
import uuid
from pathlib import Path

import pytest
import yaml

from server.adapters.eventstore.influx import InfluxEventStore
from server.adapters.eventstore.influx_wire import FIELD_KEYS, MEASUREMENT, TAG_KEYS, encode_line
from server.events.schema import METHODS
from tests.adapters.helpers import InfluxDatabase, make_event
from tests.service_urls import require_service_url

ROOT = Path(__file__).resolve().parents[3]
GRAFANA = ROOT / "grafana"


def compose_grafana() -> dict:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())["services"]["grafana"]


def dashboards() -> list[dict]:
    files = sorted((GRAFANA / "dashboards").glob("*.json"))
    assert files, "no dashboard JSON"
    return [json.loads(f.read_text()) for f in files]


def queries() -> list[str]:
    return [t["query"] for d in dashboards() for p in d["panels"] for t in p.get("targets", [])]


def written_keys() -> tuple[str, set[str], set[str]]:
    """Measurement, tag keys and field keys of a real line the writer produces."""
    line = encode_line(make_event(1, method="tip", text="hi"), store_text=True)
    head, fields, _ = re.split(r"(?<!\\) (?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)", line)
    measurement, *tags = head.split(",")
    field_keys = {
        part.split("=", 1)[0] for part in re.findall(r'(\w+=(?:"(?:[^"\\]|\\.)*"|[^,]+))', fields)
    }
    return measurement, {t.split("=", 1)[0] for t in tags}, field_keys


def test_the_writer_constants_are_what_encode_line_writes() -> None:
    measurement, tags, fields = written_keys()
    assert measurement == MEASUREMENT
    assert tags == set(TAG_KEYS)
    assert fields == set(FIELD_KEYS)


def test_datasource_points_at_the_compose_influxdb_with_the_token() -> None:
    config = yaml.safe_load((GRAFANA / "provisioning/datasources/influxdb.yml").read_text())
    (source,) = config["datasources"]
    assert config["apiVersion"] == 1 and source["type"] == "influxdb"
    assert source["url"] == "http://influxdb:8086"
    server_env = yaml.safe_load((ROOT / "docker-compose.yml").read_text())["services"]["server"][
        "environment"
    ]
    assert source["jsonData"]["dbName"] == server_env["INFLUX_DATABASE"]
    assert source["jsonData"]["httpHeaderName1"] == "Authorization"
    assert (
        source["secureJsonData"]["httpHeaderValue1"] == "Token ${INFLUX_TOKEN}"
    )  # no secret in git
    assert "INFLUX_TOKEN" in compose_grafana()["environment"]
    assert all(
        t["datasource"]["uid"] == source["uid"]
        for d in dashboards()
        for p in d["panels"]
        for t in p["targets"]
    )


def test_compose_mounts_the_provisioning_and_the_dashboards() -> None:
    service = compose_grafana()
    mounts = dict(volume.split(":")[:2] for volume in service["volumes"] if volume.startswith("./"))
    assert mounts["./grafana/provisioning"] == "/etc/grafana/provisioning"
    provider = yaml.safe_load((GRAFANA / "provisioning/dashboards/webcammerplus.yml").read_text())
    (entry,) = provider["providers"]
    assert entry["type"] == "file"
    assert mounts["./grafana/dashboards"] == entry["options"]["path"]
    assert "healthcheck" in service and "influxdb-init" in service["depends_on"]


def test_dashboard_has_the_panels_and_the_broadcaster_variable() -> None:
    (board,) = dashboards()
    titles = {p["title"] for p in board["panels"]}
    assert {"Tokens per hour", "Tips", "Chat volume per broadcaster"} <= titles
    assert any("Viewers" in t for t in titles)
    (variable,) = board["templating"]["list"]
    assert variable["name"] == "broadcaster" and variable["multi"] and variable["includeAll"]
    assert variable["query"] == f'SHOW TAG VALUES FROM "{MEASUREMENT}" WITH KEY = "broadcaster"'
    ids = [p["id"] for p in board["panels"]]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("query", queries())
def test_every_query_names_only_what_the_writer_writes(query: str) -> None:
    assert f'FROM "{MEASUREMENT}"' in query
    identifiers = set(re.findall(r'"([^"]+)"', query))
    assert identifiers <= {MEASUREMENT, *TAG_KEYS, *FIELD_KEYS}, identifiers
    assert set(re.findall(r"\"method\" = '([^']+)'", query)) <= METHODS
    assert "$timeFilter" in query and '"broadcaster" =~ /^$broadcaster$/' in query


def test_every_query_runs_on_influxd_and_finds_the_data() -> None:
    db = InfluxDatabase(require_service_url("TEST_INFLUX_URL"))
    db.name = f"grafana_{uuid.uuid4().hex[:10]}"
    db.create()
    try:
        store = InfluxEventStore(db.url, db.name)
        now = time.time()
        methods = ["tip", "chatMessage", "userEnter", "userLeave", "follow"]
        store.write_batch(
            [make_event(i, method=m, ts=now - i * 60) for i, m in enumerate(methods * 3, 1)]
        )
        for query in queries():
            runnable = (
                query.replace("$timeFilter", "time > now() - 1d")
                .replace("$__interval", "1h")
                .replace("/^$broadcaster$/", "/^(alice|bob)$/")
            )
            rows = db.select(runnable)
            assert rows and any(v for row in rows for v in row[1:]), runnable
    finally:
        db.drop()
