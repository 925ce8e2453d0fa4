"""Bad input of every kind gets a 4xx in the one error shape, never a 500."""

from __future__ import annotations

import pytest
from flask.testing import FlaskClient

SHAPE = {"code", "message", "details", "request_id"}


def assert_error(response, status: int, code: str) -> None:
    assert response.status_code == status, response.get_data(as_text=True)
    body = response.get_json()
    assert set(body) == SHAPE
    assert body["code"] == code


def test_unknown_api_route_is_404_in_shape(client: FlaskClient) -> None:
    assert_error(client.get("/api/v1/no-such-thing"), 404, "not_found")


def test_unknown_site_route_is_404_in_shape(client: FlaskClient) -> None:
    assert_error(client.get("/no-such-page"), 404, "not_found")


def test_wrong_method_is_405_in_shape(client: FlaskClient) -> None:
    assert_error(client.delete("/api/v1/health"), 405, "method_not_allowed")


def test_malformed_json_is_400(client: FlaskClient, auth) -> None:
    response = client.patch(
        "/api/v1/me", data="{not json", headers={**auth("a"), "Content-Type": "application/json"}
    )
    assert_error(response, 400, "malformed_json")


@pytest.mark.parametrize("payload", ["[1, 2]", '"text"', "42", "null"])
def test_non_object_json_is_400(client: FlaskClient, auth, payload: str) -> None:
    response = client.patch(
        "/api/v1/me", data=payload, headers={**auth("a"), "Content-Type": "application/json"}
    )
    assert_error(response, 400, "malformed_json")


def test_wrong_content_type_is_415(client: FlaskClient, auth) -> None:
    response = client.patch(
        "/api/v1/me", data="language=de", headers={**auth("a"), "Content-Type": "text/plain"}
    )
    assert_error(response, 415, "unsupported_media_type")


def test_wrong_types_are_400_with_field_details(client: FlaskClient, auth) -> None:
    response = client.patch(
        "/api/v1/me", json={"privacy": {"store_chat_text": "maybe"}}, headers=auth("a")
    )
    assert_error(response, 400, "validation_error")
    assert response.get_json()["details"][0]["field"] == "privacy.store_chat_text"


@pytest.mark.parametrize(
    "field", ["tier", "id", "stripe_customer_id", "usage", "sub", "subscription_status"]
)
def test_mass_assignment_is_refused(client: FlaskClient, auth, field: str) -> None:
    response = client.patch("/api/v1/me", json={field: "studio"}, headers=auth("a"))
    assert_error(response, 400, "validation_error")
    assert client.get("/api/v1/me", headers=auth("a")).get_json()["account"]["tier"] == "free"


def test_oversize_body_is_413(client: FlaskClient, auth) -> None:
    big = '{"language": "' + "x" * 2_000_000 + '"}'
    response = client.patch(
        "/api/v1/me", data=big, headers={**auth("a"), "Content-Type": "application/json"}
    )
    assert_error(response, 413, "payload_too_large")


def test_unauthenticated_request_is_401(client: FlaskClient) -> None:
    assert_error(client.get("/api/v1/me"), 401, "token_missing")


def test_swagger_ui_and_openapi_json_are_served(client: FlaskClient) -> None:
    assert client.get("/api/v1/docs").status_code == 200
    spec = client.get("/api/v1/swagger.json").get_json()
    assert "/me" in spec["paths"] and "/health" in spec["paths"]


def test_an_expected_503_logs_one_line_and_a_real_bug_keeps_its_traceback(
    app, client: FlaskClient, auth, caplog
) -> None:
    caplog.set_level("WARNING")
    off = client.get("/api/v1/subscription", headers=auth("alice"))  # billing is off in tests
    assert_error(off, 503, "billing_not_configured")
    lines = [r for r in caplog.records if r.levelname in ("WARNING", "ERROR")]
    assert [(r.levelname, r.exc_info) for r in lines] == [("WARNING", None)]
    assert "GET /api/v1/subscription answered 503 billing_not_configured" in lines[0].getMessage()

    caplog.clear()
    bug = KeyError("a bug")
    with app.test_request_context("/api/v1/anything"):
        app.log_exception((KeyError, bug, bug.__traceback__))
    (logged,) = [r for r in caplog.records if r.levelname == "ERROR"]
    assert logged.exc_info is not None and logged.exc_info[1] is bug
