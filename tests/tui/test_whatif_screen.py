"""The replay viewer's "what if here?" screen in a headless terminal (a few runs per line)."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from textual.widgets import DataTable, ProgressBar, SelectionList, Static

from game.bots.policies import POLICIES
from game.engine import Game
from game.record.saves import SaveMeta, save_to
from game.scenario.models import Scenario
from game.tui.replay import whatif
from game.tui.replay.app import ReplayApp
from game.tui.replay.screen import ReplayScreen
from game.tui.replay.whatif import WhatIfScreen

SIZE = (140, 45)


@pytest.fixture
def saved(mini: Scenario, tmp_path: Path) -> Path:
    game = Game.new(mini, 3)
    while not game.is_over():
        POLICIES["poc-first-mtf-air"].play(game)
        game.end_turn()
    return save_to(tmp_path / "game.json", game, SaveMeta(mode="solo", seats={"srsg": "Ana"}))


def test_what_if_here_runs_the_chosen_alternatives_and_shows_a_table(
    saved: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(whatif, "RUNS", 3)
    monkeypatch.setattr(whatif, "WORKERS", 1)

    async def scenario() -> None:
        app = ReplayApp(saved)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            await pilot.press("right")  # turn 2
            await pilot.press("w")
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, WhatIfScreen) and screen.turn == 2
            choices = screen.query_one("#whatif-choices", SelectionList)
            assert choices.option_count >= 1 and len(choices.selected) >= 1
            chosen = len(choices.selected)
            await pilot.press("r")
            await app.workers.wait_for_complete()
            await pilot.pause()
            table = screen.query_one("#whatif-results", DataTable)
            assert table.row_count == chosen
            progress = screen.query_one("#whatif-progress", ProgressBar)
            assert progress.progress == progress.total == 3 * (chosen + 1)
            status = str(screen.query_one("#whatif-status", Static).content)
            assert "Continuation from turn 2" in status and "95% CI" in status
            first = table.get_row_at(0)
            assert first[1].startswith("2.") and "(" in first[2]  # a difference with its interval
            await pilot.press("escape")
            await pilot.pause()
            assert isinstance(app.screen, ReplayScreen)

    asyncio.run(scenario())


def test_nothing_chosen_says_so(saved: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(whatif, "RUNS", 2)

    async def scenario() -> None:
        app = ReplayApp(saved)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            await pilot.press("w")
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, WhatIfScreen)
            screen.query_one("#whatif-choices", SelectionList).deselect_all()
            await pilot.press("r")
            await pilot.pause()
            assert "Choose at least one" in str(screen.query_one("#whatif-status", Static).content)
            assert screen.query_one("#whatif-results", DataTable).row_count == 0

    asyncio.run(scenario())
