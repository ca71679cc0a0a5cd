"""Games played by the scripted policies, saved, for the save, replay and report tests."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from game.bots.policies import POLICIES
from game.engine import Game
from game.engine import orders as O
from game.record.saves import SaveMeta, save_as
from game.scenario.models import Scenario

Play = Callable[..., Game]


def play(scenario: Scenario, seed: int = 1, policy: str = "historical", turns: int | None = None) -> Game:
    """A game played by one policy for some turns (all of them by default)."""
    game = Game.new(scenario, seed)
    script = POLICIES[policy]
    while not game.is_over() and (turns is None or len(game.state.history) < turns):
        script.play(game)
        game.end_turn()
    return game


@pytest.fixture
def played() -> Play:
    return play


@pytest.fixture
def meta() -> SaveMeta:
    return SaveMeta(mode="hotseat", seats={"srsg": "Ana", "force_commander": "Bo"}, notes={2: "Why Gao?"})


@pytest.fixture
def mini_save(mini: Scenario, meta: SaveMeta) -> Path:
    """A whole mini game with a facilitator's note and an override, saved."""
    game = Game.new(mini, 5)
    game.apply(O.FacilitatorNote(text="Watch the centre."))
    game.apply(O.OverrideResult(kind="consent", delta=-3, reason="the host state is angry"))
    while not game.is_over():
        POLICIES["poc-first-mtf-air"].play(game)
        game.end_turn()
    return save_as(game, meta, "syndicate A")
