"""The main screens in French (100×30 and 80×24), the title's language switch, key hints in French."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from typing import ClassVar

import pytest
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static
from textual.widgets._footer import FooterKey

from game import i18n
from game.i18n import N_
from game.record.settings import settings_path
from game.tui.safe_app import SafeApp
from tests.tui.conftest import new_app, settle
from tests.tui.test_snapshots import end_screen, event_card, main_map, playing, sitrep, title


@pytest.fixture
def french() -> Iterator[None]:
    i18n.set_language("fr")
    yield
    i18n.set_language("en")


async def new_game(pilot: Pilot) -> None:
    await settle(pilot)
    await pilot.press("n")
    await settle(pilot)


async def turn_results(pilot: Pilot) -> None:
    await playing(pilot)
    await pilot.press("c", "y", "a")
    await settle(pilot)


SCREENS = {
    "title": title,
    "new_game": new_game,
    "play": main_map,
    "card": event_card,
    "results": turn_results,
    "sitrep": sitrep,
    "end": end_screen,
}
CASES = [(screen, (100, 30)) for screen in SCREENS] + [("play", (80, 24)), ("title", (80, 24))]


@pytest.mark.parametrize(("screen", "size"), CASES, ids=[f"{s}-{w}x{h}" for s, (w, h) in CASES])
def test_snapshot_in_french(french: None, snap_compare, screen: str, size: tuple[int, int]) -> None:
    assert snap_compare(new_app(), terminal_size=size, run_before=SCREENS[screen])


def footer_words(pilot: Pilot) -> set[str]:
    return {
        str(key.description) for footer in pilot.app.screen.query(Footer) for key in footer.query(FooterKey)
    }


def test_the_title_screen_switches_to_french_at_once_and_remembers_it() -> None:
    asyncio.run(switch_back_and_forth())


async def switch_back_and_forth() -> None:
    app = new_app()
    try:
        async with app.run_test(size=(100, 30)) as pilot:
            await settle(pilot)
            assert "New game" in footer_words(pilot)
            await pilot.press("f2")
            await settle(pilot)
            assert i18n.language() == "fr"
            menu = app.screen.query_one(OptionList)
            prompts = [str(menu.get_option_at_index(n).prompt) for n in range(menu.option_count)]
            assert prompts[0] == "Nouvelle partie" and "English" in prompts
            assert "Protection des civils au Mali" in str(app.screen.query_one("#tagline", Static).content)
            assert {"Nouvelle partie", "Continuer", "Règles", "Glossaire", "English"} <= footer_words(pilot)
            assert json.loads(settings_path().read_text(encoding="utf-8"))["language"] == "fr"
            await pilot.press("n")  # a screen opened afterwards is in French too
            await settle(pilot)
            assert {"Commencer", "Retour"} <= footer_words(pilot)
            await pilot.press("escape")
            await settle(pilot)
            menu = app.screen.query_one(OptionList)
            assert menu.get_option_at_index(menu.option_count - 2).id == "language"
            menu.highlighted = menu.option_count - 2  # the menu's own switch goes back to English
            await pilot.press("enter")
            await settle(pilot)
            assert i18n.language() == "en"
            assert {"New game", "Continue", "Rules", "Glossary", "Français"} <= footer_words(pilot)
    finally:
        i18n.set_language("en")


def test_a_setting_that_cannot_be_saved_is_one_notification(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("game.record.settings.save_setting", lambda key, value: "the disk is full")
    asyncio.run(switch_without_saving())


async def switch_without_saving() -> None:
    app = new_app()
    try:
        async with app.run_test(size=(100, 30)) as pilot:
            await settle(pilot)
            await pilot.press("f2")
            await settle(pilot)
            notes = [(note.title, note.message) for note in app._notifications]
            assert notes == [("Langue non mémorisée", "the disk is full")]
            assert i18n.language() == "fr"  # the game goes on in French
    finally:
        i18n.set_language("en")


class Hinted(Static, can_focus=True):
    """A widget with a key of its own, mounted after its screen is shown."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("w", "noop", N_("Withdraw"))]


class HintScreen(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("x", "app.bell", N_("Close"))]

    def compose(self) -> ComposeResult:
        yield Footer()


class HintApp(SafeApp[None]):
    def on_mount(self) -> None:
        self.push_screen(HintScreen())


def test_any_app_shows_key_hints_marked_n_in_french_even_a_widget_mounted_later(french: None) -> None:
    async def scenario() -> None:
        app = HintApp()
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            assert "Fermer" in footer_words(pilot)
            widget = Hinted("later")
            await app.screen.mount(widget)
            widget.focus()
            await settle(pilot)
            assert {"Fermer", "Retirer"} <= footer_words(pilot)
            assert HintScreen.BINDINGS[0].description == "Close"  # the class keeps its English

    asyncio.run(scenario())
