"""Rules, one at a time, on the small test scenario."""

from __future__ import annotations

import pytest

from game.engine import Game, score
from game.engine import orders as O
from game.engine import tables as T
from game.engine.adjudicate import civilian_protection, outcome_for
from game.engine.state import Modifier, PendingInfoAttack
from game.engine.turn import _fit_tier_points, _information, _mandate_renewal, warning_level


@pytest.fixture
def game(mini) -> Game:
    return Game.new(mini, seed=5)


@pytest.mark.parametrize(
    ("roll", "outcome", "percent"),
    [
        (2, "unopposed", 100),
        (7, "unopposed", 100),
        (8, "partly_mitigated", 60),
        (9, "partly_mitigated", 60),
        (10, "mitigated", 30),
        (11, "mitigated", 30),
        (12, "deterred", 10),
        (13, "deterred", 10),
        (14, "prevented", 0),
        (20, "prevented", 0),
    ],
)
def test_resolution_table(roll: int, outcome: str, percent: int) -> None:
    assert outcome_for(roll) == (outcome, percent)


def labels(game: Game, region: str, major: bool = False) -> dict[str, int]:
    return dict(civilian_protection(game.context(), region, major).items)


def test_permanent_presence_protects_more_than_a_patrol(game: Game) -> None:
    game.apply(O.SetPosture(unit="inf_b", posture="patrol"))
    patrol = civilian_protection(game.context(), "centre").total
    game.withdraw(0)
    game.apply(O.OpenBase(unit="inf_b"))
    base = civilian_protection(game.context(), "centre").total
    assert base - patrol == T.TOB_PROTECTION - T.PATROL_PROTECTION


def test_patrols_are_capped(game: Game) -> None:
    game.state.units["inf_a"].region = "centre"
    game.state.units["mtf"].region = "centre"
    for unit in ("inf_a", "inf_b", "mtf"):
        game.state.units[unit].posture = "patrol"
    assert labels(game, "centre")["patrols (transient presence)"] == T.PATROL_PROTECTION_MAX


def test_projection_by_air_needs_warning_and_lift(game: Game) -> None:
    game.state.units["mtf"].posture = "quick_reaction"
    game.state.regions["north"].warning = 0
    assert not any("projected by air" in label for label in labels(game, "north"))
    game.state.regions["north"].warning = 1
    items = labels(game, "north")
    assert items["Mobile Task Force projected by air (Utility) from South"] == T.QRF_BY_AIR + T.MTF_BONUS
    game.state.aviation["lift"].hours = T.QRF_AIR_HOURS - 1
    assert not any("projected by air" in label for label in labels(game, "north"))


def test_caveated_unit_does_not_respond(game: Game) -> None:
    game.state.units["recon"].posture = "patrol"
    assert "patrols (transient presence)" not in labels(game, "north")


def test_large_attacks_and_the_poc_definition(game: Game) -> None:
    game.state.units["inf_b"].posture = "patrol"
    items = labels(game, "centre", major=True)
    assert items["a large, planned attack"] == -T.MAJOR_ATTACK_PENALTY
    assert "PoC defined: one understanding of when to act" not in items
    game.apply(O.SetPolicy(name="poc_definition", value="define_poc"))
    assert labels(game, "centre")["PoC defined: one understanding of when to act"] == 1
    game.state.units["inf_b"].posture = "base"
    game.state.units["recon"].posture = "patrol"
    game.apply(O.SetPolicy(name="poc_definition", value="status_quo"))
    items = labels(game, "north")
    assert items["PoC undefined: caveated units read it their own way"] == -1


def test_a_context_sees_the_orders_applied_through_it(game: Game) -> None:
    """The context caches positions, bases and taskings; each order that changes one refreshes it."""
    ctx = game.context()
    assert not any(
        label.startswith("attack helicopters") for label in dict(civilian_protection(ctx, "centre").items)
    )
    O.apply(O.TaskAviation(asset="gunship", region="centre"), ctx)
    assert "attack helicopters Attack" in dict(civilian_protection(ctx, "centre").items)
    O.apply(O.OpenBase(unit="inf_b"), ctx)
    assert ctx.has_base("centre")
    assert "temporary operating base (permanent presence)" in dict(civilian_protection(ctx, "centre").items)
    O.apply(O.CloseBase(unit="inf_b"), ctx)
    assert not ctx.has_base("centre")
    assert "temporary operating base (permanent presence)" not in dict(
        civilian_protection(ctx, "centre").items
    )


def test_early_warning_sources(game: Game) -> None:
    ctx = game.context()
    level, parts = warning_level(ctx, "centre")
    assert level == 0 and parts == []
    game.apply(O.TaskAviation(asset="heron", region="centre"))
    game.apply(O.SetPocActivity(region="centre", tier="I", points=1))
    level, parts = warning_level(game.context(), "centre")
    assert level == 3
    assert parts == ["ISR Heron +2", "community alert network (Tier I) +1"]


def test_warning_reveals_card_attacks_next_turn(mini) -> None:
    game = Game.new(mini, seed=2)
    game.apply(O.TaskAviation(asset="heron", region="centre"))
    game.end_turn()  # turn 2 opens: the massacre card fires in the centre
    assert game.state.regions["centre"].warning == 2
    attacks = [a for a in game.state.pending_attacks if a.card == "massacre"]
    assert attacks and attacks[0].revealed


def test_unwarned_card_attack_is_hidden(mini) -> None:
    game = Game.new(mini, seed=2)
    game.end_turn()
    attacks = [a for a in game.state.pending_attacks if a.card == "massacre"]
    assert attacks and not attacks[0].revealed


def _land(game: Game, *messages: O.IssueMessage) -> None:
    """Issue messages with no release delay and run the information phase alone."""
    game.state.means.release_delay = 0
    game.state.means.message_slots = len(messages)
    game.state.pending_info.clear()  # a drawn rumour card would blur the arithmetic
    for message in messages:
        game.apply(message)
    ctx = game.context()
    ctx.phase = "information"
    _information(ctx, [])


def test_say_do_gap_costs_credibility(game: Game) -> None:
    promise = O.IssueMessage(theme="protection_promise", channel="radio", audience="centre")
    explain = O.IssueMessage(theme="mandate_explain", channel="radio", audience="centre")
    before = game.state.regions["centre"].credibility
    _land(game, promise, explain)
    say = T.POLICY_SAY["status_quo"] + T.THEME_SAY["protection_promise"] + T.THEME_SAY["mandate_explain"]
    assert game.state.current.say == say and game.state.current.do == 0
    assert say >= T.SAY_DO_SMALL_GAP
    gap_changes = [c for c in game.state.current.changes if "Say-Do gap" in c.summary]
    assert {c.target for c in gap_changes} == {"north", "centre", "south"}
    assert all(c.delta == -T.SAY_DO_SMALL_LOSS for c in gap_changes)
    expected = before + T.THEME_CREDIBILITY["protection_promise"] - T.SAY_DO_SMALL_LOSS
    assert game.state.regions["centre"].credibility == expected


def test_repeated_message_is_ignored(game: Game) -> None:
    promise = O.IssueMessage(theme="protection_promise", channel="radio", audience="centre")
    before = game.state.regions["centre"].credibility
    _land(game, promise, promise)
    tuned_out = [c for c in game.state.current.changes if "people tune out" in c.summary]
    assert len(tuned_out) == 1
    assert game.state.current.say == T.POLICY_SAY["status_quo"] + 2 * T.THEME_SAY["protection_promise"]
    gap = T.SAY_DO_LARGE_LOSS
    assert (
        game.state.regions["centre"].credibility == before + T.THEME_CREDIBILITY["protection_promise"] - gap
    )


def test_counter_rumour_must_land_in_time(game: Game) -> None:
    counter = O.IssueMessage(theme="counter_rumour", channel="radio", audience="centre")
    game.apply(counter)  # with the 1-turn release delay it lands next turn: too late
    game.state.pending_info.append(PendingInfoAttack(region="centre", strength=4, source="test"))
    before = game.state.regions["centre"].credibility
    _information(game.context(), [])
    assert game.state.regions["centre"].credibility <= before - 4
    game.apply(O.SetPolicy(name="irc_under_u3", value="true"))
    assert game.state.means.release_delay == 0
    game.state.messages.clear()
    game.state.means.messages_issued = 0
    game.apply(counter)
    game.state.pending_info.append(PendingInfoAttack(region="centre", strength=4, source="test"))
    before = game.state.regions["centre"].credibility
    _information(game.context(), [])
    hits = [c for c in game.state.current.changes if c.summary == "a hostile narrative in Centre fell flat"]
    assert hits and game.state.tallies.info_attacks_countered == 1


@pytest.mark.parametrize(
    ("support", "case", "outcome"),
    [(100, "poc_first", "poc_first"), (100, "status_quo", "renewed"), (0, "poc_first", "reduced")],
)
def test_mandate_renewal_table(game: Game, support: int, case: str, outcome: str) -> None:
    game.state.mandate_support = support
    game.state.policy.renewal_case = case
    for region in game.state.regions.values():
        region.credibility = 60
    budget, locked = game.state.means.budget_per_turn, list(game.state.means.irc_locked)
    _mandate_renewal(game.context(), "9999")
    assert game.state.mandate_outcomes == [f"9999:{outcome}"]
    if outcome == "poc_first":
        assert game.state.means.budget_per_turn == budget + T.POC_FIRST_MEANS["budget"]
        assert game.state.means.irc_available[-1] == locked[0]
    elif outcome == "reduced":
        assert game.state.means.budget_per_turn == budget + T.REDUCED_MEANS["budget"]
    else:
        assert game.state.means.budget_per_turn == budget


def test_shrinking_capacity_cuts_tier_points(game: Game) -> None:
    game.apply(O.SetPocActivity(region="centre", tier="I", points=3))
    game.state.modifiers.append(Modifier(key="civilian_capacity_pct", value=-40, last_turn=9, source="t"))
    game.state.means.civilian_capacity = 1
    _fit_tier_points(game.context())
    assert game.state.regions["centre"].tier_one == 1
    assert game.state.means.civilian_capacity_used == 1


def test_every_change_has_a_cause(mini) -> None:
    from game.bots.policies import POLICIES, play_game

    game = play_game(Game.new(mini, seed=9), POLICIES["poc-first-mtf-air"])
    changes = [c for record in game.state.history for c in record.changes]
    assert changes
    assert all(change.causes for change in changes)
    kinds = {c.kind for c in changes}
    assert {"credibility", "civilians_killed"} <= kinds


def test_same_seed_same_game_other_seed_other_game(mini) -> None:
    from game.bots.policies import POLICIES, play_game

    a = play_game(Game.new(mini, seed=4), POLICIES["historical"]).state.to_json()
    b = play_game(Game.new(mini, seed=4), POLICIES["historical"]).state.to_json()
    c = play_game(Game.new(mini, seed=5), POLICIES["historical"]).state.to_json()
    assert a == b and a != c


def test_scorecard_compares_with_history(mini) -> None:
    from game.bots.policies import POLICIES, play_game

    game = play_game(Game.new(mini, seed=4), POLICIES["historical"])
    card = score(mini, game.state)
    (civilians,) = [m for m in card.measures if m.name == "civilians killed"]
    total = sum(sum(t.values()) for t in game.state.tallies.civilians_killed.values())
    assert civilians.value == total
    assert civilians.verdict in {"better than history", "as history", "worse than history"}


def test_a_period_still_being_played_gets_no_verdict_against_history(mini) -> None:
    game = Game.new(mini, seed=4)
    game.end_turn()  # one month of the four-month game, of a measure over all 2019
    (civilians,) = [m for m in score(mini, game.state).measures if m.name == "civilians killed"]
    assert not civilians.complete and civilians.verdict == "so far (period not over)"
    while not game.is_over():
        game.end_turn()
    (civilians,) = [m for m in score(mini, game.state).measures if m.name == "civilians killed"]
    assert civilians.complete and civilians.verdict != "so far (period not over)"


def test_fog_of_war_shows_bands_until_warning_is_good(game: Game) -> None:
    from game.engine.fog import visible_threat

    game.state.regions["centre"].warning = 1
    assert visible_threat(game.state, "centre") == {"fama": "medium", "jnim": "medium", "militia": "high"}
    game.state.regions["centre"].warning = 2
    assert visible_threat(game.state, "centre") == {"fama": "2", "jnim": "3", "militia": "4"}
