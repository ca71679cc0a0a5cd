"""A tutorial game with a human red cell, by key presses: the mission commits, then the red cell orders."""

from __future__ import annotations

import asyncio

from game.engine.sides import RED
from game.record.saves import list_saves, load
from game.tui.screens.end import EndScreen
from game.tui.screens.play import PlayScreen
from game.tui.widgets.region_panel import RegionPanel
from game.tui.widgets.status_bar import StatusBar
from tests.tui.conftest import close_dialogs, new_app, screen_name, settle
from tests.tui.test_orders import shown
from tests.tui.test_play import finish_turn, give_first_allowed_order


async def start_with_red_cell(pilot, name: str = "Rex") -> None:
    """Title → New game → the armed groups held by a red cell named `name` → Start."""
    await settle(pilot)
    await pilot.press("n")
    await settle(pilot)
    await pilot.press("tab", "tab", "tab", "tab")  # seed, seats, your name, then the armed groups
    await pilot.press("down", "enter")  # red cell: a player
    await pilot.press("tab", *name, "ctrl+s")
    await settle(pilot)


async def red_strikes(pilot) -> None:
    """The red cell's orders screen: open 'Strike civilians', its first region, give its first strike."""
    await pilot.press("o")
    await settle(pilot)
    assert screen_name(pilot) == "OrdersScreen"
    await pilot.press("right", "down", "right", "down", "enter", "escape")
    await settle(pilot)


async def play_with_red_cell(size: tuple[int, int]) -> dict:
    app = new_app()
    seen: dict = {"red_orders": [], "panels": [], "status": []}
    async with app.run_test(size=size) as pilot:
        await start_with_red_cell(pilot)
        for _ in range(10):
            await close_dialogs(pilot)
            if isinstance(app.screen, EndScreen):
                break
            assert isinstance(app.screen, PlayScreen), screen_name(pilot)
            assert app.session.seat != RED
            await pilot.press("1")
            await give_first_allowed_order(pilot)
            await pilot.press("c", "y")  # the mission commits: the keyboard goes to the red cell
            await settle(pilot)
            assert screen_name(pilot) == "HandoffScreen"
            await pilot.press("enter")
            await settle(pilot)
            assert app.session.seat == RED
            await pilot.press("2", "e")  # the mission's seats and its card briefing are closed to red
            assert app.session.seat == RED and screen_name(pilot) == "PlayScreen"
            seen["panels"].append(shown(app.screen.query_one(RegionPanel), "#region-report"))
            seen["status"].append(str(app.screen.query_one(StatusBar).render()))
            if app.session.game.state.history:  # the red cell's own SITREP of the last turn
                await pilot.press("r")
                await settle(pilot)
                assert screen_name(pilot) == "SitrepScreen"
                tree = app.screen.query_one("#sitrep-tree")
                labels = [str(node.label) for node in tree.root.children]
                labels += [str(leaf.label) for node in tree.root.children for leaf in node.children]
                seen.setdefault("sitreps", []).append("\n".join(labels) + shown(app.screen, "#sitrep-totals"))
                await pilot.press("escape")
                await settle(pilot)
                assert app.session.seat == RED and screen_name(pilot) == "PlayScreen"
            await red_strikes(pilot)
            given = [o for o in app.session.game.pending_orders() if o.type == "armed_strike"]
            seen["red_orders"].append(len(given))
            await pilot.press("c", "y")
            await settle(pilot)
            await finish_turn(pilot)
        assert isinstance(app.screen, EndScreen), screen_name(pilot)
        seen["end"] = shown(app.screen, "#sides-body")
        seen["game"] = app.session.game
        seen["meta"] = app.session.meta
    return seen


def test_a_tutorial_with_a_human_red_cell_to_the_end_at_80x24() -> None:
    seen = asyncio.run(play_with_red_cell((80, 24)))
    game = seen["game"]
    assert game.is_over() and len(seen["red_orders"]) == 6, "the tutorial has six turns"
    assert all(count >= 1 for count in seen["red_orders"]), seen["red_orders"]
    assert seen["meta"].seats[RED] == "Rex"
    for record in game.state.history:
        strikes = [o for o in record.orders if o["type"] == "armed_strike"]
        assert strikes and len(record.adversary) == len(strikes)
        assert all("the red cell's choice" in line for line in record.adversary)
    for panel, status in zip(seen["panels"], seen["status"], strict=True):
        assert "Our groups here" in panel and "Early warning" not in panel and "Protection" not in panel
        assert "Actions " in status and "Budget" not in status
    assert "The armed groups (red), played by a human cell" in seen["end"]
    assert len(seen["sitreps"]) == 5 and all("killed" in text for text in seen["sitreps"])
    for text in seen["sitreps"]:
        assert "early warning" not in text and "Say" not in text and "Tier I" not in text, text
    saved = list_saves()
    assert saved and saved[0].over
    loaded, meta = load(saved[0].path)  # the replay verifies every turn's digest
    assert loaded.state.digest() == game.state.digest() and meta.seats[RED] == "Rex"


async def hand_over_and_back() -> dict:
    from tests.tui.conftest import start_new_game

    app = new_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await start_new_game(pilot)
        await close_dialogs(pilot)
        screen = app.screen
        assert isinstance(screen, PlayScreen)
        titles = [command.title for command in screen.palette_commands()]
        assert "Facilitator: hand the armed groups to a red cell" in titles
        screen.action_hand_red("human")
        await pilot.press("c", "y")
        await settle(pilot)
        assert screen_name(pilot) == "HandoffScreen"
        await pilot.press("enter")
        await settle(pilot)
        assert app.session.seat == RED
        await red_strikes(pilot)
        screen.action_hand_red("bot")  # refused: the red cell's strike is pending
        assert RED in app.session.seat_order
        await pilot.press("o")
        await settle(pilot)
        await pilot.press("w", "escape")
        await settle(pilot)
        screen.action_hand_red("bot")
        assert RED not in app.session.seat_order and app.session.seat != RED
        await pilot.press("c", "y")
        await settle(pilot)
        assert screen_name(pilot) == "TurnResultsScreen"
        return {"record": app.session.game.state.history[0]}


def test_the_facilitator_hands_red_to_a_cell_and_back_and_the_log_keeps_both() -> None:
    record = asyncio.run(hand_over_and_back())["record"]
    assert [o["to"] for o in record.orders if o["type"] == "hand_side"] == ["human", "bot"]
    assert not any(o["type"] == "armed_strike" for o in record.orders)
    assert record.adversary and not any("red cell" in line for line in record.adversary)
    assert sum("from now on" in note for note in record.notes) == 2


async def hotseat_turn_with_red_cell() -> dict:
    app = new_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        await pilot.press("tab", "tab", "down", "enter")  # seed, seats: hotseat
        for name in ("Ana", "Bo", "Chi", "Dee"):
            await pilot.press("tab", *name)
        await pilot.press("tab", "down", "enter", "tab", *"Rex", "ctrl+s")  # the armed groups: Rex
        await settle(pilot)
        handoffs = []
        for _ in range(4):  # the four mission seats pass on, the last to the red cell
            await close_dialogs(pilot)
            await pilot.press("d", "y")
            await settle(pilot)
            handoffs.append(str(app.screen.query_one("#ready").label))
        await pilot.press("enter")
        await settle(pilot)
        assert app.session.seat == RED
        await red_strikes(pilot)
        await pilot.press("d", "y")  # the last seat: commit
        await settle(pilot)
        return {"handoffs": handoffs, "screen": screen_name(pilot), "game": app.session.game}


def test_hotseat_passes_from_the_mission_seats_to_the_red_cell_then_resolves() -> None:
    seen = asyncio.run(hotseat_turn_with_red_cell())
    assert seen["handoffs"][-1] == "Rex is ready (Enter)"
    assert seen["screen"] == "TurnResultsScreen"
    record = seen["game"].state.history[0]
    assert any(o["type"] == "armed_strike" for o in record.orders)
    assert all("the red cell's choice" in line for line in record.adversary)


def test_the_red_cells_map_boxes_show_no_early_warning() -> None:
    from game.engine import Game
    from game.scenario.catalog import find_scenario
    from game.tui.widgets.mali_map import box_lines, region_marks

    game = Game.new(find_scenario("tutorial"), 3)
    for region in game.index.region_order:
        red, mission = region_marks(game.observe(RED), region), region_marks(game.observe("srsg"), region)
        assert red.warning is None and mission.warning is not None
        assert not any("EW" in line for line in box_lines(red, 20, 4))
        assert any("EW" in line for line in box_lines(mission, 20, 4))
