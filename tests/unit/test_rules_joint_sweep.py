"""Whose abuses a sweep after an attack brings, region by region (rules.md §6.4, §13 item 38)."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.engine import Game
from game.engine import tables as T
from game.engine.state import Change, Modifier
from game.engine.turn import _host_force_conduct
from game.scenario.loader import load_scenario

MALI = Path(__file__).resolve().parents[2] / "scenarios" / "mali-2019.yaml"


@pytest.fixture(scope="module")
def mali():
    return load_scenario(MALI)


def swept(mali, regions: list[str], operations: int = 0) -> dict[str, dict[str, int]]:
    """Armed groups killed soldiers in these regions this turn; every die rolls 1; who killed whom."""
    game = Game.new(mali, seed=3)
    state = game.state
    state.policy.orientation = "state_centred"
    if operations:  # the army's own offensives, which are no joint sweep
        state.modifiers.append(Modifier(key="host_operations", value=operations, last_turn=99, source="test"))
    for region in regions:
        state.current.changes.append(
            Change(state.turn, "adversary", "host_forces_killed", region, T.HOST_SWEEP_DEATHS, 0, "test")
        )
    ctx = game.context()
    ctx.die = lambda *args: 1  # type: ignore[method-assign,assignment]
    ctx.dice = lambda *args: 1  # type: ignore[method-assign,assignment]
    _host_force_conduct(ctx)
    return state.current.civilians_killed


def test_a_sweep_in_the_tri_border_is_a_joint_operation_and_its_abuses_the_partners(mali) -> None:
    killed = swept(mali, ["gao"])
    assert "fama" not in killed["gao"]
    assert killed["gao"]["barkhane"] > 0


def test_where_militias_fight_the_army_sweeps_the_community_it_profiles_itself(mali) -> None:
    killed = swept(mali, ["mopti", "segou"])
    assert killed["mopti"]["fama"] > 0
    assert killed["segou"]["fama"] > 0


def test_without_a_sweep_the_armys_abuses_in_the_north_stay_its_own(mali) -> None:
    killed = swept(mali, [], operations=2)
    assert killed["gao"]["fama"] > 0
