"""The French around the screens: the app's title, the footer's key names, the title's footer at
80 columns, "label : text" with a no-break space that lines never break at."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator

import pytest
from rich.console import Console
from rich.text import Text
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

from game import i18n
from game.tui.labels import cause_text, change_kind, labelled
from game.tui.replay.app import ReplayApp
from tests.tui.conftest import new_app, settle


@pytest.fixture
def french() -> Iterator[None]:
    i18n.set_language("fr")
    yield
    i18n.set_language("en")


def footer_keys(app) -> dict[str, FooterKey]:
    """The footer's keys by their description, as drawn."""
    return {
        str(key.description): key
        for footer in app.screen.query(Footer)
        for key in footer.query(FooterKey)
        if not key.has_class("-command-palette")
    }


def test_the_window_title_is_in_french_from_the_start(french: None) -> None:
    # A screenshot and the terminal's window title read app.title before the app mounts.
    assert new_app().title == "MINUSMA\u00a0: protection des civils"
    assert ReplayApp("unused.json").title == "Relecture MINUSMA"  # every SafeApp's own title
    i18n.set_language("en")
    assert new_app().title == "MINUSMA: Protection of Civilians"


def test_the_title_follows_the_language_switch() -> None:
    async def run() -> list[str]:
        app = new_app()
        titles = []
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            titles.append(app.title)
            await pilot.press("f2")
            await settle(pilot)
            titles.append(app.title)
        return titles

    try:
        english, french = "MINUSMA: Protection of Civilians", "MINUSMA\u00a0: protection des civils"
        assert asyncio.run(run()) == [english, french]
    finally:
        i18n.set_language("en")


async def _new_game_key_names(size: tuple[int, int]) -> dict[str, str]:
    app = new_app()
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        return {name: key.key_display for name, key in footer_keys(app).items()}


def test_the_footer_names_keys_in_french(french: None) -> None:
    keys = asyncio.run(_new_game_key_names((100, 30)))
    assert keys["Retour"] == "Échap"  # escape
    assert keys["Commencer"] == "^s"  # Textual's caret stays
    assert keys["Règles"] == "f1"


def test_the_footer_keeps_textuals_key_names_in_english() -> None:
    keys = asyncio.run(_new_game_key_names((100, 30)))
    assert keys["Back"] == "esc"


def test_key_names_and_modifiers_read_in_french(french: None) -> None:
    from textual.binding import Binding

    app = new_app()
    for key, expected in (
        ("space", "espace"),
        ("enter", "Entrée"),
        ("shift+tab", "Maj+Tab"),
        ("ctrl+home", "^Début"),
        ("delete", "Suppr"),
        ("1", "1"),
    ):
        assert app.get_key_display(Binding(key, "noop")) == expected, key
    assert app.get_key_display(Binding("1", "noop", key_display="1-4")) == "1-4"


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_title_footer_shows_rules_and_glossary_whole_at_80_columns(language: str) -> None:
    async def run() -> None:
        app = new_app()
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            keys = footer_keys(app)
            palette = next(key for key in app.screen.query(FooterKey) if key.has_class("-command-palette"))
            for name in (i18n._("Rules"), i18n._("Glossary"), i18n._("New game")):
                assert keys[name].region.right <= palette.region.x, name  # drawn whole, left of the palette
                assert keys[name].region.width >= len(name) + 2

    i18n.set_language(language)
    try:
        asyncio.run(run())
    finally:
        i18n.set_language("en")


@pytest.mark.parametrize("size", [(80, 24), (100, 30)])
def test_the_map_footer_shows_the_rules_and_glossary_keys_whole_in_french(
    french: None, size: tuple[int, int]
) -> None:
    from tests.tui.test_snapshots import main_map

    async def run() -> None:
        app = new_app()
        async with app.run_test(size=size) as pilot:
            await main_map(pilot)
            keys = footer_keys(app)
            palette = next(key for key in app.screen.query(FooterKey) if key.has_class("-command-palette"))
            assert not palette.display  # under 110 columns the map gives the palette hint's room to the keys
            for name in ("Règles", "Glossaire"):
                assert keys[name].region.right <= size[0], name
                assert keys[name].region.width >= len(name) + 2, name

    asyncio.run(run())


def test_a_label_takes_a_no_break_space_before_its_colon_in_french(french: None) -> None:
    assert labelled("Chef de la communication stratégique", "la démentir") == (
        "Chef de la communication stratégique\u00a0: la démentir"
    )
    assert labelled("crédibilité") == "crédibilité\u00a0: "
    i18n.set_language("en")
    assert labelled("Chief of Strategic Communications", "deny") == "Chief of Strategic Communications: deny"


def test_lines_never_break_at_a_no_break_space() -> None:
    import game.tui.safe_app  # noqa: F401  (patches the wrapping when the screens load)

    console = Console(width=30)
    for space in ("\u00a0", "\u202f"):
        with console.capture() as capture:
            console.print(Text(f"Ordres en attente de ce poste{space}: 1  (w{space}: retirer)"))
        lines = capture.get().splitlines()
        assert not any(line.lstrip().startswith(":") for line in lines), lines
    with console.capture() as capture:
        console.print(Text("aaaa bbbb cccc dddd eeee ffff gggg hhhh"))
    lines = [line.rstrip() for line in capture.get().splitlines()]
    assert lines == ["aaaa bbbb cccc dddd eeee ffff", "gggg hhhh"]  # other spaces still break


def test_the_bots_priorities_read_in_french(french: None) -> None:
    line = i18n.recorded(
        "P1 exploit: 3 civilians died in Mopti last turn (1 blamed on the mission or its partners)"
    )
    assert line.startswith("P1 exploiter\u00a0: ") and "Mopti" in line and "died" not in line
    assert i18n.recorded("P4 roads: something").startswith("P4 routes\u00a0: ")


def test_what_a_change_counts_agrees_with_its_count(french: None) -> None:
    assert change_kind("civilians_killed", 1) == "civil tué"
    assert change_kind("civilians_killed", -3) == "civils tués"
    assert change_kind("host_forces_killed", 1) == "soldat de l'État hôte tué"
    assert change_kind("peacekeepers_wounded", 2) == "Casques bleus blessés"
    assert change_kind("credibility", 1) == "crédibilité"


def test_the_armed_groups_move_as_a_cause_reads_as_french(french: None) -> None:
    from types import SimpleNamespace

    cause = SimpleNamespace(kind="adversary", ref="civilians", detail="")
    # not "groupes armés attaque contre des civils", a noun put before another the English way
    assert cause_text(None, cause) == "groupes armés, attaque contre des civils"


@pytest.mark.parametrize(("language", "key", "other"), [("fr", "o", "y"), ("en", "y", "o")])
def test_the_yes_button_shows_the_languages_key_and_both_keys_answer_yes(
    language: str, key: str, other: str
) -> None:
    from textual.app import App
    from textual.widgets import Button

    from game.tui.dialogs.confirm import ConfirmDialog

    answers: list[bool] = []

    async def run() -> None:
        app: App[None] = App()
        async with app.run_test() as pilot:
            for press in (key, other):
                app.push_screen(ConfirmDialog(i18n._("Leave this game?")), answers.append)
                await pilot.pause()
                assert str(app.screen.query_one("#yes", Button).label).endswith(f"({key})")
                await pilot.press(press)
                await pilot.pause()

    i18n.set_language(language)
    try:
        asyncio.run(run())
    finally:
        i18n.set_language("en")
    assert answers == [True, True]
