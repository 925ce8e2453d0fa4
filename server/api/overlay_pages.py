"""/overlay/: the built OBS overlay pages (overlay/, `make overlay`), or a clear 503."""

from __future__ import annotations

from pathlib import Path

from flask import Blueprint, Flask, Response, send_from_directory

DIST = Path(__file__).resolve().parents[2] / "overlay" / "dist"
PAGES = ("index.html", "preview.html")
# OBS loads these directly; the panel may show one in an iframe as a preview
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; connect-src 'self' ws: wss:; media-src 'self' data:; "
    "frame-ancestors 'self' chrome-extension:; base-uri 'none'"
)
NOT_BUILT = """<!doctype html><html lang="en"><meta charset="utf-8">
<title>Overlay not built</title>
<body style="font-family: system-ui, sans-serif; color: #fff; background: transparent">
<p>The WebCammerPlus overlay is not built: run <code>make overlay</code> on the server.</p>
</body></html>
"""

bp = Blueprint("overlay_pages", __name__)


def _secured(response: Response) -> Response:
    response.headers["Content-Security-Policy"] = CSP
    response.headers["Referrer-Policy"] = "no-referrer"  # the URL carries the overlay key
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


def _page(name: str) -> Response:
    if not (DIST / name).is_file():
        return _secured(Response(NOT_BUILT, status=503, mimetype="text/html"))
    response = send_from_directory(DIST, name, max_age=0)
    response.headers["Cache-Control"] = "no-cache"
    return _secured(response)


@bp.get("/overlay")
@bp.get("/overlay/")
def index() -> Response:
    """The overlay page (its kind comes from the key's state)."""
    return _page("index.html")


@bp.get("/overlay/preview.html")
def preview() -> Response:
    """Every kind in demo mode over a checkerboard."""
    return _page("preview.html")


@bp.get("/overlay/assets/<path:name>")
def asset(name: str) -> Response:
    """Hashed, immutable build assets."""
    return _secured(send_from_directory(DIST / "assets", name, max_age=31_536_000))


def register(app: Flask) -> None:
    """Serve the overlay pages from this app."""
    app.register_blueprint(bp)
    app.extensions["webcammer"].limiter.exempt(bp)
