"""The red cell: the armed groups' actions as orders, in the bot's limits, with the bot's adjudication."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.bots.policies import POLICIES
from game.bots.red import as_order, bot_choices, play_red
from game.engine import Game, IllegalOrder, adversary, turn
from game.engine import orders as O
from game.engine.sides import RED, held_by
from game.scenario.catalog import find_scenario

HUMAN_RED = O.HandSide(side=RED, to="human")


def red_game(scenario, seed: int = 5) -> Game:
    game = Game.new(scenario, seed)
    game.apply(HUMAN_RED)
    return game


def test_red_orders_are_refused_while_the_bot_plays_the_armed_groups(mini) -> None:
    game = Game.new(mini, seed=5)
    order = as_order(adversary.plan(game.clone().context())[0])
    assert "played by their bot" in (game.why_illegal(order, RED) or "")
    assert held_by(game.state, RED) == "bot"
    assert "sides" not in game.state.to_json(), "a game the bots play keeps its old bytes"


def test_the_bots_choices_are_legal_red_orders_and_the_budget_ends_there(mini) -> None:
    game = red_game(mini)
    choices = bot_choices(game)
    assert len(choices) == adversary.action_count(game.context())
    assert play_red(game) == choices
    extra = O.ArmedStrike(target="civilians", region="centre", actor="jnim")
    assert "used all" in (game.why_illegal(extra, RED) or "")
    with pytest.raises(IllegalOrder):
        game.apply(extra, RED)


def test_limits_presence_and_targets_are_the_bots(mini) -> None:
    game = red_game(mini)
    ctx = game.context()
    absent = next(
        (r, a)
        for r in ctx.index.region_order
        for a in ctx.index.raiders
        if ctx.state.regions[r].threat.get(a, 0) == 0
    )
    problem = game.why_illegal(O.ArmedStrike(target="civilians", region=absent[0], actor=absent[1]), RED)
    assert problem is not None and "not present" in problem
    militia = next(iter(ctx.index.militias))
    home = next(r for r in ctx.index.region_order if ctx.state.regions[r].threat.get(militia, 0) > 0)
    problem = game.why_illegal(O.ArmedStrike(target="civilians", region=home, actor=militia), RED)
    assert problem is not None and "does not make this kind of strike" in problem
    unit = next(iter(game.state.units.values()))
    unit.posture = "base"
    unit.holds_tob = False
    striker = ctx.index.actors_striking("peacekeepers")[0]
    game.state.regions[unit.region].threat[striker] = 5
    order = O.ArmedStrike(target="peacekeepers", region=unit.region, actor=striker, unit=unit.id)
    assert "in its camp" in (game.why_illegal(order, RED) or "")


def test_the_mission_cannot_order_once_the_red_cell_has_begun(mini) -> None:
    game = red_game(mini)
    mission_order = game.legal_orders("srsg")[0]
    play_red(game)
    reason = game.why_illegal(mission_order, "srsg") or ""
    assert "the armed groups are choosing" in reason


def test_red_orders_are_adjudicated_like_the_bots_and_recorded(mini) -> None:
    game = red_game(mini)
    given = play_red(game)
    strikes = [o for o in given if isinstance(o, O.ArmedStrike) and o.target == "civilians"]
    assert strikes
    record = game.end_turn()
    assert len(record.adversary) == len(given)
    assert all("the red cell's choice" in line for line in record.adversary)
    assert any(c.kind == "civilians_killed" or c.kind == "attack" for c in record.changes)
    assert [o for o in record.orders if o["type"] in ("armed_strike", "hostile_narrative")] == [
        o.model_dump(mode="json") for o in given
    ]


def test_a_red_cell_that_gives_no_order_strikes_nothing(mini) -> None:
    game = red_game(mini)
    record = game.end_turn()
    assert record.adversary == []


def test_the_facilitator_hands_red_back_to_the_bot_in_the_log(mini) -> None:
    game = red_game(mini)
    play_red(game)
    back = O.HandSide(side=RED, to="bot")
    assert "withdraw them first" in (game.why_illegal(back) or "")
    while game.pending_orders()[-1].type != "hand_side":
        game.withdraw(len(game.pending_orders()) - 1)
    game.apply(back)
    record = game.end_turn()
    assert record.adversary and not any("red cell" in line for line in record.adversary)
    assert [o["type"] for o in record.orders] == ["hand_side", "hand_side"]
    assert any("human cell" in note for note in record.notes) and any("the bot" in n for n in record.notes)


def test_a_red_order_whose_target_left_is_called_off(mini) -> None:
    game = red_game(mini)
    given = play_red(game)
    game.state.regions[given[0].region].threat.clear()  # as if a card had driven the group out
    record = game.end_turn()
    assert any("called off" in c.summary for c in record.changes)
    assert len(record.adversary) < len(given)


FAST_POLICIES = sorted(name for name, policy in POLICIES.items() if not policy.slow)
PROPERTY = settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@PROPERTY
@given(seed=st.integers(0, 10_000), policy=st.sampled_from(FAST_POLICIES))
def test_with_every_side_its_bot_the_game_is_todays(seed: int, policy: str) -> None:
    """Routing the adversary phase through the sides changes nothing while the bot holds red:
    the same game as feeding adversary.plan to the adjudication directly, byte for byte."""
    scenario = find_scenario("tutorial")
    ours, todays = Game.new(scenario, seed), Game.new(scenario, seed)
    original = turn.choose_actions
    while not ours.is_over():
        POLICIES[policy].play(ours)
        POLICIES[policy].play(todays)
        ours.end_turn()
        turn.choose_actions = adversary.plan  # type: ignore[assignment]  (today's adversary phase)
        try:
            todays.end_turn()
        finally:
            turn.choose_actions = original
        assert ours.state.to_json() == todays.state.to_json()


@PROPERTY
@given(seed=st.integers(0, 10_000))
def test_a_red_cell_playing_the_bots_choices_stays_legal_all_game(seed: int) -> None:
    scenario = find_scenario("tutorial")
    game = red_game(scenario, seed)
    while not game.is_over():
        POLICIES["historical"].play(game)
        choices = bot_choices(game)
        assert play_red(game) == choices, "every choice of the bot is a legal red order"
        game.end_turn()


def test_a_game_with_a_red_cell_saves_and_replays_digest_by_digest() -> None:
    from game.record import saves

    game = red_game(find_scenario("tutorial"), seed=3)
    for _ in range(4):
        POLICIES["historical"].play(game)
        play_red(game)
        game.end_turn()
    play_red(game)  # a turn in progress: the red cell's pending orders are saved too
    meta = saves.SaveMeta(mode="hotseat", seats={"srsg": "Ada", RED: "Bea"})
    path = saves.save_as(game, meta, "red-cell")
    loaded, loaded_meta = saves.load(path)
    assert loaded.state.digest() == game.state.digest()
    assert loaded_meta.seats[RED] == "Bea"
    assert held_by(loaded.state, RED) == "human"
    logged = [o["type"] for record in loaded.state.history for o in record.orders]
    assert logged.count("armed_strike") + logged.count("hostile_narrative") >= 4


def test_a_fork_of_a_red_cell_game_keeps_the_red_cell_and_its_orders(tmp_path) -> None:
    from game.record import saves
    from game.record.replay import Replay

    game = red_game(find_scenario("tutorial"), seed=3)
    for _ in range(3):
        POLICIES["historical"].play(game)
        play_red(game)
        game.end_turn()
    meta = saves.SaveMeta(mode="hotseat", seats={"srsg": "Ada", RED: "Bea"})
    replay = Replay.open(saves.save_as(game, meta, "parent"))
    forked, fork_meta = replay.fork(3)
    assert held_by(forked.state, RED) == "human" and fork_meta.seats[RED] == "Bea"
    assert sum(o["type"] == "armed_strike" for r in forked.state.history for o in r.orders) >= 2
    POLICIES["historical"].play(forked)
    assert play_red(forked)
    forked.end_turn()
    loaded, _ = saves.load(saves.save_as(forked, fork_meta, "fork"))
    assert loaded.state.digest() == forked.state.digest()
