"""The JWT attack list: each forged or wrong token is refused with the right reason."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time
from collections.abc import Callable, Iterator

import pytest
from flask import Flask
from flask.testing import FlaskClient
from joserfc.jwk import RSAKey

from server import create_app
from server.config import Config
from tests.auth.jwks_server import FakeTenant


@pytest.fixture
def tenant() -> Iterator[FakeTenant]:
    with FakeTenant() as fake:
        yield fake


@pytest.fixture
def tenant_app(tenant: FakeTenant, make_config: Callable[..., Config]) -> Flask:
    return create_app(make_config(AUTH_ISSUER=tenant.issuer, AUTH0_AUDIENCE=tenant.audience))


@pytest.fixture
def call(tenant_app: Flask) -> Callable[[str], tuple[int, dict]]:
    client: FlaskClient = tenant_app.test_client()

    def get_me(token: str) -> tuple[int, dict]:
        response = client.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"})
        return response.status_code, response.get_json()

    return get_me


def b64(data: bytes | dict) -> str:
    raw = json.dumps(data).encode() if isinstance(data, dict) else data
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def unsigned(header: dict, claims: dict) -> str:
    return f"{b64(header)}.{b64(claims)}."


def test_valid_token_is_accepted(tenant: FakeTenant, call) -> None:
    status, body = call(tenant.token())
    assert status == 200
    assert body["account"]["sub"] == "auth0|alice"


def test_audience_as_plain_string_is_accepted(tenant: FakeTenant, call) -> None:
    assert call(tenant.token(aud=tenant.audience))[0] == 200


@pytest.mark.parametrize("alg", ["none", "None", "NONE", "nOnE"])
def test_alg_none_is_refused(tenant: FakeTenant, call, alg: str) -> None:
    token = unsigned({"alg": alg, "typ": "JWT", "kid": tenant.keys[0].kid}, tenant.claims())
    status, body = call(token)
    assert status == 401
    assert body["code"] in ("unsupported_algorithm", "token_malformed")
    token_with_sig = token + "c2ln"
    assert call(token_with_sig)[1]["code"] == "unsupported_algorithm"


def test_hs256_signed_with_public_key_is_refused(tenant: FakeTenant, call) -> None:
    public_pem = tenant.keys[0].as_pem(private=False)
    header = {"alg": "HS256", "typ": "JWT", "kid": tenant.keys[0].kid}
    signing_input = f"{b64(header)}.{b64(tenant.claims())}"
    signature = hmac.new(public_pem, signing_input.encode(), hashlib.sha256).digest()
    status, body = call(f"{signing_input}.{b64(signature)}")
    assert (status, body["code"]) == (401, "unsupported_algorithm")


def test_unknown_kid_refreshes_jwks_exactly_once(tenant: FakeTenant, call) -> None:
    assert call(tenant.token())[0] == 200
    before = tenant.fetches
    stranger = RSAKey.generate_key(2048, auto_kid=True)
    status, body = call(tenant.token(key=stranger))
    assert (status, body["code"]) == (401, "unknown_key")
    assert tenant.fetches == before + 1
    assert call(tenant.token(key=stranger))[1]["code"] == "unknown_key"
    assert tenant.fetches == before + 1, "a repeated unknown kid must not refetch the JWKS"


def test_rotated_key_is_picked_up_by_the_refresh(
    tenant: FakeTenant, tenant_app: Flask, call
) -> None:
    assert call(tenant.token())[0] == 200
    new_key = RSAKey.generate_key(2048, parameters={"use": "sig"}, auto_kid=True)
    tenant.keys.append(new_key)
    assert call(tenant.token(key=new_key))[0] == 200


@pytest.mark.parametrize("name", ["jku", "x5u", "jwk"])
def test_key_reference_headers_are_refused(tenant: FakeTenant, call, name: str) -> None:
    value = tenant.keys[0].as_dict(private=False) if name == "jwk" else "http://evil.test/keys"
    status, body = call(tenant.token(header={name: value}))
    assert (status, body["code"]) == (401, "forbidden_header")


def test_expired_token_is_refused(tenant: FakeTenant, call) -> None:
    past = int(time.time()) - 3600
    status, body = call(tenant.token(iat=past - 600, exp=past))
    assert (status, body["code"]) == (401, "token_expired")
    assert "expired" in body["message"]


def test_not_yet_valid_token_is_refused(tenant: FakeTenant, call) -> None:
    status, body = call(tenant.token(nbf=int(time.time()) + 3600))
    assert (status, body["code"]) == (401, "token_not_yet_valid")


def test_token_within_leeway_is_accepted(tenant: FakeTenant, call) -> None:
    assert call(tenant.token(exp=int(time.time()) - 5))[0] == 200


def test_missing_exp_is_refused(tenant: FakeTenant, call) -> None:
    status, body = call(tenant.token(exp=None))
    assert (status, body["code"]) == (401, "missing_claim")


def test_wrong_issuer_is_refused(tenant: FakeTenant, call) -> None:
    status, body = call(tenant.token(iss="https://evil.auth0.com/"))
    assert (status, body["code"]) == (401, "invalid_issuer")


def test_issuer_without_trailing_slash_is_refused(tenant: FakeTenant, call) -> None:
    status, body = call(tenant.token(iss=tenant.issuer.rstrip("/")))
    assert (status, body["code"]) == (401, "invalid_issuer")


def test_wrong_audience_is_refused(tenant: FakeTenant, call) -> None:
    status, body = call(tenant.token(aud=["https://other.api"]))
    assert (status, body["code"]) == (401, "invalid_audience")


def test_stripped_signature_is_refused(tenant: FakeTenant, call) -> None:
    header, payload, _ = tenant.token().split(".")
    status, body = call(f"{header}.{payload}.")
    assert (status, body["code"]) == (401, "token_malformed")


def test_tampered_payload_is_refused(tenant: FakeTenant, call) -> None:
    header, _, signature = tenant.token().split(".")
    forged = b64(tenant.claims(sub="auth0|mallory"))
    status, body = call(f"{header}.{forged}.{signature}")
    assert (status, body["code"]) == (401, "invalid_signature")


def test_token_from_another_tenant_is_refused(tenant: FakeTenant, call) -> None:
    with FakeTenant(audience=tenant.audience) as other:
        status, body = call(other.token(iss=tenant.issuer))
    assert (status, body["code"]) == (401, "unknown_key")


def test_error_body_leaks_no_internals(tenant: FakeTenant, call) -> None:
    status, body = call("not-a-jwt")
    assert status == 401
    assert set(body) == {"code", "message", "details", "request_id"}
    assert "Traceback" not in body["message"]


@pytest.mark.parametrize(
    "header_value,code",
    [
        ("", "token_missing"),
        ("Bearer", "token_malformed"),
        ("Basic dXNlcjpwYXNz", "token_malformed"),
        ("Bearer a.b", "token_malformed"),
        ("Bearer !!!.???.***", "token_malformed"),
    ],
)
def test_garbled_authorization_headers(client: FlaskClient, header_value: str, code: str) -> None:
    response = client.get("/api/v1/me", headers={"Authorization": header_value})
    assert response.status_code == 401
    assert response.get_json()["code"] == code


def test_dev_issuer_token_is_verified_like_auth0(client: FlaskClient, token_for) -> None:
    response = client.get("/api/v1/me", headers={"Authorization": f"Bearer {token_for('bob')}"})
    assert response.status_code == 200
    jwks = client.get("/.well-known/jwks.json").get_json()
    assert jwks["keys"][0]["kty"] == "RSA" and "d" not in jwks["keys"][0]


def test_a_cached_token_still_expires(tenant: FakeTenant, tenant_app: Flask, call) -> None:
    token = tenant.token(exp=int(time.time()) + 60)
    assert call(token)[0] == 200
    verifier = tenant_app.extensions["webcammer"].verifier
    verifier.clock = lambda: time.time() + 3600
    status, body = call(token)
    assert (status, body["code"]) == (401, "token_expired")
