"""Tip-menu matching: exact price by default, optionally the dearest item below."""

from __future__ import annotations

from server.services.rooms.menu import MenuItem, match_item, menu_report

MENU = [MenuItem("flash", 50), MenuItem("dance", 100), MenuItem("song", 100), MenuItem("pm", 25)]


def test_an_exact_price_buys_the_first_item_listed_at_that_price() -> None:
    assert match_item(MENU, 100) == MenuItem("dance", 100)


def test_without_nearest_below_a_price_off_the_menu_buys_nothing() -> None:
    assert match_item(MENU, 99) is None


def test_nearest_below_buys_the_dearest_affordable_item() -> None:
    assert match_item(MENU, 99, nearest_below=True) == MenuItem("flash", 50)
    assert match_item(MENU, 1000, nearest_below=True) == MenuItem("dance", 100)


def test_nearest_below_still_prefers_an_exact_price() -> None:
    assert match_item(MENU, 25, nearest_below=True) == MenuItem("pm", 25)


def test_a_tip_below_the_cheapest_item_buys_nothing_even_with_nearest_below() -> None:
    assert match_item(MENU, 10, nearest_below=True) is None


def test_an_empty_menu_matches_nothing() -> None:
    assert match_item([], 50, nearest_below=True) is None


def test_the_report_counts_items_and_unmatched_tips_with_their_tokens() -> None:
    report = menu_report(MENU, [50, 50, 100, 7, 25])
    assert report["items"] == [
        {"name": "flash", "price": 50, "count": 2, "tokens": 100},
        {"name": "dance", "price": 100, "count": 1, "tokens": 100},
        {"name": "song", "price": 100, "count": 0, "tokens": 0},
        {"name": "pm", "price": 25, "count": 1, "tokens": 25},
    ]
    assert report["unmatched"] == {"count": 1, "tokens": 7}


def test_the_report_with_nearest_below_books_the_full_tip_on_the_item() -> None:
    report = menu_report(MENU, [60], nearest_below=True)
    assert report["items"][0] == {"name": "flash", "price": 50, "count": 1, "tokens": 60}
