"""Rules an instructor's first game tripped on: stand-down, social media, silent attacks, the renewal case."""

from __future__ import annotations

import pytest

from game.engine import Game, IllegalOrder
from game.engine import orders as O
from game.engine.adjudicate import (
    resolve_civilian_attack,
    resolve_host_force_attack,
    resolve_peacekeeper_attack,
)
from game.engine.cards import default_option, fire, resolve_choices
from game.engine.context import cause
from game.engine.score import say_do_gap
from game.engine.state import Message


@pytest.fixture
def game(mini) -> Game:
    return Game.new(mini, seed=11)


def test_standing_down_gives_back_the_hours_charged_this_turn(game: Game) -> None:
    hours = game.state.aviation["gunship"].hours
    game.apply(O.TaskAviation(asset="gunship", region="centre"))
    assert game.state.aviation["gunship"].hours < hours
    game.apply(O.TaskAviation(asset="gunship", region=None))
    assert game.state.aviation["gunship"].hours == hours
    refund = game.state.current.changes[-1]
    assert refund.delta > 0 and "stands down" in refund.summary and "not flown" in refund.summary


def test_standing_down_an_untasked_asset_says_there_is_nothing_to_stand_down(game: Game) -> None:
    with pytest.raises(IllegalOrder) as refused:
        game.apply(O.TaskAviation(asset="gunship", region=None))
    assert refused.value.reason == "Attack has no tasking to stand down from"
    game.apply(O.TaskAviation(asset="gunship", region="centre"))
    assert game.why_illegal(O.TaskAviation(asset="gunship", region="centre")) == (
        "Attack is already tasked over Centre"
    )


def test_social_media_to_the_north_is_refused_with_the_reason(game: Game) -> None:
    reason = game.why_illegal(
        O.IssueMessage(theme="protection_promise", channel="social_media", audience="north")
    )
    assert reason is not None and "social media does not reach North" in reason
    south = O.IssueMessage(theme="protection_promise", channel="social_media", audience="south")
    assert game.why_illegal(south) is None


def test_a_national_social_media_message_says_where_it_did_not_reach(game: Game) -> None:
    game.state.messages.append(
        Message(
            theme="protection_promise",
            channel="social_media",
            audience="national",
            issued_turn=1,
            lands_turn=1,
        )
    )
    record = game.end_turn()
    lines = [c.summary for c in record.changes if "did not reach" in c.summary]
    assert lines == [
        "'protection promise' by social media did not reach North, Centre: "
        "social media reaches only the south"
    ]


@pytest.mark.parametrize("target", ["peacekeepers", "civilians", "host_forces"])
def test_an_attack_that_harms_no_one_still_gets_an_outcome_line(game: Game, target: str) -> None:
    ctx = game.context()
    ctx.phase = "adjudication"
    source = cause("adversary", target, "a test strike")
    before = len(game.state.current.changes)
    if target == "peacekeepers":
        resolve_peacekeeper_attack(ctx, "inf_a", "jnim", 0, 0, 0, source)
    elif target == "civilians":
        game.state.regions["north"].credibility = 100  # a success gains nothing at the ceiling
        resolve_civilian_attack(ctx, "north", "jnim", 0, source)
    else:
        resolve_host_force_attack(ctx, "centre", "jnim", 0, source)
    lines = game.state.current.changes[before:]
    outcome = [c for c in lines if c.kind == "attack"]
    assert len(outcome) == 1, [c.summary for c in lines]
    assert outcome[0].summary.startswith("JNIM attacked") and "no one killed or wounded" in outcome[0].summary
    assert outcome[0].causes[0] == source  # the "why?" names the attack


def test_an_attack_that_kills_gets_no_extra_outcome_line(game: Game) -> None:
    ctx = game.context()
    before = len(game.state.current.changes)
    resolve_host_force_attack(ctx, "centre", "jnim", 5, cause("adversary", "host_forces", "a test strike"))
    assert [c.kind for c in game.state.current.changes[before:]] == ["host_forces_killed"]


def test_the_renewal_card_decision_counts_and_defaults_to_the_standing_case(game: Game) -> None:
    ctx = game.context()
    card = game.index.cards["renewal"]
    assert default_option(ctx, card) == "status_quo"
    game.apply(O.SetPolicy(name="renewal_case", value="poc_first"))
    assert default_option(ctx, card) == "poc_first"
    fire(ctx, card, ["south"])
    resolve_choices(ctx)  # nobody decided: the standing case is argued
    assert game.state.current.decisions["renewal"] == "poc_first"
    fire(ctx, card, ["south"])
    game.apply(O.DecideCard(card="renewal", option="status_quo"))
    resolve_choices(ctx)  # a decision on the card overrides the standing case
    assert game.state.current.decisions["renewal"] == "status_quo"


def test_say_do_gap_is_say_beyond_do_and_never_negative() -> None:
    assert say_do_gap(5, 2) == 3
    assert say_do_gap(1, 6) == 0
    assert say_do_gap(2, 2) == 0


@pytest.mark.parametrize(
    ("order", "text"),
    [
        (O.TaskAviation(asset="heron", region="centre"), "Task the Heron over Centre"),
        (O.TaskAviation(asset="heron", region=None), "Stand the Heron down"),
        (O.MoveUnit(unit="inf_a", to="centre", mode="air"), "Move the Infantry A to Centre by air"),
        (
            O.SetPosture(unit="mtf", posture="quick_reaction"),
            "Put the Mobile Task Force in quick reaction posture",
        ),
        (O.SetPolicy(name="irc_under_u3", value="true"), "All IRCs report to the U3: yes"),
        (O.SetPocActivity(region="north", tier="I", points=1), "Tier I activities in North: 1 point"),
        (O.DecideCard(card="renewal", option="poc_first"), "Decide 'Mandate renewal': PoC as first priority"),
        (
            O.IssueMessage(theme="define_poc", channel="key_leader_engagement", audience="national"),
            "Message 'define PoC' by key leader engagement to the national audience",
        ),
    ],
)
def test_orders_are_described_in_the_scenarios_names(game: Game, order: O.Order, text: str) -> None:
    assert O.describe(order, game.context()) == text
