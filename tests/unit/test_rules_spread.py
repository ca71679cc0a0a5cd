"""What being everywhere costs (rules.md §4.3, §4.4, §4.7, §6.2, §6.4, §10), on the small scenario."""

from __future__ import annotations

import pytest

from game.engine import Game
from game.engine import orders as O
from game.engine import tables as T
from game.engine.adjudicate import civilian_protection, resolve_civilian_attack
from game.engine.context import Context, cause
from game.engine.state import Modifier
from game.engine.turn import _host_force_conduct, _supply_convoys, _threat_drift, _tier_three

SOURCE = cause("adversary", "civilians", "a test strike")


@pytest.fixture
def game(mini) -> Game:
    return Game.new(mini, seed=5)


def labels(ctx: Context, region: str, **kwargs: bool) -> dict[str, int]:
    return dict(civilian_protection(ctx, region, **kwargs).items)


def every_die(ctx: Context, value: int) -> list[str]:
    """Every die and every sum of dice of this context gives `value`; returns what was rolled for."""
    asked: list[str] = []

    def roll(*args: int | str) -> int:
        asked.append(str(args[-1]))
        return value

    ctx.die = roll  # type: ignore[method-assign,assignment]
    ctx.dice = roll  # type: ignore[method-assign,assignment]
    return asked


def test_a_quick_reaction_unit_gone_to_another_region_answers_nothing_else(game: Game) -> None:
    game.state.units["mtf"].posture = "quick_reaction"
    game.state.regions["north"].warning = 1
    ctx = game.context()
    road = "quick reaction by Mobile Task Force by road from South"
    assert road in labels(ctx, "centre")
    assert any("projected by air" in label for label in labels(ctx, "north"))
    resolve_civilian_attack(ctx, "centre", "jnim", 10, SOURCE)
    assert "mtf" in ctx.committed
    assert road not in labels(ctx, "centre")
    assert not any("projected by air" in label for label in labels(ctx, "north"))
    assert any("committed there" in change.summary for change in game.state.current.changes)


def test_a_quick_reaction_unit_at_home_answers_one_attack_too(game: Game) -> None:
    game.state.units["inf_b"].posture = "quick_reaction"
    ctx = game.context()
    at_home = "quick reaction by Infantry B in the region"
    assert at_home in labels(ctx, "centre")
    resolve_civilian_attack(ctx, "centre", "jnim", 10, SOURCE)
    assert ctx.committed == {"inf_b"}
    assert at_home not in labels(ctx, "centre")


@pytest.mark.parametrize(("roll", "mined"), [(1, True), (2, False)])
def test_a_bases_convoy_is_mined_where_the_roads_are_threatened(game: Game, roll: int, mined: bool) -> None:
    game.apply(O.OpenBase(unit="inf_b"))  # centre: JNIM threat 3, mined on 1d6 <= 1
    ctx = game.context()
    asked = every_die(ctx, roll)
    _supply_convoys(ctx)
    assert asked[0] == "the road to the base in Centre"
    assert ("defence of Infantry B" in asked) == mined  # the mine is resolved as an attack on the unit


def test_no_convoy_is_mined_where_the_roads_are_quiet(game: Game) -> None:
    game.apply(O.OpenBase(unit="inf_b"))
    game.state.regions["centre"].threat["jnim"] = T.EXPOSED_THREAT - 1
    ctx = game.context()
    asked = every_die(ctx, 1)
    _supply_convoys(ctx)
    assert not asked


def test_a_warning_no_one_answers_adds_at_most_one(game: Game) -> None:
    game.state.regions["centre"].warning = T.WARNING_MAX
    items = labels(game.context(), "centre")
    unanswered = "early warning level 3, with no response or helicopter to act on it"
    assert items[unanswered] == T.WARNING_UNANSWERED_MAX
    game.apply(O.TaskAviation(asset="gunship", region="centre"))
    items = labels(game.context(), "centre")
    assert items["early warning level 3"] == T.WARNING_MAX - T.WARNING_OFFSET


def test_tier_three_brings_the_state_back_one_level_above_its_start_at_most(game: Game) -> None:
    region = game.state.regions["north"]  # no militia there to calm
    region.tier_three = 3
    ctx = game.context()
    every_die(ctx, 1)
    for _ in range(4):
        _tier_three(ctx, "north")
    assert region.host_presence == game.index.regions["north"].host_presence + T.TIER_THREE_STATE_ABOVE_START


def test_the_missions_checks_on_the_army_take_at_most_two(game: Game) -> None:
    game.apply(O.SetPolicy(name="orientation", value="people_centred"))
    game.state.regions["centre"].tier_three = 1  # and the formed police unit stands in the centre
    game.state.modifiers.append(Modifier(key="host_operations", value=2, last_turn=99, source="test"))
    ctx = game.context()
    every_die(ctx, 1)
    _host_force_conduct(ctx)
    abuse = next(
        c
        for c in game.state.current.changes
        if c.kind == "civilians_killed" and c.target.startswith("centre")
    )
    detail = abuse.causes[-1].detail
    level = game.state.regions["centre"].threat["fama"]
    assert f"against {level + 2 - T.HOST_CHECKS_MAX} " in detail  # not level + 2 - 3
    assert f"count at most -{T.HOST_CHECKS_MAX} together" in detail


def test_trust_and_a_base_together_pull_a_group_down_by_at_most_one(game: Game) -> None:
    game.apply(O.OpenBase(unit="inf_b"))
    region = game.state.regions["centre"]
    region.credibility = T.TRUSTED_AT
    ctx = game.context()
    every_die(ctx, T.THREAT_UP_AT - T.MISSION_THREAT_MAX)  # grows only if the pull is -1, not -2
    before = region.threat["jnim"]
    _threat_drift(ctx, "centre", 0)
    assert region.threat["jnim"] == before + 1
    change = next(c for c in game.state.current.changes if c.kind == "threat" and "JNIM" in c.summary)
    assert "the mission's own pull on the groups is at most -1" in change.causes[0].detail
