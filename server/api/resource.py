"""The base of every authenticated REST resource."""

from __future__ import annotations

from flask_restx import Resource

from server.auth.decorators import require_account


class AuthedResource(Resource):
    """A resource whose every method requires a valid access token."""

    method_decorators = [require_account]
