"""/dashboard: the built analytics page (dashboard/, `make dashboard`), or a clear 503."""

from __future__ import annotations

from pathlib import Path

from flask import Blueprint, Flask, Response, send_from_directory

DIST = Path(__file__).resolve().parents[2] / "dashboard" / "dist"
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; connect-src 'self' ws: wss:; frame-ancestors 'none'; base-uri 'none'"
)
NOT_BUILT = """<!doctype html><html lang="en"><meta charset="utf-8">
<title>Dashboard not built</title>
<body style="font-family: system-ui, sans-serif; max-width: 40em; margin: 4em auto">
<h1>The analytics dashboard is not built</h1>
<p>Its assets are missing from <code>dashboard/dist/</code>. Build them with
<code>make dashboard</code> (needs Node.js 20+ and npm), then reload this page.</p>
<p>The REST API is up: see <a href="/api/v1/docs">/api/v1/docs</a>.</p>
</body></html>
"""

bp = Blueprint("dashboard", __name__)


def _secured(response: Response) -> Response:
    response.headers["Content-Security-Policy"] = CSP
    response.headers["Referrer-Policy"] = "no-referrer"
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


@bp.get("/dashboard")
@bp.get("/dashboard/")
def index() -> Response:
    """The page (no cache: it names the current hashed assets)."""
    if not (DIST / "index.html").is_file():
        return _secured(Response(NOT_BUILT, status=503, mimetype="text/html"))
    response = send_from_directory(DIST, "index.html", max_age=0)
    response.headers["Cache-Control"] = "no-cache"
    return _secured(response)


@bp.get("/dashboard/assets/<path:name>")
def asset(name: str) -> Response:
    """Hashed, immutable build assets."""
    return _secured(send_from_directory(DIST / "assets", name, max_age=31_536_000))


def register(app: Flask) -> None:
    """Serve the dashboard from this app."""
    app.register_blueprint(bp)
