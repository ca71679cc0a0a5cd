"""The seat of a hosted game, driven by keys: orders to the store, commit, another process resolves."""

from __future__ import annotations

import asyncio
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from game.syndicate.store import Session
from game.tui.dialogs.card import CardDialog
from game.tui.dialogs.confirm import ConfirmDialog
from game.tui.screens.results import TurnResultsScreen
from game.tui.screens.sitrep import SitrepScreen
from game.tui.syndicate.seat import RolePickerScreen, SeatOrdersScreen, SeatPlayScreen
from game.tui.syndicate.seat_app import SeatApp
from game.tui.syndicate.widgets import SyndicateBar
from tests.tui.conftest import settle

SEATS = ["srsg", "force_commander"]


@pytest.fixture
def session_path(mini, tmp_path: Path) -> Path:
    Session.host(tmp_path / "exercise.db", mini, seed=4, seats=SEATS, pin="2468").close()
    return tmp_path / "exercise.db"


async def until(pilot: Pilot, condition: Callable[[], bool], tries: int = 400) -> None:
    """Let the app poll the store until the condition holds (no timed assertion: a bound only)."""
    for _ in range(tries):
        if condition():
            return
        await pilot.pause(0.05)
    raise AssertionError("the screen never showed it")


async def at_the_map(pilot: Pilot) -> None:
    """Close the turn's event cards."""
    await settle(pilot)
    while isinstance(pilot.app.screen, CardDialog):
        await pilot.press("escape")
        await settle(pilot)
    assert isinstance(pilot.app.screen, SeatPlayScreen)


def bar_text(app: SeatApp) -> str:
    return str(app.screen.query_one(SyndicateBar).content)


def test_give_commit_and_another_process_resolves_the_turn(session_path: Path) -> None:
    async def scenario() -> None:
        app = SeatApp(Session(session_path), "force_commander", "Col. Diallo", poll=0.05)
        async with app.run_test(size=(120, 40)) as pilot:
            await at_the_map(pilot)
            assert "Force Commander (Col. Diallo)" in str(app.screen.query_one("#status").render())
            await pilot.press("o")
            await settle(pilot)
            assert isinstance(app.screen, SeatOrdersScreen)
            await pilot.press("right", "down", "enter")
            await settle(pilot)
            other = Session(session_path)
            assert len(other.pending("force_commander")) == 1, "given to the store at once"
            assert not other.pending("srsg")
            await pilot.press("escape")
            await settle(pilot)
            await pilot.press("c")
            await settle(pilot)
            assert isinstance(app.screen, ConfirmDialog)
            await pilot.press("y")
            await settle(pilot)
            assert [s.committed for s in other.status()] == [False, True]
            assert "Force Cdr ✓" in bar_text(app) and "SRSG …" in bar_text(app)
            assert "Waiting for: SRSG" in str(app.screen.query_one("#seat-orders").content)
            assert app.screen.check_action("commit", ()) is None, "committed: commit is greyed out"
            commit = (
                f"from game.syndicate.store import Session; Session({str(session_path)!r}).commit('srsg')"
            )
            subprocess.run([sys.executable, "-c", commit], check=True, timeout=120)
            await until(pilot, lambda: isinstance(app.screen, TurnResultsScreen))
            assert app.screen.record.turn == 1
            assert app.screen.record.orders and app.screen.record.orders[0]["type"]
            await pilot.press("a", "enter")
            await settle(pilot)
            assert isinstance(app.screen, SitrepScreen)
            await pilot.press("c")
            await at_the_map(pilot)
            assert app.session.game.state.turn == 2
            assert "Force Cdr …" in bar_text(app), "a new turn: nobody has committed"

    asyncio.run(scenario())


def test_a_seat_that_rejoins_finds_its_orders(session_path: Path) -> None:
    async def give_and_leave() -> None:
        app = SeatApp(Session(session_path), "force_commander", poll=0.05)
        async with app.run_test(size=(120, 40)) as pilot:
            await at_the_map(pilot)
            await pilot.press("o")
            await settle(pilot)
            await pilot.press("right", "down", "enter")
            await settle(pilot)
            await pilot.press("escape", "escape")
            await settle(pilot)
            assert isinstance(app.screen, ConfirmDialog)
            await pilot.press("y")
            await settle(pilot)
        assert app.return_code == 0

    async def rejoin() -> str:
        app = SeatApp(Session(session_path), "force_commander", poll=0.05)
        async with app.run_test(size=(120, 40)) as pilot:
            await at_the_map(pilot)
            await pilot.press("o")
            await settle(pilot)
            assert app.screen.query_one("#pending").option_count == 1
            return str(app.screen.query_one("#pending-title").render())

    asyncio.run(give_and_leave())
    assert "Pending orders of this seat: 1" in asyncio.run(rejoin())


def test_the_seat_picker_takes_a_name_and_a_seat(session_path: Path) -> None:
    async def scenario() -> None:
        app = SeatApp(Session(session_path), poll=0.05)
        async with app.run_test(size=(100, 30)) as pilot:
            await settle(pilot)
            assert isinstance(app.screen, RolePickerScreen)
            app.screen.query_one(Input).focus()
            await pilot.press(*"Mme Traore", "enter")
            await pilot.press("enter")  # the first seat: SRSG
            await at_the_map(pilot)
            assert app.session is not None and app.session.role == "srsg"
        assert Session(session_path).names() == {"srsg": "Mme Traore"}

    asyncio.run(scenario())


def test_pause_and_clock_reach_the_seat(session_path: Path) -> None:
    async def scenario() -> None:
        app = SeatApp(Session(session_path), "srsg", poll=0.05)
        async with app.run_test(size=(120, 40)) as pilot:
            await at_the_map(pilot)
            assert "No clock" in bar_text(app)
            facilitator = Session(session_path)
            facilitator.start_clock("2468", 10)
            facilitator.set_paused("2468", True)
            await until(pilot, lambda: "PAUSED" in bar_text(app))
            assert "Clock 10:00" in bar_text(app) or "Clock 09:5" in bar_text(app)
            facilitator.set_paused("2468", False)
            await until(pilot, lambda: "PAUSED" not in bar_text(app))

    asyncio.run(scenario())


def test_a_closing_seat_ignores_a_late_poll_and_its_crash_line_keeps_the_orders(session_path: Path) -> None:
    """The poll timer can tick once more while the app closes (no screen left): it must not crash;
    and a seat's crash line says its orders are in the session file, not that a save failed."""

    async def scenario() -> SeatApp:
        app = SeatApp(Session(session_path), "force_commander", poll=0.05)
        async with app.run_test(size=(120, 40)) as pilot:
            await at_the_map(pilot)
            assert app.keep_after_crash() == SeatApp.KEPT_AFTER_CRASH
        return app

    app = asyncio.run(scenario())
    assert not app.screen_stack
    app.poll()  # after the last screen has gone
