"""The README says how to choose the language in English and in French, and both say the same things."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from game import i18n

README = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")


def _section(title: str) -> str:
    match = re.search(rf"^### {re.escape(title)}\n(.*?)(?=^##)", README, flags=re.M | re.S)
    assert match, f"README has no section {title!r}"
    return match.group(1)


@pytest.mark.parametrize("title", ["Choosing the language", "Jouer en français"])
def test_both_language_sections_give_every_way_to_choose_and_the_translators_commands(title: str) -> None:
    text = _section(title)
    for needed in (
        "--lang fr",
        f"{i18n.LANGUAGE_ENV}=fr uv run minusma",
        "F2",
        "settings.json",
        "LC_MESSAGES",
        "uv run python -m game.catalogs",
        "docs/glossaire.md",
        "rules.fr.md",
    ):
        assert needed in text, f"README's {title!r} does not say {needed!r}"


def test_the_glossary_the_readme_links_exists_and_holds_the_common_terms() -> None:
    glossary = (Path(__file__).parent.parent / "docs" / "glossaire.md").read_text(encoding="utf-8")
    for term in (
        "protection des civils",
        "RSSG",
        "commandant de la Force",
        "chef de la Police",
        "BOT",
        "UPC",
    ):
        assert term in glossary
