"""/overlay/ serves the built overlay pages (or a 503 naming `make overlay`)."""

from __future__ import annotations

from pathlib import Path

import pytest

from server.api import overlay_pages


@pytest.fixture
def dist(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setattr(overlay_pages, "DIST", tmp_path)
    return tmp_path


def test_unbuilt_overlay_answers_503_naming_the_build(client, dist) -> None:
    response = client.get("/overlay/")
    assert response.status_code == 503
    assert b"make overlay" in response.data


def test_built_pages_and_assets_are_served_with_a_csp_and_no_referrer(client, dist) -> None:
    (dist / "assets").mkdir()
    (dist / "index.html").write_text("<!doctype html><title>overlay</title>")
    (dist / "preview.html").write_text("<!doctype html><title>preview</title>")
    (dist / "assets" / "overlay-abc.js").write_text("console.log(1)")
    page = client.get("/overlay/?key=ovk_x")
    assert page.status_code == 200 and b"overlay" in page.data
    assert page.headers["Referrer-Policy"] == "no-referrer"  # the key is in the URL
    assert "script-src 'self'" in page.headers["Content-Security-Policy"]
    assert client.get("/overlay/preview.html").status_code == 200
    asset = client.get("/overlay/assets/overlay-abc.js")
    assert asset.status_code == 200
    assert "max-age=31536000" in asset.headers["Cache-Control"]
    assert client.get("/overlay/assets/../../server/config.py").status_code == 404
