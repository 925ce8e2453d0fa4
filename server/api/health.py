"""GET /api/v1/health: liveness plus readiness of every dependency (public, no secrets)."""

from __future__ import annotations

from typing import Any

from flask_restx import Namespace, Resource
from sqlalchemy import text

from server.api.schemas.health import Health as HealthView
from server.api.validation import response_model
from server.extensions import services
from server.ingest.quarantine import pending_count

ns = Namespace("health", description="Liveness and readiness")


def database_check() -> dict[str, Any]:
    app_services = services()
    try:
        with app_services.db.engine.connect() as conn:  # type: ignore[union-attr]
            conn.execute(text("SELECT 1"))
        return {"ok": True, "backend": app_services.db.engine.dialect.name}  # type: ignore[union-attr]
    except Exception as exc:  # noqa: BLE001 - any failure means "not ready"
        return {"ok": False, "detail": type(exc).__name__}


def redis_check() -> dict[str, Any]:
    url = services().config.REDIS_URL
    if not url:
        return {"ok": True, "configured": False, "detail": "not configured (single process)"}
    import redis

    try:
        redis.Redis.from_url(url, socket_timeout=1, socket_connect_timeout=1).ping()
        return {"ok": True, "configured": True}
    except redis.RedisError as exc:
        return {"ok": False, "configured": True, "detail": type(exc).__name__}


def quarantine_check() -> dict[str, Any]:
    """Events API events waiting in quarantine (informational: never "not ready")."""
    session = services().db.session
    try:
        return {"pending": pending_count(session)}
    except Exception as exc:  # noqa: BLE001 - the database check reports the outage
        session.rollback()
        return {"pending": None, "detail": type(exc).__name__}


@ns.route("")
class Health(Resource):
    @ns.doc(security=[])
    @ns.response(200, "Success", response_model(ns, HealthView))
    def get(self) -> tuple[dict[str, Any], int]:
        """Liveness and readiness; 503 when the accounts database is unreachable."""
        app_services = services()
        config = app_services.config
        checks: dict[str, Any] = {"database": database_check(), "redis": redis_check()}
        checks["quarantine"] = quarantine_check()
        for name, check in app_services.health_checks.items():
            checks[name] = check()
        checks["llm"] = {"configured": config.llm_configured}
        checks["stripe"] = {"configured": config.stripe_configured}
        ready = all(c.get("ok", True) for c in checks.values())
        body = {"status": "ok" if ready else "degraded", "checks": checks}
        return body, 200 if checks["database"]["ok"] else 503
