"""Events API URL rules: the shape, the masked form, nextUrl origin checks, `?timeout=`."""

from __future__ import annotations

import pytest

from server.ingest.chaturbate.urls import (
    EventsUrlError,
    parse_events_url,
    redact,
    same_origin,
    with_timeout,
)
from tests.ingest.chaturbate.recorded import TOKEN

LIVE = f"https://eventsapi.chaturbate.com/events/Alice_Room/{TOKEN}/"


def test_a_live_url_is_parsed_and_its_broadcaster_lowercased() -> None:
    feed = parse_events_url(LIVE + "?timeout=30")
    assert feed.broadcaster == "alice_room"
    assert feed.url == LIVE  # canonical: no query
    assert feed.masked() == f"https://eventsapi.chaturbate.com/events/alice_room/****{TOKEN[-4:]}/"
    assert TOKEN not in feed.masked()


def test_local_urls_need_the_explicit_flag() -> None:
    local = f"http://127.0.0.1:8123/events/alice_room/{TOKEN}/"
    with pytest.raises(EventsUrlError):
        parse_events_url(local)
    assert parse_events_url(local, allow_local=True).origin == "http://127.0.0.1:8123"


def test_error_messages_never_contain_the_token() -> None:
    with pytest.raises(EventsUrlError) as info:
        parse_events_url(f"https://evil.example.com/events/alice_room/{TOKEN}/")
    assert TOKEN not in str(info.value)


@pytest.mark.parametrize(
    ("candidate", "allowed"),
    [
        (f"https://eventsapi.chaturbate.com/events/alice_room/{TOKEN}/?i=1-0&timeout=10", True),
        (f"https://eventsapi.chaturbate.com:443/events/alice_room/{TOKEN}/?i=1", True),
        (f"/events/alice_room/{TOKEN}/?i=1", True),  # relative: resolved on the same host
        (f"http://eventsapi.chaturbate.com/events/alice_room/{TOKEN}/?i=1", False),
        (f"https://events.testbed.cb.dev/events/alice_room/{TOKEN}/?i=1", False),
        (f"https://eventsapi.chaturbate.com.evil.io/events/alice_room/{TOKEN}/", False),
        (f"https://x@eventsapi.chaturbate.com/events/alice_room/{TOKEN}/", False),
        ("//evil.example.com/events/a/b/", False),
        (42, False),
        ("", False),
    ],
)
def test_next_url_must_stay_https_on_the_registered_host(candidate, allowed) -> None:
    assert (same_origin(candidate, parse_events_url(LIVE)) is not None) is allowed


def test_the_long_poll_timeout_replaces_the_apis() -> None:
    url = with_timeout(f"{LIVE}?i=1625274862454-0&timeout=10", 25)
    assert url == f"{LIVE}?i=1625274862454-0&timeout=25"


def test_redact_hides_tokens_in_paths() -> None:
    line = f'"GET /events/alice_room/{TOKEN}/?timeout=10 HTTP/1.1" 200 77'
    assert redact(line) == '"GET /events/alice_room/***/?timeout=10 HTTP/1.1" 200 77'
