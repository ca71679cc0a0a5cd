"""A game played without its ledger (analysis mode) plays and scores exactly as the full game."""

from __future__ import annotations

import json

import pytest

from game.analysis.montecarlo import measure_game, play_one
from game.bots.policies import POLICIES, play_game
from game.engine import Game
from game.engine.context import READ_BACK
from game.scenario.catalog import find_scenario


def without_explanations(game: Game) -> dict:
    """The final state with the rolls and the changes the rules do not read back left out."""
    data = json.loads(game.state.to_json())
    for record in [*data["history"], data["current"]]:
        record["rolls"] = []
        record["changes"] = [c for c in record["changes"] if c["kind"] in READ_BACK]
    return data


@pytest.mark.parametrize("scenario_name", ["mali-2019", "tutorial"])
@pytest.mark.parametrize("policy", ["historical", "passive", "poc-first-mtf-air", "coa2-define-poc"])
def test_a_game_without_its_ledger_ends_in_the_same_state_and_scores_the_same(
    scenario_name: str, policy: str
) -> None:
    scenario = find_scenario(scenario_name)
    for seed in (1, 2, 3):
        full = play_game(Game.new(scenario, seed, undo=False), POLICIES[policy])
        quiet = play_game(Game.new(scenario, seed, undo=False, ledger=False), POLICIES[policy])
        assert quiet.state.history, "the game was played"
        assert all(not record.rolls for record in quiet.state.history)  # the ledger was off
        assert any(record.rolls for record in full.state.history)
        assert without_explanations(quiet) == without_explanations(full)
        assert measure_game(quiet, policy) == measure_game(full, policy)


def test_analysis_games_keep_no_ledger_unless_a_measure_asks_for_the_game() -> None:
    scenario = find_scenario("tutorial")
    seen: list[Game] = []

    def keep(game: Game, policy: str):
        seen.append(game)
        return measure_game(game, policy)

    default = play_one(scenario, POLICIES["historical"], 4)
    measured = play_one(scenario, POLICIES["historical"], 4, measure=keep)
    assert default == measured
    assert seen and seen[0].ledger and any(record.changes for record in seen[0].state.history)
