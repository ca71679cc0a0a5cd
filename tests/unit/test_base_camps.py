"""A temporary base is projected from the mission's camps: none where it has no camp (rules.md §4.4)."""

from __future__ import annotations

from game.engine import Game
from game.engine import orders as O
from game.scenario.catalog import find_scenario


def test_a_base_opens_only_where_the_mission_has_camps() -> None:
    game = Game.new(find_scenario("mali-2019"), seed=1, undo=False)
    unit = next(
        unit_id
        for unit_id in sorted(game.state.units)
        if game.state.units[unit_id].region == "mopti" and game.why_illegal(O.OpenBase(unit=unit_id)) is None
    )
    assert game.index.garrisons.get("mopti") and not game.index.garrisons.get("segou")
    game.state.units[unit].region = "segou"  # as if it had moved there: it may go, patrol, react
    assert game.why_illegal(O.OpenBase(unit=unit)) == (
        "a temporary operating base is projected from the mission's camps; it has none in Ségou"
    )
    assert game.why_illegal(O.SetPosture(unit=unit, posture="patrol")) is None
    game.state.units[unit].region = "mopti"
    assert game.why_illegal(O.OpenBase(unit=unit)) is None
