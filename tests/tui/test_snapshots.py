"""Snapshots of the key screens at 120×40 and 80×24 (fixed seed, isolated saves, no clock)."""

from __future__ import annotations

import pytest
from textual.pilot import Pilot

from game.bots.policies import POLICIES, play_game
from game.scenario.catalog import find_scenario
from game.tui.session import Session
from tests.tui.conftest import SEED, SIZES, close_dialogs, new_app, settle

SOLO = dict.fromkeys(("srsg", "force_commander", "police_commissioner", "comms_chief"), "")


def tutorial_session() -> Session:
    return Session.new(find_scenario("tutorial"), SEED, SOLO, "solo")


async def playing(pilot: Pilot, session: Session | None = None) -> None:
    """Straight to the play screen of a fresh tutorial game (the cards already seen)."""
    session = session or tutorial_session()
    session.seen_cards_turn = session.game.state.turn
    pilot.app.play(session)
    await settle(pilot)


async def title(pilot: Pilot) -> None:
    await settle(pilot)


async def main_map(pilot: Pilot) -> None:
    await playing(pilot)
    await pilot.press("down")  # select the next region south


async def event_card(pilot: Pilot) -> None:
    await playing(pilot)
    await pilot.press("e")
    await settle(pilot)


async def order_panel(pilot: Pilot) -> None:
    session = tutorial_session()
    session.select_seat("force_commander")
    await playing(pilot, session)
    await pilot.press("o")
    await settle(pilot)
    await pilot.press("down", "right", "down", "down", "down")  # a unit's orders, one allowed, some refused
    await settle(pilot)


async def sitrep(pilot: Pilot) -> None:
    await playing(pilot)
    await pilot.press("c", "y", "a", "enter")
    await settle(pilot)
    await pilot.press("right", "down")
    await settle(pilot)


async def end_screen(pilot: Pilot) -> None:
    session = tutorial_session()
    play_game(session.game, POLICIES["coa2-define-poc"])
    pilot.app.play(session)
    await settle(pilot)
    await close_dialogs(pilot)


async def comms_orders(pilot: Pilot) -> None:
    """The Chief of Strategic Communications' orders: the longest seat name and refusal reasons."""
    session = tutorial_session()
    session.select_seat("comms_chief")
    await playing(pilot, session)
    await pilot.press("o")
    await settle(pilot)
    await pilot.press("right", *["down"] * 6, "right", "down", "down", "down")  # social media, to Tombouctou
    await settle(pilot)


async def ogossagou_card(pilot: Pilot) -> None:
    """The Ogossagou card with its choice for the SRSG: text, options and key hint all on screen."""
    session = tutorial_session()
    while "ogossagou_2019" not in session.game.state.current.cards:
        session.game.end_turn()
    while session.game.state.current.cards[0] != "ogossagou_2019":
        session.game.state.current.cards.pop(0)  # the Ogossagou card first, whatever else came
    pilot.app.play(session)
    await settle(pilot)


SCREENS = {
    "title": title,
    "main_map": main_map,
    "event_card": event_card,
    "order_panel": order_panel,
    "sitrep": sitrep,
    "end_screen": end_screen,
    "comms_orders": comms_orders,
    "ogossagou_card": ogossagou_card,
}


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
@pytest.mark.parametrize("screen", SCREENS)
def test_snapshot(snap_compare, screen: str, size: tuple[int, int]) -> None:
    assert snap_compare(new_app(), terminal_size=size, run_before=SCREENS[screen])


async def green_seat(pilot: Pilot) -> None:
    """The green cell's play screen on mali-2019: its panel (the mission's requests) and status line."""
    from game.engine.sides import GREEN

    session = Session.new(find_scenario("mali-2019"), SEED, SOLO, "solo", green_cell=True)
    game = session.game
    flight = next(o for o in game.legal_orders("force_commander") if o.type == "task_aviation" and o.region)
    session.give(flight, "force_commander")
    session.to_cell(GREEN)
    await playing(pilot, session)


def test_green_seat_snapshot_at_80x24(snap_compare) -> None:
    assert snap_compare(new_app(), terminal_size=(80, 24), run_before=green_seat)
