"""Overlay look options: the server checks every value (400 naming the field), stores them in one
spelling, and serves the choices in the catalog for the panel and the overlay page."""

from __future__ import annotations

import pytest
from flask.testing import FlaskClient

from server.services.rooms import overlay_look as look
from server.services.rooms.overlays import OVERLAY_KINDS

ROOM = "/api/v1/rooms/look_room"


@pytest.fixture
def alice(client: FlaskClient, auth) -> dict[str, str]:
    headers = auth("alice")
    linked = client.post(
        "/api/v1/me/broadcasters", json={"broadcaster": "look_room"}, headers=headers
    )
    assert linked.status_code == 201
    return headers


def made_overlay(client: FlaskClient, headers: dict[str, str], kind: str = "alerts") -> dict:
    response = client.post(f"{ROOM}/overlays", json={"kind": kind}, headers=headers)
    assert response.status_code == 201, response.get_json()
    return response.get_json()


@pytest.mark.parametrize(
    ("options", "field"),
    [({"color": "red"}, "options.color"),
     ({"text": "#12345"}, "options.text"),
     ({"size": 9}, "options.size"),
     ({"size": 121}, "options.size"),
     ({"size": "24"}, "options.size"),
     ({"font": "Papyrus"}, "options.font"),
     ({"layout": "diagonal"}, "options.layout"),
     ({"sound": "yes"}, "options.sound"),
     ({"sparkles": True}, "options.sparkles")],
)  # fmt: skip
def test_a_bad_look_value_gets_400_naming_the_option(client, alice, options, field) -> None:
    overlay = made_overlay(client, alice)
    patched = client.patch(
        f"{ROOM}/overlays/{overlay['id']}", json={"options": options}, headers=alice
    )
    body = patched.get_json()
    assert patched.status_code == 400 and body["code"] == "validation_error"
    assert [problem["field"] for problem in body["details"]] == [field]
    created = client.post(
        f"{ROOM}/overlays", json={"kind": "goal", "options": options}, headers=alice
    )
    assert created.status_code == 400


def test_a_good_look_is_stored_in_one_spelling_and_reaches_the_overlay(client, alice) -> None:
    overlay = made_overlay(client, alice)
    options = {"color": "FF00AA", "text": "#FFF", "font": " Times  New Roman ", "size": 32,
               "layout": "vertical", "sound": True}  # fmt: skip
    patched = client.patch(
        f"{ROOM}/overlays/{overlay['id']}", json={"options": options}, headers=alice
    )
    assert patched.status_code == 200
    saved = {"color": "#ff00aa", "text": "#fff", "font": "times new roman", "size": 32,
             "layout": "vertical", "sound": True}  # fmt: skip
    assert patched.get_json()["options"] == saved
    state = client.get("/api/v1/overlay/state", headers={"X-Overlay-Key": overlay["key"]})
    assert state.get_json()["options"] == saved


def test_patching_the_look_replaces_it_and_leaves_unset_options_out(client, alice) -> None:
    overlay = made_overlay(client, alice)
    path = f"{ROOM}/overlays/{overlay['id']}"
    client.patch(path, json={"options": {"size": 40, "sound": True}}, headers=alice)
    patched = client.patch(path, json={"options": {"color": "#000"}}, headers=alice)
    assert patched.get_json()["options"] == {"color": "#000"}
    cleared = client.patch(path, json={"options": {}}, headers=alice)
    assert cleared.get_json()["options"] == {}


def test_the_catalog_serves_the_look_choices(client) -> None:
    served = client.get("/api/v1/catalog").get_json()["overlay_look"]
    assert served["fonts"] == list(look.FONTS) and served["layouts"] == list(look.LAYOUTS)
    assert (served["size_min"], served["size_max"]) == (look.SIZE_MIN, look.SIZE_MAX)
    assert served["defaults"] == look.DEFAULT_LOOK
    assert set(served["by_kind"]) == set(OVERLAY_KINDS)
    assert served["by_kind"]["alerts"] == ["color", "text", "font", "size", "sound"]
    assert all(set(names) <= set(look.OPTION_NAMES) for names in served["by_kind"].values())
