"""The provisioned "WebCammerPlus operations" dashboard names only metric families that a real
server's /metrics exposes."""

from __future__ import annotations

import json
import re
import signal
from pathlib import Path

import pytest
import yaml

from tests.ops.scrape import families, scrape
from tests.realtime.server_process import ServerProcess

ROOT = Path(__file__).resolve().parents[2]
BOARD = ROOT / "grafana" / "dashboards" / "operations" / "operations.json"
DATASOURCE = ROOT / "grafana" / "provisioning" / "datasources" / "prometheus.yml"
TOKEN = "dashboard-check-token-0123"  # noqa: S105 - test-only
METRIC_NAME = re.compile(r"\b((?:webcammer|process|python)_[a-z0-9_]+)\b")


def board() -> dict:
    return json.loads(BOARD.read_text())


def named_families() -> set[str]:
    exprs = [t["expr"] for p in board()["panels"] for t in p["targets"]]
    return {name for expr in exprs for name in METRIC_NAME.findall(expr)}


def test_dashboard_is_provisioned_on_the_prometheus_datasource() -> None:
    (source,) = yaml.safe_load(DATASOURCE.read_text())["datasources"]
    assert source["type"] == "prometheus" and source["url"] == "http://prometheus:9090"
    assert board()["title"] == "WebCammerPlus operations"
    panels = board()["panels"]
    assert len({p["id"] for p in panels}) == len(panels)
    assert all(t["datasource"]["uid"] == source["uid"] for p in panels for t in p["targets"])


def test_dashboard_covers_every_part() -> None:
    names = named_families()
    for prefix in ("hub", "store", "poller", "llm", "translation", "quota", "stripe", "http"):
        assert any(n.startswith(f"webcammer_{prefix}") for n in names), prefix


def test_every_family_the_dashboard_names_is_in_a_real_scrape(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("METRICS_TOKEN", TOKEN)
    server = ServerProcess(tmp_path).start()  # start() itself made a REST request
    try:
        exposed = families(scrape(server.url, TOKEN))
    finally:
        server.kill(signal.SIGTERM)
    assert named_families() - exposed == set()
