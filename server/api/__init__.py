"""The REST API at /api/v1 (Flask-RESTx), Swagger UI at /api/v1/docs."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Flask
from flask_restx import Api
from werkzeug.exceptions import HTTPException

from server.errors import AppError, error_response

AUTHORIZATIONS = {
    "bearer": {
        "type": "apiKey",
        "in": "header",
        "name": "Authorization",
        "description": "Auth0 (or dev issuer) access token: 'Bearer <token>'",
    }
}


def build_api(app: Flask) -> Api:
    """Create the Api on a blueprint, add every namespace, route errors to the one shape."""
    blueprint = Blueprint("api", __name__, url_prefix="/api/v1")
    api = Api(
        blueprint,
        version="1.0",
        title="WebCammerPlus API",
        description="Real-time assistant for webcam streamers: translate, reply, write, "
        "subscription, analytics, events, rooms, overlays.",
        doc="/docs",
        authorizations=AUTHORIZATIONS,
        security="bearer",
    )
    register_api_error_handlers(api)
    from server.api import (  # local: namespaces import services lazily
        analytics,
        audit,
        auth_config,
        catalog,
        dev,
        events,
        health,
        me,
        overlays,
        platform,
        reply,
        rooms,
        subscription,
        translate,
        write,
    )

    api.add_namespace(health.ns)
    api.add_namespace(auth_config.ns)
    api.add_namespace(catalog.ns)
    api.add_namespace(me.ns)
    api.add_namespace(audit.ns)
    api.add_namespace(subscription.ns)
    api.add_namespace(events.ns)
    api.add_namespace(translate.ns)
    api.add_namespace(reply.ns)
    api.add_namespace(write.ns)
    api.add_namespace(platform.ns)
    api.add_namespace(analytics.ns)
    api.add_namespace(rooms.ns)
    api.add_namespace(overlays.ns)
    if app.extensions["webcammer"].dev_issuer is not None:
        api.add_namespace(dev.ns)
    app.register_blueprint(blueprint)
    return api


def register_api_error_handlers(api: Api) -> None:
    """Flask-RESTx answers its own errors: route them to the one error path too."""

    def answer(exc: Exception) -> tuple[dict[str, Any], int, dict[str, str]]:
        return error_response(exc)  # no docstring: RESTx would publish it in the Swagger doc

    for kind in (AppError, HTTPException, Exception):
        api.errorhandler(kind)(answer)
