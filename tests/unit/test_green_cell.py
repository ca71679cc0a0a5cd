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
        flights = [o for o in game.legal_orders("force_commander") if o.type == "task_aviation" and o.region]
        if flights:  # a flight for the host state to clear or refuse
            game.apply(flights[0], "force_commander")
        for order in game.legal_orders(GREEN)[:2]:
            if game.why_illegal(order, GREEN) is None:
                game.apply(order, GREEN)
                green_orders += 1
        refusals = [o for o in game.legal_orders(GREEN) if o.type == "refuse_consent"]
        if refusals:
            game.apply(refusals[-1], GREEN)
        play_red(game)
        game.end_turn()
    assert green_orders >= 4
    meta = saves.SaveMeta(mode="hotseat", seats={"srsg": "Ada", RED: "Bea", GREEN: "Cy"})
    loaded, loaded_meta = saves.load(saves.save_as(game, meta, "three sides"))
    assert loaded.state.digest() == game.state.digest()
    assert loaded_meta.seats[GREEN] == "Cy" and loaded.scenario.host_state_seat
    kinds = {o["type"] for record in loaded.state.history for o in record.orders}
    assert {"armed_strike", "redeploy_army", "refuse_consent", "hand_side"} <= kinds


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


def _tasked_flight(game: Game) -> tuple[str, str]:
    """The mission tasks an attack or ISR aircraft over a region: a flight the host state must clear."""
    order = next(o for o in game.legal_orders("force_commander") if o.type == "task_aviation" and o.region)
    game.apply(order, "force_commander")
    return order.asset, order.region


def test_the_green_cell_refuses_a_flight_clearance_and_the_ledger_says_why(green_scenario) -> None:
    game = green_game(green_scenario)
    asset, region = _tasked_flight(game)
    hours, consent, support = game.state.aviation[asset].hours, game.state.consent, game.state.mandate_support
    refusal = O.RefuseConsent(matter="flights", region=region)
    assert game.why_illegal(refusal, GREEN) is None
    game.apply(refusal, GREEN)
    assert game.state.aviation[asset].tasked_region is None and game.state.aviation[asset].hours > hours
    assert game.state.consent == consent - 2 and game.state.mandate_support == support - 1
    changes = game.state.current.changes
    refused = [c for c in changes if any("green cell's choice" in k.detail for k in c.causes)]
    assert {c.kind for c in refused} == {"means", "consent", "mandate_support"}
    assert "at most 1 a turn" in (game.why_illegal(refusal, GREEN) or "")
    mission_order = game.candidate_orders("force_commander")[0]
    assert "host state is answering" in (game.why_illegal(mission_order, "force_commander") or "")


def test_the_green_cell_refuses_a_new_base_and_the_mission_keeps_its_budget(green_scenario) -> None:
    game = green_game(green_scenario)
    budget = game.state.means.budget
    opened = next(o for o in game.legal_orders("force_commander") if o.type == "open_base")
    game.apply(opened, "force_commander")
    region = game.state.units[opened.unit].region
    assert game.why_illegal(O.RefuseConsent(matter="base", region=region), GREEN) is None
    other = next(r for r in game.index.region_order if r != region)
    elsewhere = O.RefuseConsent(matter="base", region=other)
    assert "asks for no new base" in (game.why_illegal(elsewhere, GREEN) or "")
    game.apply(O.RefuseConsent(matter="base", region=region), GREEN)
    assert not game.state.units[opened.unit].holds_tob and game.state.means.budget == budget
    record = game.end_turn()
    assert not any("grants a temporary operating base" in note for note in record.notes)


def test_requests_the_green_cell_lets_pass_are_granted_in_the_log_and_the_rules_say_nothing(
    green_scenario,
) -> None:
    game = green_game(green_scenario)
    _tasked_flight(game)
    record = game.end_turn()
    assert any("grants flight clearances" in note and "green cell's choice" in note for note in record.notes)
    ruled = Game.new(green_scenario, seed=5)
    _tasked_flight(ruled)
    assert not any("grants" in note for note in ruled.end_turn().notes), "the rules grant without a word"


def test_the_green_side_goes_back_to_its_rules_only_once_its_orders_are_withdrawn(green_scenario) -> None:
    game = green_game(green_scenario)
    origin, to = linked_pair(game)
    game.apply(O.RedeployArmy(origin=origin, destination=to), GREEN)
    assert "withdraw them first" in (game.why_illegal(O.HandSide(side=GREEN, to="bot")) or "")
    game.withdraw(len(game.pending_orders()) - 1)
    game.apply(O.HandSide(side=GREEN, to="bot"))
    assert game.held_by(GREEN) == "bot"


def test_the_green_view_reads_what_its_refusal_did_but_not_the_missions_means(green_scenario) -> None:
    game = green_game(green_scenario)
    _, region = _tasked_flight(game)
    game.apply(O.RefuseConsent(matter="flights", region=region), GREEN)
    record = game.end_turn()
    seen = game.observe(GREEN).turn_view(record.turn)
    kinds = {c.kind for c in seen.changes if any(k.ref == "refuse_consent" for k in c.causes)}
    assert kinds == {"consent", "mandate_support"}, "its refusal's effects, never the mission's hours"
    assert all(c.kind != "means" or all(k.kind == "card" for k in c.causes) for c in seen.changes)
