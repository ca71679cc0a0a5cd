"""The sides of a game (the mission, the armed groups, the host state) and who holds each: human or bot."""

from __future__ import annotations

from typing import Literal

from game.engine.state import GameState
from game.i18n import N_
from game.scenario.models import Scenario

MISSION = "mission"
RED = "armed_groups"  # the red cell's seat and side
GREEN = "host_state"
Holder = Literal["human", "bot"]

SIDE_TITLES = {
    MISSION: N_("The mission (blue)"),
    RED: N_("The armed groups (red)"),
    GREEN: N_("The host state (green)"),
}


def sides(scenario: Scenario) -> tuple[str, ...]:
    """The sides this scenario lets players hold, in seating order.

    The mission is always played by people (or a scripted policy); the armed groups by their bot
    (rules.md §5) or a red cell; the host state by its rules (§9) or, where the scenario allows
    it (`host_state_seat`), a green cell (§9.1).
    """
    return (MISSION, RED, GREEN) if scenario.host_state_seat else (MISSION, RED)


def held_by(state: GameState, side: str) -> Holder:
    """Who plays a side now: the mission is always human; the others their bot unless handed over."""
    if side == MISSION:
        return "human"
    return "human" if state.sides.get(side) == "human" else "bot"
