"""Play the whole tutorial to its end screen by key presses alone, solo and hotseat."""

from __future__ import annotations

import asyncio

from textual.pilot import Pilot

from game.record.saves import list_saves
from game.tui.screens.end import EndScreen
from game.tui.screens.play import PlayScreen
from tests.tui.conftest import close_dialogs, new_app, screen_name, settle, start_new_game


async def give_first_allowed_order(pilot: Pilot, group_downs: int = 0) -> None:
    """Orders screen: open a group, take its first order (allowed ones come first), back to the map."""
    await pilot.press("o")
    await settle(pilot)
    await pilot.press(*["down"] * group_downs, "right", "down", "enter", "escape")
    await settle(pilot)


async def finish_turn(pilot: Pilot) -> None:
    """Results phase by phase, then the SITREP with one cause opened, then on."""
    assert screen_name(pilot) == "TurnResultsScreen"
    await pilot.press("space", "space", "space", "space")
    await pilot.press("enter")
    await settle(pilot)
    assert screen_name(pilot) == "SitrepScreen"
    await pilot.press("right", "down", "c")
    await settle(pilot)


async def play_tutorial(hotseat: bool) -> tuple[list[int], object]:
    app = new_app()
    orders_per_turn = []
    async with app.run_test(size=(100, 32)) as pilot:
        await start_new_game(pilot, hotseat=hotseat)
        for _ in range(10):
            await close_dialogs(pilot)
            if isinstance(app.screen, EndScreen):
                break
            assert isinstance(app.screen, PlayScreen), screen_name(pilot)
            if hotseat:
                for seat in range(4):
                    await close_dialogs(pilot)
                    await give_first_allowed_order(pilot, group_downs=seat % 2)
                    await pilot.press("d", "y")
                    await settle(pilot)
            else:
                for seat in ("1", "2", "3", "4"):
                    await pilot.press(seat)
                    await give_first_allowed_order(pilot)
                await pilot.press("c", "y")
                await settle(pilot)
            orders_per_turn.append(len(app.session.game.state.history[-1].orders))
            await finish_turn(pilot)
        assert isinstance(app.screen, EndScreen), screen_name(pilot)
        game = app.session.game
        assert game.is_over() and game.state.turn == game.scenario.calendar.turns
        return orders_per_turn, app.session.meta


def test_solo_tutorial_to_the_end_by_keys() -> None:
    orders, meta = asyncio.run(play_tutorial(hotseat=False))
    assert len(orders) == 6, "the tutorial has six turns"
    assert all(count >= 3 for count in orders), orders
    assert meta.mode == "solo"
    saved = list_saves()
    assert saved and saved[0].over and saved[0].turn == 6


def test_hotseat_tutorial_to_the_end_by_keys() -> None:
    orders, meta = asyncio.run(play_tutorial(hotseat=True))
    assert len(orders) == 6
    assert all(count >= 3 for count in orders), orders
    assert meta.mode == "hotseat"
    assert meta.seats == {
        "srsg": "Ana",
        "force_commander": "Bo",
        "police_commissioner": "Chi",
        "comms_chief": "Dee",
    }
