"""Replays: per-turn states, series for the charts, key decisions, notes, and forks that replay too."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.bots.policies import POLICIES
from game.engine import Game
from game.record.replay import Replay, monthly_history
from game.record.saves import SaveError, SaveMeta, load, save_as
from game.scenario.models import Measure

SETTINGS = settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def test_each_turn_keeps_its_record_orders_and_state(mini, mini_save) -> None:
    replay = Replay.open(mini_save)
    game, _ = load(mini_save)
    assert len(replay.turns) == mini.calendar.turns
    for number, view in enumerate(replay.turns, start=1):
        assert view.record == game.state.history[number - 1]
        assert [g.order.model_dump() for g in view.orders] == view.record.orders
        at = replay.game_at(number)
        assert (at.turn, at.month) == (number, view.month)
        assert at.pending_log() == view.record.orders, "the map shows the turn with its orders given"
    assert replay.game_at(2) is replay.game_at(2), "jumping back to a turn is a cache hit"
    assert replay.view(2) is replay.view(2), "and so is its view (the engine caches it)"
    with pytest.raises(IndexError, match="turns 1-4"):
        replay.turn(5)


def test_orders_are_grouped_by_the_seat_that_gave_them(mini_save) -> None:
    first = Replay.open(mini_save).turn(1)
    roles = first.orders_by_role()
    assert [g.text for g in roles["facilitator"]] == [
        "Facilitator's note: Watch the centre.",
        "Facilitator overrides consent -3: the host state is angry",
    ]
    assert {g.order.type for g in roles["srsg"]} == {"set_policy"}
    assert {g.order.type for g in roles["comms_chief"]} == {"issue_message"}


def test_series_for_the_charts(mini, mini_save) -> None:
    replay = Replay.open(mini_save)
    turns = mini.calendar.turns
    for region in mini.regions:
        series = replay.credibility[region.id]
        assert len(series) == turns + 1 and series[0] == region.credibility
        assert series[1:] == [v.record.credibility[region.id] for v in replay.turns]
    assert replay.national_credibility[-1] == replay.scorecard.national_credibility_end
    assert sum(replay.civilians_per_turn) == sum(replay.scorecard.civilians_by_region.values())
    assert len(replay.historical_civilians()) == turns


def test_monthly_history_spreads_a_period_over_its_months() -> None:
    measures = [
        Measure(period="2019", low=120, high=240, source="x"),
        Measure(period="2021-H1", low=60, high=90, source="y"),
    ]
    assert monthly_history(measures, "2019-07") == (10, 20)
    assert monthly_history(measures, "2021-03") == (10, 15)
    assert monthly_history(measures, "2021-08") is None
    assert monthly_history(measures, "2020-01") is None


def test_key_decisions_say_who_decided_and_when_the_default_stood(mini_save) -> None:
    decisions = Replay.open(mini_save).decisions()
    renewal = [d for d in decisions if d.subject != "Policy" and d.turn == 3]
    assert renewal and renewal[0].role == "srsg" and renewal[0].chosen
    policies = [d for d in decisions if d.subject == "Policy"]
    assert {d.turn for d in policies} == {1} and len(policies) == 4
    assert all(d.role == "srsg" for d in policies)


def test_notes_from_play_and_from_the_save_are_merged(mini_save) -> None:
    notes = Replay.open(mini_save).notes()
    assert notes == {1: ["Watch the centre."], 2: ["Why Gao?"]}


def test_fork_at_a_turn_starts_from_that_turn_and_names_its_parent(mini, mini_save) -> None:
    replay = Replay.open(mini_save)
    game, meta = replay.fork(3)
    assert (game.state.turn, len(game.state.history), game.state.phase) == (3, 2, "orders")
    assert game.state.current.orders == [] and game.state.current.cards == replay.turn(3).record.cards
    assert (meta.parent, meta.fork_turn) == (mini_save.name, 3)
    assert meta.notes == {2: "Why Gao?"} and meta.game_id != replay.meta.game_id
    with pytest.raises(SaveError, match="cannot fork at turn 9"):
        replay.fork(9)


@SETTINGS
@given(
    seed=st.integers(0, 5_000),
    parent_policy=st.sampled_from(sorted(POLICIES)),
    fork_policy=st.sampled_from(sorted(POLICIES)),
    fork_turn=st.integers(1, 4),
)
def test_forks_replay_too(mini, seed, parent_policy, fork_policy, fork_turn) -> None:
    parent = Game.new(mini, seed)
    while not parent.is_over():
        POLICIES[parent_policy].play(parent)
        parent.end_turn()
    path = save_as(parent, SaveMeta(mode="solo", seats={"srsg": "Ana"}), f"parent {seed}")
    replay = Replay.open(path)

    same, _ = replay.fork(fork_turn)  # the parent's own orders from the fork turn give the parent back
    for view in replay.turns[fork_turn - 1 :]:
        for logged in view.orders:
            same.apply(logged.order)
        same.end_turn()
    assert same.state.digest() == parent.state.digest()

    fork, meta = replay.fork(fork_turn)  # other orders: a new game that saves and loads on its own
    while not fork.is_over():
        POLICIES[fork_policy].play(fork)
        fork.end_turn()
    loaded, loaded_meta = load(save_as(fork, meta, meta.name))
    assert loaded.state.to_json() == fork.state.to_json()
    assert (loaded_meta.parent, loaded_meta.fork_turn) == (path.name, fork_turn)
    assert loaded.state.history[: fork_turn - 1] == parent.state.history[: fork_turn - 1]


def test_a_save_with_no_turn_played_opens_with_no_turns(mini, meta) -> None:
    replay = Replay.open(save_as(Game.new(mini, 1), meta, "fresh"))
    assert replay.turns == [] and replay.national_credibility == [replay.national_credibility[0]]
