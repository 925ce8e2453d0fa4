"""GET /api/v1/auth/config tells a client how to sign in, publicly and without secrets."""

from __future__ import annotations

from flask.testing import FlaskClient


def test_dev_issuer_is_announced_with_dev_sign_in(client: FlaskClient) -> None:
    response = client.get("/api/v1/auth/config")
    assert response.status_code == 200
    body = response.get_json()
    assert body["mode"] == "dev"
    assert body["dev_sign_in"] is True
    assert body["auth0"] is None
    assert body["issuer"] == "http://127.0.0.1:5999/"


def test_auth0_settings_come_from_the_server(make_config) -> None:
    from server import create_app

    app = create_app(
        make_config(
            AUTH0_DOMAIN="tenant.eu.auth0.com",
            AUTH0_AUDIENCE="https://api.example.com",
            AUTH0_CLIENT_ID="public-client-id",
        )
    )
    body = app.test_client().get("/api/v1/auth/config").get_json()
    assert body == {
        "mode": "auth0",
        "issuer": "https://tenant.eu.auth0.com/",
        "audience": "https://api.example.com",
        "dev_sign_in": False,
        "auth0": {
            "domain": "tenant.eu.auth0.com",
            "client_id": "public-client-id",
            "audience": "https://api.example.com",
        },
    }
    assert (
        "/api/v1/dev/token" not in app.test_client().get("/api/v1/swagger.json").get_json()["paths"]
    )
