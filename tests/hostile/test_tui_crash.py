"""The last line of defence: an unexpected error saves the game, writes a crash file, says so in one line."""

from __future__ import annotations

import asyncio

import pytest

from game.bots.policies import POLICIES
from game.crash import EXIT_CRASH, crash_dir
from game.record.saves import load
from game.scenario.catalog import find_scenario
from game.tui.app import MinusmaApp
from game.tui.screens.play import PlayScreen
from game.tui.screens.title import TitleScreen
from game.tui.session import Session
from tests.tui.conftest import SEED, new_app, settle
from tests.tui.test_snapshots import SOLO, playing


class Injected(RuntimeError):
    """The failure these tests inject."""


def _explode(*args, **kwargs):
    raise Injected("injected failure")


def _crash_files() -> list:
    return sorted(crash_dir().glob("crash-*.txt")) if crash_dir().exists() else []


def test_a_crash_in_play_autosaves_writes_a_crash_file_and_leaves_with_one_line(monkeypatch) -> None:
    monkeypatch.setattr(PlayScreen, "action_orders", _explode)
    session = Session.new(find_scenario("tutorial"), SEED, SOLO, "solo")
    POLICIES["historical"].play(session.game)  # orders given, not committed
    pending = session.game.pending_orders()
    assert pending
    app = new_app()

    async def scenario() -> None:
        async with app.run_test(size=(120, 40)) as pilot:
            await playing(pilot, session)
            await pilot.press("o")
            await pilot.pause()

    with pytest.raises(Injected):  # Pilot re-raises the first error, so that a test can never hide one
        asyncio.run(scenario())

    assert app.return_code == EXIT_CRASH
    [report] = _crash_files()
    text = report.read_text(encoding="utf-8")
    assert "Injected: injected failure" in text and "_explode" in text and "PlayScreen" in text
    message = app.crash_message or ""
    assert "\n" not in message and str(report) in message and "nothing was lost" in message
    game, _ = load(session.saved_to)
    assert game.pending_orders() == pending and game.state.turn == session.game.state.turn


def test_a_crash_on_the_title_screen_says_no_game_was_open(monkeypatch) -> None:
    monkeypatch.setattr(TitleScreen, "action_choose", _explode)
    app = new_app()

    async def scenario() -> None:
        async with app.run_test(size=(100, 30)) as pilot:
            await settle(pilot)
            await pilot.press("n")
            await pilot.pause()

    with pytest.raises(Injected):
        asyncio.run(scenario())
    assert app.return_code == EXIT_CRASH
    assert len(_crash_files()) == 1
    assert "No game was open" in (app.crash_message or "")


def test_the_crash_line_is_printed_once_the_terminal_is_restored(monkeypatch, capsys) -> None:
    """What `minusma play` shows: the app's exit renderables are the one line, not a traceback."""
    monkeypatch.setattr(TitleScreen, "action_choose", _explode)
    app = MinusmaApp()

    async def press_n(pilot) -> None:
        await settle(pilot)
        await pilot.press("n")

    app.run(headless=True, size=(100, 30), auto_pilot=press_n)
    printed = capsys.readouterr().err
    assert "an unexpected error (Injected)" in printed and "crash-" in printed
    assert "Traceback" not in printed and "injected failure" not in printed
    assert app.return_code == EXIT_CRASH


def test_a_crash_in_the_replay_viewer_ends_replay_with_one_line(mini, monkeypatch, capsys) -> None:
    from game.cli import main
    from game.engine import Game
    from game.record.saves import SaveMeta, save_as
    from game.tui.replay.app import ReplayApp
    from game.tui.replay.screen import ReplayScreen

    game = Game.new(mini, 5)
    POLICIES["historical"].play(game)
    game.end_turn()
    path = save_as(game, SaveMeta(mode="solo", seats={}), "to replay")
    before = path.read_bytes()
    monkeypatch.setattr(ReplayScreen, "action_jump", _explode)
    run = ReplayApp.run

    def run_pressing_g(self, **kwargs):
        async def press_g(pilot) -> None:
            await settle(pilot)
            await pilot.press("g")

        return run(self, headless=True, size=(120, 40), auto_pilot=press_g)

    monkeypatch.setattr(ReplayApp, "run", run_pressing_g)
    assert main(["replay", str(path)]) == EXIT_CRASH
    printed = capsys.readouterr().err
    assert "an unexpected error (Injected)" in printed and "Traceback" not in printed
    assert "the save replayed is as it was" in printed.replace("\n", " ")
    assert len(_crash_files()) == 1 and path.read_bytes() == before
