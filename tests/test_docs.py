"""The docs a newcomer reads: a short README, links that resolve, a tier table that is current."""

from __future__ import annotations

import re
from pathlib import Path

from server import tier_table
from server.tiers import ROOM_LIMITS, TIERS

ROOT = Path(__file__).resolve().parents[1]
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
LINK = re.compile(r"\]\(([^)#\s]+)(?:#[^)]*)?\)")


def test_the_readme_fits_on_a_few_screens() -> None:
    assert len((ROOT / "README.md").read_text(encoding="utf-8").splitlines()) <= 150


def test_every_relative_link_resolves() -> None:
    broken = [
        f"{page.relative_to(ROOT)} -> {target}"
        for page in PAGES
        for target in LINK.findall(page.read_text(encoding="utf-8"))
        if not target.startswith(("http://", "https://", "mailto:"))
        if not (page.parent / target).exists()
    ]
    assert broken == []


def test_every_limit_has_a_label_in_the_tier_table() -> None:
    names = {
        name
        for table in (TIERS, ROOM_LIMITS)
        for name in next(iter(table.values())).as_dict()
        if name != "name"
    }
    assert names == set(tier_table.LABELS)


def test_docs_tiers_md_is_generated_from_server_tiers() -> None:
    text = (ROOT / "docs" / "tiers.md").read_text(encoding="utf-8")
    current = text.split(tier_table.BEGIN, 1)[1].split(tier_table.END, 1)[0].strip()
    assert current == tier_table.render(), "run: python -m server.tier_table docs/tiers.md"
