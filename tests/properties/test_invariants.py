"""Hypothesis properties over whole games driven by random orders, legal and illegal."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.engine import Game, IllegalOrder
from game.engine.state import GameState
from game.scenario.models import Role

ROLES = [*Role, "facilitator"]
SETTINGS = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def casualty_totals(state: GameState) -> tuple[int, int, int, int]:
    civilians = sum(sum(t.values()) for t in state.tallies.civilians_killed.values())
    return (
        civilians,
        state.tallies.peacekeepers_killed,
        state.tallies.peacekeepers_wounded,
        state.tallies.host_forces_killed,
    )


def check_invariants(game: Game) -> None:
    state = game.state
    assert set(state.units) == set(game.index.units), "units are never created or destroyed"
    for unit_id, unit in state.units.items():
        assert unit.strength >= 1
        assert unit.strength + unit.killed == game.index.units[unit_id].strength
        assert unit.region in state.regions
    for region in state.regions.values():
        assert 0 <= region.credibility <= 100
        assert all(0 <= level <= 5 for level in region.threat.values())
        assert 0 <= region.warning <= 3
        assert 0 <= region.tier_one <= 3 and 0 <= region.tier_three <= 3
    assert 0 <= state.consent <= 100 and 0 <= state.mandate_support <= 100
    assert all(asset.hours >= 0 for asset in state.aviation.values())
    assert state.means.civilian_capacity_used <= max(state.means.civilian_capacity, 0) or not any(
        r.tier_one or r.tier_three for r in state.regions.values()
    )


def play_random(game: Game, data: st.DataObject, orders_per_turn: int = 6) -> list[list[dict]]:
    """Play to the end with random candidate orders; return the accepted orders per turn."""
    log: list[list[dict]] = []
    totals = casualty_totals(game.state)
    while not game.is_over():
        for _ in range(data.draw(st.integers(0, orders_per_turn), label="orders")):
            role = data.draw(st.sampled_from(ROLES), label="role")
            order = data.draw(st.sampled_from(game.candidate_orders(role)), label="order")
            before = game.state.to_json()
            try:
                game.apply(order, role)
            except IllegalOrder:
                assert game.state.to_json() == before, "an illegal order changed the state"
            check_invariants(game)
        log.append(list(game.state.current.orders))
        game.end_turn()
        check_invariants(game)
        now = casualty_totals(game.state)
        assert all(b >= a for a, b in zip(totals, now, strict=True)), "casualty tallies went down"
        totals = now
    return log


def replay(game: Game, log: list[list[dict]]) -> Game:
    from game.engine import ORDER_ADAPTER

    for orders in log:
        for order in orders:
            game.apply(ORDER_ADAPTER.validate_python(order))
        game.end_turn()
    return game


@SETTINGS
@given(seed=st.integers(-(2**63), 2**63 - 1), data=st.data())
def test_random_games_keep_invariants_and_replay_identically(mini, seed: int, data: st.DataObject) -> None:
    game = Game.new(mini, seed)
    log = play_random(game, data)
    again = replay(Game.new(mini, seed), log)
    assert again.state.to_json() == game.state.to_json()
    assert GameState.model_validate_json(game.state.to_json()).to_json() == game.state.to_json()


@SETTINGS
@given(seed=st.integers(0, 10_000), data=st.data())
def test_withdrawing_every_order_restores_the_turn(mini, seed: int, data: st.DataObject) -> None:
    game = Game.new(mini, seed)
    start = game.state.to_json()
    for _ in range(data.draw(st.integers(1, 8))):
        role = data.draw(st.sampled_from(ROLES))
        legal = game.legal_orders(role)
        if legal:
            game.apply(data.draw(st.sampled_from(legal)), role)
    while game.state.current.orders:
        game.withdraw(data.draw(st.integers(0, len(game.state.current.orders) - 1)))
    assert game.state.to_json() == start


@settings(max_examples=3, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.integers(0, 2**32), data=st.data())
def test_full_campaign_random_orders(seed: int, data: st.DataObject) -> None:
    from game.scenario.catalog import find_scenario

    scenario = find_scenario("mali-2019")
    game = Game.new(scenario, seed)
    log = play_random(game, data, orders_per_turn=4)
    assert replay(Game.new(scenario, seed), log).state.digest() == game.state.digest()


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.integers(-(2**63), 2**63 - 1), count=st.integers(0, 5), sides=st.integers(1, 100))
def test_dice_are_the_generator_s_draws(mini, seed: int, count: int, sides: int) -> None:
    """Context.dice inlines rng.below for speed; it must roll exactly what the generator gives."""
    from game.engine import rng

    game = Game.new(mini, seed, undo=False)
    ctx = game.context()
    state, expected = game.state.rng, count
    for _ in range(count):
        state, value = rng.below(state, sides)
        expected += value
    assert ctx.dice(count, sides, "test") == expected
    assert game.state.rng == state
    assert game.state.current.rolls[-1].result == expected
