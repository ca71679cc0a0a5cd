"""A game with human green and red cells, by key presses: the mission commits, green answers, red strikes."""

from __future__ import annotations

import asyncio

from game.engine import orders as O
from game.engine.sides import GREEN, RED
from game.record.saves import list_saves, load
from game.scenario.catalog import find_scenario
from game.tui.screens.end import EndScreen
from game.tui.screens.play import PlayScreen
from game.tui.session import Session
from game.tui.widgets.region_panel import RegionPanel
from game.tui.widgets.status_bar import StatusBar
from tests.tui.conftest import SEED, close_dialogs, new_app, screen_name, settle
from tests.tui.test_orders import shown
from tests.tui.test_play import finish_turn
from tests.tui.test_red_cell import red_strikes

SOLO = dict.fromkeys(("srsg", "force_commander", "police_commissioner", "comms_chief"), "Ada")


def green_tutorial():
    """The tutorial with the host state's seat offered (mali-2019 defines it; the tutorial is shorter)."""
    return find_scenario("tutorial").model_copy(update={"host_state_seat": True})


def task_a_flight(session: Session) -> None:
    """The Force Commander tasks an aircraft over a region: a flight for the host state to clear."""
    game = session.game
    order = next(o for o in game.legal_orders("force_commander") if o.type == "task_aviation" and o.region)
    session.give(order, "force_commander")


async def green_refuses_a_flight(pilot) -> None:
    """The green cell's orders screen: Refuse consent, flight clearances, the first allowed region."""
    await pilot.press("o")
    await settle(pilot)
    assert screen_name(pilot) == "OrdersScreen"
    await pilot.press("down", "down", "right", "down", "right", "down", "enter", "escape")
    await settle(pilot)


async def play_with_green_and_red(size: tuple[int, int]) -> dict:
    app = new_app()
    seen: dict = {"refusals": [], "panels": [], "status": [], "sitreps": []}
    session = Session.new(green_tutorial(), SEED, {**SOLO, GREEN: "Gus", RED: "Rex"}, "solo", True, True)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        app.play(session)
        await settle(pilot)
        for _ in range(10):
            await close_dialogs(pilot)
            if isinstance(app.screen, EndScreen):
                break
            assert isinstance(app.screen, PlayScreen), screen_name(pilot)
            assert session.seat not in (GREEN, RED)
            task_a_flight(session)
            await pilot.press("c", "y")  # the mission commits: the keyboard goes to the green cell
            await settle(pilot)
            assert screen_name(pilot) == "HandoffScreen"
            await pilot.press("enter")
            await settle(pilot)
            assert session.seat == GREEN
            await pilot.press("2", "e")  # the mission's seats and its card briefing are closed to green
            assert session.seat == GREEN and screen_name(pilot) == "PlayScreen"
            seen["panels"].append(shown(app.screen.query_one(RegionPanel), "#region-report"))
            seen["status"].append(str(app.screen.query_one(StatusBar).render()))
            if session.game.records():  # the green cell's own SITREP of the last turn
                await pilot.press("r")
                await settle(pilot)
                assert screen_name(pilot) == "SitrepScreen"
                seen["sitreps"].append(shown(app.screen, "#sitrep-totals"))
                await pilot.press("escape")
                await settle(pilot)
            await green_refuses_a_flight(pilot)
            seen["refusals"].append([o.type for o in session.game.pending_orders()].count("refuse_consent"))
            await pilot.press("c", "y")  # green commits: the keyboard goes to the red cell
            await settle(pilot)
            assert screen_name(pilot) == "HandoffScreen"
            await pilot.press("enter")
            await settle(pilot)
            assert session.seat == RED
            await red_strikes(pilot)
            await pilot.press("c", "y")
            await settle(pilot)
            await finish_turn(pilot)
        assert isinstance(app.screen, EndScreen), screen_name(pilot)
        seen["end"] = shown(app.screen, "#sides-body")
    seen["game"] = session.game
    return seen


def test_a_tutorial_with_human_green_and_red_cells_to_the_end_at_80x24() -> None:
    seen = asyncio.run(play_with_green_and_red((80, 24)))
    game = seen["game"]
    assert game.is_over() and seen["refusals"] == [1] * 6, seen["refusals"]
    for record in game.records():
        assert [o["type"] for o in record.orders].count("refuse_consent") == 1
        refused = [c for c in record.changes if any("green cell's choice" in k.detail for k in c.causes)]
        assert {"consent", "mandate_support"} <= {c.kind for c in refused}
        assert all("the red cell's choice" in line for line in record.adversary)
    for panel, status in zip(seen["panels"], seen["status"], strict=True):
        assert "Our forces here" in panel and "The mission asks us this turn" in panel
        assert "Early warning" not in panel and "Protection" not in panel
        assert "consent" in status and "Budget" not in status
    assert len(seen["sitreps"]) == 5 and all("Say" not in text for text in seen["sitreps"])
    assert "The host state (green), played by a human cell" in seen["end"]
    assert "The armed groups (red), played by a human cell" in seen["end"]
    saved = list_saves()
    assert saved and saved[0].over
    loaded, meta = load(saved[0].path)  # the replay verifies every turn's digest
    assert loaded.state.digest() == game.state.digest()
    assert meta.seats[GREEN] == "Gus" and meta.seats[RED] == "Rex"


async def green_alone_one_turn() -> dict:
    app = new_app()
    session = Session.new(green_tutorial(), SEED, {**SOLO, GREEN: "Gus"}, "solo", green_cell=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.play(session)
        await settle(pilot)
        await close_dialogs(pilot)
        task_a_flight(session)
        await pilot.press("c", "y", "enter")  # commit, pass the keyboard to the green cell
        await settle(pilot)
        assert session.seat == GREEN
        await pilot.press("c", "y")  # green lets every request pass: the turn resolves
        await settle(pilot)
        assert screen_name(pilot) == "TurnResultsScreen"
        await pilot.press("a")
        await settle(pilot)
        results = shown(app.screen, "#phase-information")
        seat_after_commit = session.seat
        await pilot.press("enter")
        await settle(pilot)
        totals = shown(app.screen, "#sitrep-totals")
        await pilot.press("c")
        await settle(pilot)
        await close_dialogs(pilot)
        return {"results": results, "totals": totals, "seat": seat_after_commit, "next": session.seat}


def test_the_committing_seat_reads_the_results_in_its_own_view() -> None:
    seen = asyncio.run(green_alone_one_turn())
    assert seen["seat"] == GREEN and seen["next"] == "srsg", (
        "green reads its results; the next turn is the SRSG's"
    )
    assert "Say " not in seen["results"] and "Say " not in seen["totals"], "the mission's gap is not green's"


async def hand_green_over_and_back() -> dict:
    app = new_app()
    session = Session.new(find_scenario("mali-2019"), SEED, SOLO, "solo")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.play(session)
        await settle(pilot)
        await close_dialogs(pilot)
        screen = app.screen
        assert isinstance(screen, PlayScreen)
        titles = [command.title for command in screen.palette_commands()]
        assert "Facilitator: hand the host state to a green cell" in titles
        screen.action_hand_side(GREEN, "human")
        assert session.seat_order[-1] == GREEN and session.seat == "srsg"
        titles = [command.title for command in screen.palette_commands()]
        assert "Facilitator: hand the host state to its rules" in titles
        screen.action_hand_side(GREEN, "bot")
        assert GREEN not in session.seat_order
        await pilot.press("c", "y")
        await settle(pilot)
        return {"screen": screen_name(pilot), "record": session.game.records()[0]}


def test_the_facilitator_hands_green_to_a_cell_and_back_and_the_log_keeps_both() -> None:
    seen = asyncio.run(hand_green_over_and_back())
    assert seen["screen"] == "TurnResultsScreen"
    handed = [(o["side"], o["to"]) for o in seen["record"].orders if o["type"] == "hand_side"]
    assert handed == [(GREEN, "human"), (GREEN, "bot")]
    assert sum("from now on" in note for note in seen["record"].notes) == 2


async def pick_green_cell() -> dict:
    from game.tui.screens.new_game import NewGameScreen

    app = new_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, NewGameScreen)
        offered_in_tutorial = screen.query_one("#row-green-holder").display
        await pilot.press("down")  # mali-2019
        await settle(pilot)
        offered = screen.query_one("#row-green-holder").display
        screen.query_one("#green-human").value = True
        await settle(pilot)
        screen.query_one(f"#name-{GREEN}").value = "Gus"
        await pilot.press("ctrl+s")
        await settle(pilot)
        session = app.session
        return {
            "tutorial": offered_in_tutorial,
            "mali": offered,
            "held": session.game.held_by(GREEN),
            "name": session.meta.seats.get(GREEN),
            "log": [o["type"] for o in session.game.pending_log()],
        }


def test_the_seat_picker_offers_the_host_state_where_the_scenario_defines_it() -> None:
    seen = asyncio.run(pick_green_cell())
    assert not seen["tutorial"] and seen["mali"]
    assert seen["held"] == "human" and seen["name"] == "Gus" and seen["log"] == ["hand_side"]


def test_a_green_refusal_given_through_the_session_is_an_order_of_the_green_seat() -> None:
    session = Session.new(green_tutorial(), SEED, SOLO, "solo", green_cell=True)
    task_a_flight(session)
    region = next(o.region for o in session.game.pending_orders() if o.type == "task_aviation")
    session.to_cell(GREEN)
    session.give(O.RefuseConsent(matter="flights", region=region))
    assert [session.order_role(o) for _, o in session.pending_for(GREEN)] == [GREEN]


async def hotseat_turn_with_green_and_red() -> dict:
    app = new_app()
    names = {"srsg": "Ana", "force_commander": "Bo", "police_commissioner": "Chi", "comms_chief": "Dee"}
    session = Session.new(green_tutorial(), SEED, {**names, GREEN: "Gus", RED: "Rex"}, "hotseat", True, True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.play(session)
        await settle(pilot)
        task_a_flight(session)
        handoffs = []
        for _ in range(4):  # the four mission seats pass on, the last to the green cell
            await close_dialogs(pilot)
            await pilot.press("d", "y")
            await settle(pilot)
            handoffs.append(str(app.screen.query_one("#ready").label))
        await pilot.press("enter")
        await settle(pilot)
        assert session.seat == GREEN
        await green_refuses_a_flight(pilot)
        await pilot.press("d", "y")  # green passes on to the red cell
        await settle(pilot)
        handoffs.append(str(app.screen.query_one("#ready").label))
        await pilot.press("enter")
        await settle(pilot)
        assert session.seat == RED
        await red_strikes(pilot)
        await pilot.press("d", "y")  # the last seat: commit
        await settle(pilot)
        return {
            "handoffs": handoffs,
            "screen": screen_name(pilot),
            "seat": session.seat,
            "game": session.game,
        }


def test_hotseat_passes_from_the_mission_to_the_green_cell_then_the_red_cell() -> None:
    seen = asyncio.run(hotseat_turn_with_green_and_red())
    assert seen["handoffs"][-2:] == ["Gus is ready (Enter)", "Rex is ready (Enter)"]
    assert seen["screen"] == "TurnResultsScreen" and seen["seat"] == RED, "red committed: red's results"
    kinds = [o["type"] for o in seen["game"].records()[0].orders]
    assert "refuse_consent" in kinds and "armed_strike" in kinds
