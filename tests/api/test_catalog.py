"""GET /api/v1/catalog: the server's own tables, public and cacheable."""

from __future__ import annotations

import re

from flask.testing import FlaskClient

from server.api.schemas.catalog import Catalog
from server.events.schema import METHODS, is_broadcaster
from server.services.ai.langdetect import LANGUAGES
from server.services.ai.replies import TONES
from server.services.ai.writing import KINDS, LENGTH_LIMITS, LENGTHS, SOCIAL_LIMITS
from server.services.analytics.access import MAX_NOTES_CHARS
from server.services.usage import FEATURE_LABELS
from server.tiers import QUOTA_FEATURES, TIER_ORDER, TIERS


def catalog(client: FlaskClient) -> dict:
    response = client.get("/api/v1/catalog")  # no Authorization header: public
    assert response.status_code == 200
    return response.get_json()


def test_it_is_public_and_cacheable(client: FlaskClient) -> None:
    response = client.get("/api/v1/catalog")
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "public, max-age=3600"
    Catalog.model_validate(response.get_json())


def test_quotas_and_tiers_are_the_tier_table(client: FlaskClient) -> None:
    body = catalog(client)
    assert [(q["feature"], q["limit_field"]) for q in body["quotas"]] == list(
        QUOTA_FEATURES.items()
    )
    assert {q["feature"]: q["label"] for q in body["quotas"]} == FEATURE_LABELS
    assert body["tier_order"] == list(TIER_ORDER)
    assert body["tiers"] == [TIERS[name].as_dict() for name in TIER_ORDER]


def test_write_catalogue_and_languages_are_the_services_tables(client: FlaskClient) -> None:
    body = catalog(client)
    write = body["write"]
    assert (write["kinds"], write["lengths"], write["tones"]) == (
        list(KINDS),
        list(LENGTHS),
        list(TONES),
    )
    assert (write["length_limits"], write["social_limits"]) == (LENGTH_LIMITS, SOCIAL_LIMITS)
    assert {lang["code"]: lang["name"] for lang in body["languages"]} == LANGUAGES


def test_methods_room_names_and_notes_limit_are_the_servers(client: FlaskClient) -> None:
    body = catalog(client)
    assert sorted(body["event_methods"]) == sorted(METHODS)
    assert body["viewer_notes_max_chars"] == MAX_NOTES_CHARS
    pattern = re.compile(body["room_name_pattern"])
    for name in ["alice_room", "a", "x" * 64, "Alice", "a-b", "x" * 65, ""]:
        assert bool(pattern.fullmatch(name)) == is_broadcaster(name), name
