"""F1 shows the rulebook in the game's language: rules.fr.md in French, rules.md in English."""

from __future__ import annotations

import asyncio

import pytest
from textual.widgets import MarkdownViewer

from game import i18n
from game.tui.screens.help import HelpScreen, rules_path
from tests.tui.conftest import new_app, settle


@pytest.fixture(autouse=True)
def _english_after() -> object:
    yield
    i18n.set_language("en")


async def _rulebook_shown_by_f1() -> str:
    app = new_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("f1")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        return app.screen.query_one(MarkdownViewer).document.source


@pytest.mark.parametrize(
    ("language", "title"),
    [
        ("fr", "# MINUSMA\u00a0: protection des civils — la règle du jeu"),
        ("en", "# MINUSMA: Protection of Civilians"),
    ],
)
def test_f1_shows_the_rulebook_in_the_games_language(language: str, title: str) -> None:
    i18n.set_language(language)
    shown = asyncio.run(_rulebook_shown_by_f1())
    assert shown.startswith(title)
    assert "## 13. Calibrage" in shown if language == "fr" else "## 13. Calibration" in shown


def test_a_language_without_its_own_rulebook_falls_back_to_english() -> None:
    french, other = rules_path("fr"), rules_path("de")
    assert french is not None and french.name in ("rules.fr.md", "_rules.fr.md")
    assert other is not None and other.name in ("rules.md", "_rules.md")
