"""The replay viewer and the red cell's screens in French, at 80×24: French text, and it fits."""

from __future__ import annotations

import asyncio
import io
from pathlib import Path

import pytest
from rich.console import Console
from textual.widgets import DataTable, Label, Static, TabbedContent

from game import i18n
from game.bots.policies import POLICIES
from game.engine import Game
from game.engine.sides import RED
from game.record.saves import SaveMeta, save_to
from game.scenario.catalog import find_scenario
from game.tui.replay.app import ReplayApp
from game.tui.replay.screen import ReplayScreen
from game.tui.session import Session
from game.tui.widgets.mali_map import box_lines, region_marks
from game.tui.widgets.region_panel import RegionPanel
from game.tui.widgets.status_bar import StatusBar, status_text
from tests.tui.conftest import SEED, close_dialogs, new_app, settle

SIZE = (80, 24)
SOLO = dict.fromkeys(("srsg", "force_commander", "police_commissioner", "comms_chief"), "")


@pytest.fixture(autouse=True)
def _french() -> object:
    i18n.set_language("fr")
    yield
    i18n.set_language("en")


@pytest.fixture
def tutorial_save(tmp_path: Path) -> Path:
    """Three turns of the tutorial played by a policy, with a debrief note on turn 2."""
    game = Game.new(find_scenario("tutorial"), SEED)
    while len(game.state.history) < 3:
        POLICIES["poc-first-mtf-air"].play(game)
        game.end_turn()
    meta = SaveMeta(mode="solo", seats={"srsg": "Ana"}, notes={2: "Pourquoi Gao ?"})
    return save_to(tmp_path / "partie.json", game, meta)


def plain(text: str) -> str:
    """French puts a no-break space before ':' and '?': compare as plain spaces."""
    return text.replace("\xa0", " ")


def shown(renderable: object, width: int = SIZE[0]) -> str:
    console = Console(width=width, record=True, file=io.StringIO())
    console.print(renderable)
    return " ".join(console.export_text().split())  # the words, whatever the wrapping


def test_the_replay_viewer_speaks_french(tutorial_save: Path) -> None:
    async def scenario() -> dict[str, str]:
        app = ReplayApp(tutorial_save)
        seen: dict[str, str] = {}
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, ReplayScreen)
            seen["heading"] = shown(screen.query_one("#turn-heading", Static).content)
            seen["story"] = shown(screen.query_one("#story", Static).content)
            seen["tabs"] = " ".join(str(tab.label) for tab in screen.query("ContentTab"))
            seen["title"] = screen.title
            await pilot.press("2")
            await pilot.pause()
            table = screen.query_one("#changes", DataTable)
            seen["columns"] = " ".join(str(column.label) for column in table.columns.values())
            seen["detail"] = shown(screen.query_one("#change-detail", Static).content)
            await pilot.press("3")
            await pilot.pause()
            seen["map"] = shown(screen.query_one("#map-canvas", Static).content)
            await pilot.press("g", "backspace", "9", "enter")
            await pilot.pause()
            seen["jump"] = str(app.screen.query_one("#jump-problem", Label).content)
            await pilot.press("escape", "f")
            await pilot.pause()
            seen["fork"] = shown(app.screen.query_one(".question", Label).content)
            await pilot.press("escape")
            assert screen.query_one("#tabs", TabbedContent).active == "map"
        return seen

    seen = {key: plain(text) for key, text in asyncio.run(scenario()).items()}
    assert seen["heading"].startswith("Tour 1/3 · ") and "crédibilité nationale" in seen["heading"]
    assert "Casques bleus tués" in seen["heading"]
    for french in ("Tour 1 sur 3", "Événements", "Ordres", "Groupes armés", "Résultats", "Civils tués :"):
        assert french in seen["story"], french
    assert seen["tabs"] == "Tour Variations Carte Graphiques"
    assert seen["title"].startswith("Relecture : ")
    assert seen["columns"] == "phase variation quoi où résumé"
    assert "crédibilité après le tour" in seen["map"] and "unités présentes" in seen["map"]
    assert seen["jump"] == "Indiquez un tour de 1 à 3."
    assert "Prendre le commandement au début du tour 1" in seen["fork"]
    english = ("Turn 1", "Events", "Results", "Civilians killed", "credibility after", "Take command")
    for text in seen.values():
        assert not any(word in text for word in english), text


def red_session() -> Session:
    session = Session.new(find_scenario("tutorial"), SEED, {**SOLO, RED: "Rex"}, "solo", red_cell=True)
    session.seen_cards_turn = session.game.state.turn
    session.select_seat(RED)
    return session


def test_the_red_cells_screen_speaks_french_and_fits_80_columns() -> None:
    async def scenario() -> dict[str, str]:
        app = new_app()
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            app.play(red_session())
            await settle(pilot)
            await close_dialogs(pilot)
            assert app.session.seat == RED
            panel = app.screen.query_one(RegionPanel)
            status = app.screen.query_one(StatusBar)
            return {
                "panel": shown(panel.query_one("#region-report", Static).content),
                "status": str(status.render()),
                "width": str(status.size.width),
            }

    seen = {key: plain(text) for key, text in asyncio.run(scenario()).items()}
    for french in ("Nos groupes ici", "La Mission, vue par nos informateurs", "Routes vers", "Population"):
        assert french in seen["panel"], french
    assert "Our groups" not in seen["panel"] and "Roads to" not in seen["panel"]
    first, second = seen["status"].splitlines()  # str(render()) keeps the lines as drawn
    assert first.startswith("Tour 1/") and "phase des ordres" in first
    assert second.startswith("Actions ") and "créd" in second
    assert all(len(line) <= int(seen["width"]) for line in (first, second)), seen["status"]


def test_french_status_lines_and_map_boxes_fit_80_columns() -> None:
    session = Session.new(find_scenario("tutorial"), SEED, SOLO, "solo")
    for width in (80, 100, 200):
        lines = plain(status_text(session, width).plain).splitlines()
        assert all(len(line) <= width - 2 for line in lines), lines
    assert "Budget" in lines[1] and "crédibilité" in lines[1]
    game = session.game
    for region in game.index.region_order:
        marks = region_marks(game.observe("srsg"), region)
        narrow, wide = box_lines(marks, 11, 6), box_lines(marks, 21, 6)
        assert all(len(line) <= 11 for line in narrow) and all(len(line) <= 21 for line in wide)
        assert wide[1].startswith("Menace ") and wide[2].startswith("Unités ") and "AP" in wide[2]
        assert wide[5].startswith("Présence État ")


def test_a_french_replay_at_80x24(snap_compare, tutorial_save: Path) -> None:
    async def on_the_turn_tab(pilot) -> None:
        await pilot.pause()
        await pilot.press("right")
        await pilot.pause()

    assert snap_compare(ReplayApp(tutorial_save), terminal_size=SIZE, run_before=on_the_turn_tab)


def test_every_key_hint_of_these_screens_has_its_french() -> None:
    """Key hints are marked N_() at import; the app's footer shows them through _() (fr-tui-a's)."""
    from babel.messages.pofile import read_po

    from game.catalogs import catalog_path
    from game.tui.replay.dialogs import ForkDialog, JumpDialog, NoteDialog
    from game.tui.replay.whatif import WhatIfScreen
    from game.tui.syndicate.forms import CardEditor, FormDialog
    from game.tui.syndicate.remote import BoardScreen, CodeScreen
    from game.tui.widgets.fold_tree import FoldTree
    from game.tui.widgets.mali_map import MaliMap

    with catalog_path("fr").open("rb") as file:
        french = {message.id: message.string for message in read_po(file) if message.id}
    screens = (ReplayScreen, WhatIfScreen, JumpDialog, ForkDialog, NoteDialog, FormDialog, CardEditor)
    hints = {
        binding.description
        for screen in (*screens, CodeScreen, BoardScreen, FoldTree, MaliMap)
        for binding in screen.BINDINGS
        if not isinstance(binding, tuple)
    }
    assert {"Prev", "What if", "Withdraw order", "Inject", "North"} <= hints
    assert all(french.get(hint) for hint in hints), sorted(hint for hint in hints if not french.get(hint))
    assert i18n._("What if") == "Et si" and i18n._("Withdraw order") == "Retirer l'ordre"
