"""rules.md §7 Credibility, one test per rule, each played through the engine on the small scenario."""

from __future__ import annotations

import pytest

from game.engine import Game
from game.engine import orders as O
from game.engine import tables as T
from game.engine.adjudicate import civilian_protection, resolve_civilian_attack, resolve_peacekeeper_attack
from game.engine.context import Context, cause
from game.engine.score import national, national_credibility
from game.engine.turn import _assessment
from game.engine.wording import credibility_band

SOURCE = cause("adversary", "civilians", "a test strike")
LOWEST_ROLL = {name: lowest for lowest, name, _ in T.OUTCOME_TABLE} | {"unopposed": 7}


@pytest.fixture
def game(mini) -> Game:
    return Game.new(mini, seed=5)


def rolled(ctx: Context, modified: int, protection: int) -> None:
    """The next 2d6 of this context gives `modified` once protection is added."""
    ctx.dice = lambda count, sides, purpose: modified - protection  # type: ignore[method-assign]


def strike(game: Game, region: str, unopposed: int, outcome: str) -> Context:
    """A militia strike on civilians whose roll gives `outcome`."""
    ctx = game.context()
    major = unopposed >= T.MAJOR_ATTACK_DEATHS
    rolled(ctx, LOWEST_ROLL[outcome], civilian_protection(ctx, region, major).total)
    assert resolve_civilian_attack(ctx, region, "militia", unopposed, SOURCE) == outcome
    return ctx


def credibility_changes(game: Game, summary: str) -> dict[str, int]:
    return {
        c.target: c.delta
        for c in game.state.current.changes
        if c.kind == "credibility" and summary in c.summary
    }


def test_national_credibility_is_the_mean_over_regions_rounded_down(game: Game) -> None:
    for region, value in zip(("north", "centre", "south"), (50, 41, 60), strict=True):
        game.state.regions[region].credibility = value
    assert national_credibility(game.state) == (50 + 41 + 60) // 3 == 50
    assert national({"a": 1, "b": 2}) == 1  # rounded down, not to nearest


@pytest.mark.parametrize(
    ("value", "word"),
    [(100, "trusted"), (60, "trusted"), (59, "mixed"), (40, "mixed"), (39, "doubtful"), (20, "doubtful"),
     (19, "hostile"), (0, "hostile")],
)  # fmt: skip
def test_credibility_bands(value: int, word: str) -> None:
    assert credibility_band(value)[1] == word


def test_civilians_killed_cost_one_point_per_8_deaths_where_mission_units_stand(game: Game) -> None:
    assert game.context().units_in("centre")
    strike(game, "centre", 17, "unopposed")
    assert credibility_changes(game, "civilians killed") == {"centre": -3}  # 17 / 8, rounded up


def test_civilians_killed_cost_one_point_per_16_deaths_where_no_unit_stands(game: Game) -> None:
    for unit in game.state.units.values():
        if unit.region == "north":
            unit.region = "centre"
    strike(game, "north", 17, "unopposed")
    assert credibility_changes(game, "civilians killed") == {"north": -2}  # 17 / 16, rounded up


def test_civilian_deaths_cost_at_most_12_points_an_attack(game: Game) -> None:
    strike(game, "centre", 200, "unopposed")
    assert credibility_changes(game, "civilians killed") == {"centre": -T.CIVILIAN_DEATHS_CREDIBILITY_CAP}


@pytest.mark.parametrize(
    ("outcome", "unopposed", "malus"),
    [
        ("unopposed", 20, True),
        ("partly_mitigated", 40, True),
        ("mitigated", 70, False),
        ("unopposed", 19, False),
    ],
)
def test_20_or_more_killed_unopposed_or_partly_mitigated_where_units_stand_costs_2_more(
    game: Game, outcome: str, unopposed: int, malus: bool
) -> None:
    strike(game, "centre", unopposed, outcome)
    expected = {"centre": -T.FAILED_DESPITE_PRESENCE} if malus else {}
    assert credibility_changes(game, "peacekeepers were there") == expected


def test_30_or_more_killed_in_one_attack_cost_linked_regions_and_mandate_support(game: Game) -> None:
    support = game.state.mandate_support
    strike(game, "centre", 30, "unopposed")
    assert credibility_changes(game, "news of the massacre") == {
        "north": -T.MASSACRE_NEIGHBOUR_LOSS,
        "south": -T.MASSACRE_NEIGHBOUR_LOSS,
    }
    assert game.state.mandate_support == support - T.MASSACRE_MANDATE_LOSS
    told = sum("news of the massacre" in c.summary for c in game.state.current.changes)
    strike(game, "north", 29, "unopposed")
    assert sum("news of the massacre" in c.summary for c in game.state.current.changes) == told


@pytest.mark.parametrize("outcome", ["prevented", "deterred", "mitigated"])
def test_attack_prevented_deterred_or_mitigated_gains_credibility(game: Game, outcome: str) -> None:
    strike(game, "centre", 10, outcome)
    assert credibility_changes(game, f"the mission {outcome}") == {"centre": T.OUTCOME_CREDIBILITY[outcome]}


def test_the_first_attack_prevented_in_a_turn_gives_one_point_of_mandate_support(game: Game) -> None:
    support = game.state.mandate_support
    strike(game, "centre", 10, "prevented")
    strike(game, "north", 10, "prevented")
    assert game.state.mandate_support == support + T.PREVENTED_MANDATE_SUPPORT


def test_a_tob_in_the_region_gains_1_per_turn(game: Game) -> None:
    unit = next(u for u in game.state.units.values() if u.region == "centre")
    unit.holds_tob = True
    _assessment(game.context())
    assert credibility_changes(game, "a permanent presence") == {"centre": T.TOB_CREDIBILITY_PER_TURN}


@pytest.mark.parametrize(("points", "orientation", "gain"), [(1, "state_centred", 1), (3, "state_centred", 2),
                                                             (3, "people_centred", 3)])  # fmt: skip
def test_tier_one_gains_1_per_point_at_most_2_and_1_more_people_centred(
    game: Game, points: int, orientation: str, gain: int
) -> None:
    game.state.regions["centre"].tier_one = points
    game.state.policy.orientation = orientation
    _assessment(game.context())
    assert credibility_changes(game, "Tier I") == {"centre": gain}


def test_the_missions_partners_harming_civilians_costs_1(game: Game) -> None:
    ctx = game.context()
    resolve_civilian_attack(ctx, "centre", "fama", 5, SOURCE)
    assert credibility_changes(game, "partners harmed civilians") == {"centre": -T.PARTNER_HARM_CREDIBILITY}


def test_a_peacekeeping_unit_that_repels_an_attack_without_loss_gains_1(game: Game) -> None:
    ctx = game.context()
    rolled(ctx, 20, 0)
    resolve_peacekeeper_attack(ctx, "inf_b", "jnim", 4, 0, 0, SOURCE)
    assert credibility_changes(game, "repelled an attack") == {"centre": T.REPELLED_ATTACK_CREDIBILITY}
    rolled(ctx, 2, 0)
    resolve_peacekeeper_attack(ctx, "inf_b", "jnim", 4, 0, 0, SOURCE)
    assert len(credibility_changes(game, "repelled an attack")) == 1  # a loss earns nothing


def test_changing_the_poc_definition_after_turn_1_costs_2_everywhere(game: Game) -> None:
    game.apply(O.SetPolicy(name="poc_definition", value="define_poc"), "srsg")
    assert credibility_changes(game, "changed its PoC line") == {}  # the first turn's choice is free
    game.end_turn()
    before = {r: s.credibility for r, s in game.state.regions.items()}
    game.apply(O.SetPolicy(name="poc_definition", value="avoid_term"), "srsg")
    changes = credibility_changes(game, "changed its PoC line")
    assert set(changes) == set(before)
    for region, delta in changes.items():
        ceiling = before[region] <= T.DISTRUST_FLOOR
        assert delta == (-T.POLICY_CHANGE_CREDIBILITY // 2 if ceiling else -T.POLICY_CHANGE_CREDIBILITY)


@pytest.mark.parametrize(
    ("before", "delta", "after"),
    [(59, 4, 63), (60, 4, 62), (60, 3, 61), (79, 4, 81), (80, 4, 81), (80, 3, 80), (50, -4, 46), (21, -4, 17),
     (20, -4, 18), (20, -3, 19)],
)  # fmt: skip
def test_credibility_is_lost_faster_than_won_and_moves_little_at_the_extremes(
    game: Game, before: int, delta: int, after: int
) -> None:
    game.state.regions["centre"].credibility = before
    game.context().credibility("centre", delta, "a test", [SOURCE])
    assert game.state.regions["centre"].credibility == after


def test_credibility_stays_between_0_and_100(game: Game) -> None:
    ctx = game.context()
    ctx.credibility("centre", -500, "a test", [SOURCE])
    assert game.state.regions["centre"].credibility == T.CREDIBILITY_MIN
    game.state.regions["south"].credibility = 99
    ctx.credibility("south", 500, "a test", [SOURCE])  # quartered: +125
    assert game.state.regions["south"].credibility == T.CREDIBILITY_MAX


def test_going_back_to_a_dropped_poc_line_costs_more(game: Game) -> None:
    game.end_turn()
    game.apply(O.SetPolicy(name="poc_definition", value="define_poc"), "srsg")  # leaves the status quo
    assert credibility_changes(game, "changed its PoC line")  # the first change after turn 1 costs too
    game.end_turn()
    for region in game.state.regions.values():
        region.credibility = 50
    game.apply(O.SetPolicy(name="poc_definition", value="status_quo"), "srsg")  # back to a dropped line
    changes = credibility_changes(game, "went back to a PoC line")
    total = T.POLICY_CHANGE_CREDIBILITY + T.POLICY_REVERSAL_CREDIBILITY
    assert changes and set(changes.values()) == {-total}
    assert game.state.policy.lines_left == ["status_quo", "define_poc"]
