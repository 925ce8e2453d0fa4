"""Request ids end to end: REST header, error body and log lines; hub error acks; JSON logs."""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
from pathlib import Path

from server.request_ids import REQUEST_ID_HEADER


def test_a_client_request_id_comes_back_in_the_header_the_error_and_the_log(
    client, auth, caplog
) -> None:
    caplog.set_level(logging.WARNING)
    headers = {**auth("rita"), REQUEST_ID_HEADER: "ticket-2103"}
    response = client.post("/api/v1/translate", json={"text": "hola amigo"}, headers=headers)
    assert response.status_code == 503  # no AI provider configured: a logged, expected 5xx
    assert response.headers[REQUEST_ID_HEADER] == "ticket-2103"
    assert response.get_json()["request_id"] == "ticket-2103"
    assert [r.request_id for r in caplog.records if r.levelno >= logging.WARNING] == ["ticket-2103"]


def test_a_missing_or_malformed_request_id_is_replaced_by_a_fresh_one(client) -> None:
    first = client.get("/api/v1/me")
    second = client.get("/api/v1/me", headers={REQUEST_ID_HEADER: "no spaces allowed here"})
    ids = [first.headers[REQUEST_ID_HEADER], second.headers[REQUEST_ID_HEADER]]
    assert ids[0] != ids[1] and all(len(i) == 32 for i in ids)
    assert second.get_json()["request_id"] == ids[1]


def test_every_response_carries_a_request_id(client) -> None:
    assert client.get("/api/v1/health").headers.get(REQUEST_ID_HEADER)


def test_a_hub_error_ack_carries_the_events_own_id(app, token_for) -> None:
    sio = app.extensions["webcammer"].socketio.test_client(
        app, namespace="/hub", auth={"token": token_for("sam")}
    )
    first = sio.emit("subscribe", {"broadcaster": "NOT VALID"}, namespace="/hub", callback=True)
    second = sio.emit("nonsense", {}, namespace="/hub", callback=True)
    assert first["code"] == "invalid_broadcaster" and second["code"] == "unknown_event"
    assert first["request_id"].startswith("ev-") and second["request_id"].startswith("ev-")
    assert first["request_id"] != second["request_id"]
    sio.disconnect(namespace="/hub")


def test_log_format_json_writes_one_object_per_line_with_the_request_id(tmp_path: Path) -> None:
    script = (
        "from server import create_app\n"
        "app = create_app()\n"
        "token = app.extensions['webcammer'].dev_issuer.mint('uma')\n"
        "app.test_client().post('/api/v1/translate', json={'text': 'hola amigo'},\n"
        "    headers={'Authorization': 'Bearer ' + token, 'X-Request-ID': 'json-77'})\n"
    )
    env = {**os.environ, "LOG_FORMAT": "json", "VAR_DIR": str(tmp_path), "LLM_API_KEY": ""}
    done = subprocess.run(
        [sys.executable, "-c", script],
        cwd=Path(__file__).resolve().parents[1],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    lines = [json.loads(line) for line in done.stderr.splitlines() if line.strip()]
    assert lines and all({"level", "logger", "message"} <= set(line) for line in lines)
    assert "json-77" in [line.get("request_id") for line in lines]
