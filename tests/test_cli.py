"""CLI: dev tokens with an operator-set tier work against the API."""

from __future__ import annotations

from flask.testing import FlaskClient


def test_dev_token_sets_tier_and_links_a_room(runner, client: FlaskClient) -> None:
    result = runner.invoke(
        args=["dev-token", "--sub", "alice", "--tier", "pro", "--link", "alice_room"]
    )
    assert result.exit_code == 0, result.output
    token = result.output.strip().splitlines()[-1]
    body = client.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"}).get_json()
    assert body["account"]["tier"] == "pro"
    assert body["account"]["broadcasters"] == ["alice_room"]


def test_set_tier_command(runner, client: FlaskClient, auth) -> None:
    assert runner.invoke(args=["account", "set-tier", "bob", "studio"]).exit_code == 0
    assert client.get("/api/v1/me", headers=auth("bob")).get_json()["account"]["tier"] == "studio"


def test_dev_token_is_refused_without_the_dev_issuer(make_config) -> None:
    from server import create_app

    app = create_app(make_config(AUTH0_DOMAIN="tenant.example.com"))
    result = app.test_cli_runner().invoke(args=["dev-token", "--sub", "x"])
    assert result.exit_code != 0
    assert "dev issuer is off" in result.output


def test_translations_purge_deletes_only_expired_rows(app, runner) -> None:
    from datetime import UTC, datetime, timedelta

    from server.models import TranslationCache

    now = datetime.now(UTC)
    with app.app_context():
        session = app.extensions["webcammer"].db.session
        for key, expires in (("old", now - timedelta(seconds=1)), ("new", now + timedelta(days=1))):
            session.add(
                TranslationCache(key=key, translated="hola", source="en", expires_at=expires)
            )
        session.commit()
    result = runner.invoke(args=["translations", "purge"])
    assert result.exit_code == 0, result.output
    assert "deleted 1 expired translations" in result.output
    with app.app_context():
        keys = [row.key for row in app.extensions["webcammer"].db.session.query(TranslationCache)]
    assert keys == ["new"]


def test_cli_errors_are_one_line_not_a_traceback(runner) -> None:
    assert (
        runner.invoke(args=["dev-token", "--sub", "alice", "--link", "shared_room"]).exit_code == 0
    )
    result = runner.invoke(args=["dev-token", "--sub", "bob", "--link", "shared_room"])
    assert result.exit_code == 1
    assert "already linked to another account" in result.output
    assert "Traceback" not in result.output
    assert not isinstance(result.exception, Exception) or isinstance(result.exception, SystemExit)


def test_linking_the_same_room_again_is_idempotent(runner) -> None:
    for _ in range(2):
        result = runner.invoke(
            args=["dev-token", "--sub", "alice", "--tier", "pro", "--link", "demo_room"]
        )
        assert result.exit_code == 0, result.output
