"""The green cell (rules.md §9.1): where a scenario allows it, a human moves and commits the army."""

from __future__ import annotations

import pytest

from game.engine import Game
from game.engine import orders as O
from game.engine.sides import GREEN, sides
from game.scenario.loader import scenario_hash


@pytest.fixture
def green_scenario(mini):
    return mini.model_copy(update={"host_state_seat": True})


def green_game(scenario) -> Game:
    game = Game.new(scenario, seed=5)
    game.apply(O.HandSide(side=GREEN, to="human"))
    return game


def linked_pair(game: Game) -> tuple[str, str]:
    return next(
        (origin, to)
        for origin in game.index.region_order
        for to in game.index.links[origin]
        if game.state.regions[origin].host_presence > 0 and game.state.regions[to].host_presence < 5
    )


def test_only_a_scenario_that_defines_it_offers_the_host_state_as_a_side(mini, green_scenario) -> None:
    assert GREEN not in sides(mini) and GREEN in sides(green_scenario)
    game = Game.new(mini, seed=5)
    assert "no side" in (game.why_illegal(O.HandSide(side=GREEN, to="human")) or "")
    assert scenario_hash(mini) != scenario_hash(green_scenario)
    assert "host_state_seat" not in mini.model_dump_json(), "scenarios without the seat keep their hash"


def test_green_orders_are_refused_while_the_rules_play_the_host_state(green_scenario) -> None:
    game = Game.new(green_scenario, seed=5)
    origin, to = linked_pair(game)
    reason = game.why_illegal(O.RedeployArmy(origin=origin, destination=to), GREEN) or ""
    assert "played by its rules" in reason


def test_the_army_redeploys_once_a_turn_along_a_road_with_the_cause_recorded(green_scenario) -> None:
    game = green_game(green_scenario)
    origin, to = linked_pair(game)
    before = (game.state.regions[origin].host_presence, game.state.regions[to].host_presence)
    game.apply(O.RedeployArmy(origin=origin, destination=to), GREEN)
    after = (game.state.regions[origin].host_presence, game.state.regions[to].host_presence)
    assert after == (before[0] - 1, before[1] + 1)
    changes = [c for c in game.state.current.changes if c.kind == "host_presence"]
    assert len(changes) == 2 and all(c.causes[0].kind == "order" for c in changes)
    again = O.RedeployArmy(origin=to, destination=origin)
    assert "at most 1 a turn" in (game.why_illegal(again, GREEN) or "")


def test_an_offensive_weakens_the_strongest_group_and_its_sweep_counts_this_turn_only(green_scenario) -> None:
    game = green_game(green_scenario)
    region = next(
        r
        for r in game.index.region_order
        if game.state.regions[r].host_presence >= 2
        and any(game.state.regions[r].threat.get(a, 0) > 0 for a in game.index.armed_actors)
    )
    threat = game.state.regions[region].threat
    level, actor = max((v, a) for a, v in threat.items() if a in game.index.armed_actors and v > 0)
    game.apply(O.ArmyOffensive(region=region), GREEN)
    assert game.state.regions[region].threat[actor] == level - 1
    assert game.context().modifier_total("host_operations") >= 1
    game.end_turn()
    assert not any("offensive" in m.source for m in game.state.modifiers), "the sweep lasts one turn"


def test_with_the_rules_holding_green_the_game_is_the_same(mini, green_scenario) -> None:
    plain, offered = Game.new(mini, seed=9), Game.new(green_scenario, seed=9)
    for _ in range(3):
        plain.end_turn()
        offered.end_turn()
    assert plain.state.to_json() == offered.state.to_json()


def test_a_game_with_red_and_green_cells_replays_digest_by_digest(green_scenario) -> None:
    from game.bots.policies import POLICIES
    from game.bots.red import play_red
    from game.engine.sides import RED
    from game.record import saves

    game = green_game(green_scenario)
    game.apply(O.HandSide(side=RED, to="human"))
    green_orders = 0
    for _ in range(4):
        POLICIES["historical"].play(game)
        for order in game.legal_orders(GREEN)[:2]:
            if game.why_illegal(order, GREEN) is None:
                game.apply(order, GREEN)
                green_orders += 1
        play_red(game)
        game.end_turn()
    assert green_orders >= 4
    meta = saves.SaveMeta(mode="hotseat", seats={"srsg": "Ada", RED: "Bea", GREEN: "Cy"})
    loaded, loaded_meta = saves.load(saves.save_as(game, meta, "three sides"))
    assert loaded.state.digest() == game.state.digest()
    assert loaded_meta.seats[GREEN] == "Cy" and loaded.scenario.host_state_seat
    kinds = {o["type"] for record in loaded.state.history for o in record.orders}
    assert {"armed_strike", "redeploy_army", "hand_side"} <= kinds


def test_the_green_view_knows_its_army_sees_the_groups_by_band_and_not_the_missions_plans(
    green_scenario,
) -> None:
    from dataclasses import fields

    from game.engine.view import PARTNER_KINDS

    game = green_game(green_scenario)
    mission_order = game.legal_orders("force_commander")[0]
    game.apply(mission_order, "force_commander")
    origin, to = linked_pair(game)
    game.apply(O.RedeployArmy(origin=origin, destination=to), GREEN)
    game.end_turn()
    game.apply(game.legal_orders("force_commander")[0], "force_commander")
    view = game.observe(GREEN)
    assert view.seat == GREEN and view.orders == () and view.means.budget == 0
    for region in view.regions:
        for threat in region.threats:
            kind = game.index.actors[threat.actor].kind
            assert threat.seen.isdigit() == (kind in PARTNER_KINDS), (threat, kind)
        assert region.warning == 0 and region.tier_one == 0 and not region.exact_threats
    assert all(c.kind != "threat" for t in view.history for c in t.changes)
    assert not {"seed", "rng"} & {f.name for f in fields(view)}
    assert all(o.role != GREEN for o in game.observe("srsg").orders)
