"""Each side's objectives (rules.md §12.1): red gains what the mission and the state lose."""

from __future__ import annotations

from game.engine import Game
from game.engine.objectives import green_score, red_score, score_lines, side_scores
from game.engine.sides import RED


def test_at_the_start_no_side_has_scored(mini) -> None:
    game = Game.new(mini, seed=5)
    for card in side_scores(game.scenario, game.state):
        assert card.total == 0 and card.verdict == "its campaign failed"


def test_red_scores_lost_credibility_presence_support_and_cut_mandates(mini) -> None:
    game = Game.new(mini, seed=5)
    state = game.state
    for region in state.regions.values():
        region.credibility -= 10
    first = next(iter(state.regions.values()))
    first.host_presence -= 2
    state.mandate_support -= 4
    state.mandate_outcomes = ["2100:reduced"]
    card = red_score(game.scenario, state)
    assert [o.points for o in card.objectives] == [10, 6, 4, 10]
    assert card.total == 30 and card.verdict == "its campaign succeeded"
    assert card.held_by == "its bot"
    state.sides[RED] = "human"
    assert red_score(game.scenario, state).held_by == "a human cell"
    green = green_score(game.scenario, state)
    assert green.objectives[0].points == -6 and green.verdict == "its campaign failed"


def test_green_scores_presence_and_consent_and_loses_by_its_dead(mini) -> None:
    game = Game.new(mini, seed=5)
    state = game.state
    next(iter(state.regions.values())).host_presence += 3
    state.consent += 8
    state.tallies.host_forces_killed = 25
    card = green_score(game.scenario, state)
    assert [o.points for o in card.objectives] == [9, 8, -2]
    assert card.verdict == "its campaign succeeded"
    lines = score_lines(card)
    assert lines[-1] == "Total +15: its campaign succeeded."
    assert any("25 soldiers killed (-2)" in line for line in lines)
