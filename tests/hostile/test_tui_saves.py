"""Damaged files in the saves folder never stop the title screen or the saves list."""

from __future__ import annotations

import asyncio
import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest
from textual.widgets import DataTable, OptionList, Static

from game.engine import Game
from game.record.saves import AUTOSAVE_FOLDER, SaveMeta, save_as, save_dir
from game.tui.screens import saves as saves_screen
from game.tui.screens.saves import SavesScreen
from game.tui.screens.title import TitleScreen
from tests.tui.conftest import new_app, settle


def _good_save(mini) -> Path:
    return save_as(Game.new(mini, 3), SaveMeta(mode="solo", seats={"srsg": "Ana"}), "good one")


def _tampered(mini, change: Callable[[dict], None], folder: str = "") -> Path:
    """A real save with one edit, written where list_saves looks (the autosaves folder if asked)."""
    source = save_as(Game.new(mini, 4), SaveMeta(mode="solo", seats={"srsg": "Bo"}), "to tamper")
    document = json.loads(source.read_text(encoding="utf-8"))
    source.unlink()
    change(document)
    target = save_dir() / folder / "tampered.json"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(document), encoding="utf-8")  # json writes Infinity as is
    return target


def _nested(mini) -> None:
    save_dir().mkdir(parents=True, exist_ok=True)
    (save_dir() / "nested.json").write_text("[" * 200_000 + "]" * 200_000, encoding="utf-8")


def _infinite_turn(mini) -> None:
    _tampered(mini, lambda d: d["summary"].update(turn=float("inf")))


def _unhashable_game_id(mini) -> None:
    _tampered(mini, lambda d: d["meta"].update(game_id=["a", "list"]), folder=AUTOSAVE_FOLDER)


def _fifo(mini) -> None:
    save_dir().mkdir(parents=True, exist_ok=True)
    os.mkfifo(save_dir() / "x.json")


DAMAGE = {
    "nested JSON": _nested,
    "Infinity turn": _infinite_turn,
    "unhashable game_id": _unhashable_game_id,
    "FIFO named x.json": _fifo,
}


@pytest.fixture(autouse=True)
def _quick_look_up(monkeypatch: pytest.MonkeyPatch) -> None:
    """A folder that does not answer (the FIFO) is reported after a short wait in these tests."""
    monkeypatch.setattr(saves_screen, "LOOK_UP_SECONDS", 0.5)


@pytest.mark.parametrize("damage", DAMAGE, ids=list(DAMAGE))
def test_a_damaged_save_never_stops_the_title_screen(mini, damage: str) -> None:
    if damage.startswith("FIFO") and not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs here")
    _good_save(mini)
    DAMAGE[damage](mini)

    async def scenario() -> None:
        app = new_app()
        async with app.run_test(size=(100, 30)) as pilot:
            await settle(pilot)
            assert isinstance(app.screen, TitleScreen)
            prompt = str(app.screen.query_one(OptionList).get_option("continue").prompt)
            assert "looking for saves" not in prompt
            await pilot.press("l")
            await settle(pilot)
            assert isinstance(app.screen, SavesScreen)
            table = app.screen.query_one(DataTable)
            where = str(app.screen.query_one("#saves-where", Static).render())
            listed = [str(table.get_row_at(row)[0]) for row in range(table.row_count)]
            # Either the saves are listed (the good one, the damaged one marked), or one line says why not.
            if "Cannot list the saves" not in where:
                assert any("good one" in name for name in listed)
                assert any("cannot be read" in name for name in listed), listed
            await pilot.press("escape")
            await settle(pilot)
            assert isinstance(app.screen, TitleScreen)
            await pilot.press("q")
            await pilot.pause()
        assert app.return_code == 0

    asyncio.run(scenario())


def test_continue_or_load_of_a_save_that_breaks_the_reader_keeps_the_title_screen(mini, monkeypatch) -> None:
    import game.tui.session

    path = _good_save(mini)

    def unforeseen(cls, path):
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(game.tui.session.Session, "load", classmethod(unforeseen))

    async def scenario() -> None:
        app = new_app()
        async with app.run_test(size=(100, 30)) as pilot:
            await settle(pilot)
            assert app.open_save(path) is False
            await settle(pilot)
            assert isinstance(app.screen, TitleScreen)
            [note] = list(app._notifications)
            assert "RecursionError" in note.message and "crash-" in note.message

    asyncio.run(scenario())
