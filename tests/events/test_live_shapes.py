"""Every Events API shape the peers (cb-events, chaturbate-poller) accept is stored, as the
poller hands it over (the feed's room stamped in); only the unstorable ones are refused."""

from __future__ import annotations

from typing import Any

import pytest

from server.events.schema import parse_batch
from server.ingest.chaturbate.pages import stamp_broadcaster
from tests.adapters.helpers import NOW
from tests.events.live_fixtures import PAGES, ROOM, UNSTORABLE_BY_SCHEMA, page


def parsed(name: str) -> tuple[list[Any], dict[int, str], list[Any]]:
    """(events by index or None, {refused index: code}, raw events) of a fixture page."""
    raw = [stamp_broadcaster(item, ROOM) for item in page(name)["events"]]
    events, errors = parse_batch(raw, received_at=NOW)
    codes = {error["index"]: error["code"] for error in errors}
    kept = iter(events)
    return [None if i in codes else next(kept) for i in range(len(raw))], codes, raw


@pytest.mark.parametrize("name", PAGES)
def test_each_page_parses_whole_and_refuses_only_the_unstorable(name: str) -> None:
    _, codes, raw = parsed(name)
    assert set(codes) == UNSTORABLE_BY_SCHEMA.get(name, set())
    assert len(raw) > 0


def test_live_user_flags_are_kept_as_sent() -> None:
    events, _, raw = parsed("live_user_fields")
    for event, item in zip(events, raw, strict=True):
        sent = {k: v for k, v in item["object"]["user"].items() if v is not None and v != ""}
        assert event.user == sent


def test_open_user_values_are_kept_and_null_ones_absent() -> None:
    events, _, raw = parsed("open_enum_values")
    assert events[0].user["gender"] == raw[0]["object"]["user"]["gender"]
    assert events[1].user["recentTips"] == raw[1]["object"]["user"]["recentTips"]
    assert "gender" not in events[5].user and "recentTips" not in events[5].user


def test_media_ids_and_types_are_kept_as_sent() -> None:
    events, _, raw = parsed("media_variants")
    for event, item in zip(events, raw, strict=True):
        assert event.media == item["object"]["media"]


def test_scalars_sent_as_strings_are_coerced() -> None:
    events, _, _ = parsed("coercible_scalars")
    assert [e.tokens for e in events[:4]] == [25, 25, 30, 30]
    assert events[2].tip["isAnon"] is False and events[3].tip["isAnon"] is False
    assert events[4].user["inFanclub"] is True and events[4].user["isMod"] is True
    assert events[5].media["tokens"] == 25 and events[5].media["id"] == "48220"


def test_an_empty_or_missing_broadcaster_is_the_feeds_room() -> None:
    events, codes, _ = parsed("envelope_variants")
    assert codes == {} and {e.broadcaster for e in events} == {ROOM}


def test_a_user_without_username_is_dropped_not_the_event() -> None:
    events, _, _ = parsed("user_absent_or_partial")
    assert events[7].method == "userEnter" and events[7].user is None
    assert events[3].user == {"username": events[3].user["username"]}


def test_message_background_colour_is_kept() -> None:
    events, _, raw = parsed("message_variants")
    assert events[1].message["bgColor"] == raw[1]["object"]["message"]["bgColor"]
    assert "bgColor" not in events[0].message  # null is absent


def test_tips_default_is_anon_to_false_and_keep_the_note_raw() -> None:
    events, _, raw = parsed("tip_variants")
    assert all(e.tip["isAnon"] in (True, False) for e in events)
    assert events[3].tip == {"tokens": raw[3]["object"]["tip"]["tokens"], "isAnon": False}
    assert events[0].tip["message"] == raw[0]["object"]["tip"]["message"]  # "| " kept


def test_a_testbed_recording_is_stored_whole() -> None:
    events, codes, raw = parsed("testbed_session")
    assert codes == {}
    assert [e.id for e in events] == [item["id"] for item in raw]
    anon = [e for e in events if e.tip and e.tip["isAnon"]]
    assert len(anon) == 2 and all(e.user["username"] for e in anon)  # hidden by the display
    assert events[8].method == "roomSubjectChange" and events[8].user is None


def test_the_documented_minimal_user_is_stored_whole() -> None:
    events, codes, _ = parsed("documented_minimal_user")
    assert codes == {}
    assert events[0].media == {"id": 2, "name": "photoset2", "type": "photos", "tokens": 25}
    assert events[2].tokens == 1 and events[2].user["recentTips"] == "few"
    assert events[3].text == "" and events[3].message["bgColor"] == "#ffffff"


def test_the_nul_character_is_stored() -> None:
    events, _, raw = parsed("unicode_and_long_text")
    assert events[10].text == raw[10]["object"]["message"]["message"]
    assert "\x00" in events[10].text
