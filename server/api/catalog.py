"""GET /api/v1/catalog: quotas, tiers, write kinds, languages, event methods (public)."""

from __future__ import annotations

from typing import Any

from flask_restx import Namespace, Resource

from server.api.schemas.catalog import Catalog as CatalogView
from server.api.schemas.catalog import build_catalog
from server.api.validation import response_model

ns = Namespace("catalog", description="The server's tables that clients display and check")

#: The tables change only with a deploy: an hour in any cache is safe.
CACHE_SECONDS = 3600


@ns.route("")
class Catalog(Resource):
    @ns.doc(security=[])
    @ns.response(200, "Success", response_model(ns, CatalogView))
    def get(self) -> tuple[dict[str, Any], int, dict[str, str]]:
        """Quota names and labels, tier limits, write kinds and limits, languages, methods."""
        headers = {"Cache-Control": f"public, max-age={CACHE_SECONDS}"}
        return build_catalog().model_dump(mode="json"), 200, headers
