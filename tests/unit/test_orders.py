"""Orders: who may give them, why an order is refused, and that refusals change nothing."""

from __future__ import annotations

import pytest

from game.engine import Game, IllegalOrder
from game.engine import orders as O
from game.scenario.models import Role


@pytest.fixture
def game(mini) -> Game:
    return Game.new(mini, seed=11)


@pytest.mark.parametrize(
    ("order", "reason"),
    [
        (O.MoveUnit(unit="inf_a", to="south"), "not linked by road"),
        (O.MoveUnit(unit="eng", to="centre"), "caveat: Engineers is static"),
        (O.MoveUnit(unit="recon", to="centre"), "may only serve in North"),
        (O.MoveUnit(unit="inf_b", to="north", mode="air"), "does not move by helicopter"),
        (O.MoveUnit(unit="inf_a", to="north"), "Infantry A is already in North"),
        (O.MoveUnit(unit="ghost", to="north"), "no unit 'ghost'"),
        (O.SetPosture(unit="recon", posture="quick_reaction"), "self-defence only"),
        (O.SetPosture(unit="eng", posture="patrol"), "may only hold base posture"),
        (O.SetPosture(unit="fpu", posture="quick_reaction"), "not a combat unit"),
        (O.OpenBase(unit="recon"), "Recon is not a combat unit"),
        (O.TaskAviation(asset="lift", region="north"), "take no standing task"),
        (O.SetPocActivity(region="north", tier="I", points=3), None),
        (
            O.IssueMessage(theme="define_poc", channel="radio", audience="national"),
            "has not defined PoC",
        ),
        (O.IssueMessage(theme="protection_promise", channel="cimic", audience="south"), None),
        (O.SetPolicy(name="orientation", value="state_centred"), "already state centred"),
        (O.DecideCard(card="renewal", option="poc_first"), "no decision is pending"),
    ],
)
def test_reasons(game: Game, order: O.Order, reason: str | None) -> None:
    why = game.why_illegal(order)
    if reason is None:
        assert why is None
    else:
        assert why is not None and reason in why


def test_cimic_needs_units_in_the_region(mini) -> None:
    game = Game.new(mini, seed=1)
    for unit in list(game.state.units.values()):
        if unit.region == "south":
            unit.region = "centre"
    why = game.why_illegal(O.IssueMessage(theme="protection_promise", channel="cimic", audience="south"))
    assert why is not None and "needs mission units" in why


def test_aviation_reach_is_checked(mini) -> None:
    game = Game.new(mini, seed=1)
    assert game.why_illegal(O.TaskAviation(asset="gunship", region="north")) is None
    game.index.aviation["gunship"] = game.index.aviation["gunship"].model_copy(update={"range_km": 100})
    why = game.why_illegal(O.TaskAviation(asset="gunship", region="north"))
    assert why is not None and "200 km" in why and "100 km reach" in why


def test_illegal_order_leaves_state_untouched(game: Game) -> None:
    before = game.state.to_json()
    with pytest.raises(IllegalOrder) as caught:
        game.apply(O.MoveUnit(unit="inf_a", to="south"))
    assert "not linked by road" in caught.value.reason
    assert game.state.to_json() == before


def test_orders_belong_to_a_role(game: Game) -> None:
    why = game.why_illegal(O.SetPosture(unit="fpu", posture="patrol"), Role.FORCE_COMMANDER)
    assert why == "this order belongs to the Police Commissioner"
    assert game.why_illegal(O.SetPosture(unit="fpu", posture="patrol"), Role.POLICE_COMMISSIONER) is None


def test_message_slots_run_out(game: Game) -> None:
    order = O.IssueMessage(theme="protection_promise", channel="radio", audience="national")
    game.apply(order)
    game.apply(order)
    why = game.why_illegal(order)
    assert why is not None and "all 2 message slots" in why


def test_air_move_spends_lift_hours(game: Game) -> None:
    before = game.state.aviation["lift"].hours
    game.apply(O.MoveUnit(unit="mtf", to="north", mode="air"))
    assert game.state.units["mtf"].region == "north"
    assert game.state.aviation["lift"].hours == before - O.air_hours_needed(300)
    moved_again = game.why_illegal(O.MoveUnit(unit="mtf", to="centre"))
    assert moved_again == "Mobile Task Force has already moved this turn"


def test_opening_a_base_costs_budget_and_fixes_the_unit(game: Game) -> None:
    budget = game.state.means.budget
    game.apply(O.OpenBase(unit="inf_b"))
    assert game.state.means.budget == budget - 2
    assert "close it first" in game.why_illegal(O.MoveUnit(unit="inf_b", to="south"))
    assert game.why_illegal(O.OpenBase(unit="inf_b")) == "Infantry B already holds a temporary operating base"
    game.apply(O.MoveUnit(unit="inf_a", to="centre"))
    assert "Centre already has a temporary operating base" in game.why_illegal(O.OpenBase(unit="inf_a"))


def test_withdraw_restores_and_drops_dependent_orders(game: Game) -> None:
    start = game.state.to_json()
    game.apply(O.MoveUnit(unit="inf_a", to="centre"))
    game.apply(O.SetPosture(unit="inf_a", posture="patrol"))
    game.apply(O.SetPolicy(name="poc_definition", value="define_poc"))
    game.apply(O.IssueMessage(theme="define_poc", channel="radio", audience="national"))
    dropped = game.withdraw(2)  # withdraw the PoC definition: the define_poc message no longer fits
    assert dropped == ["Message 'define PoC' by radio to the national audience"]
    assert game.state.units["inf_a"].region == "centre"
    assert game.state.units["inf_a"].posture == "patrol"
    assert game.state.policy.poc_definition == "status_quo"
    game.withdraw(0)
    game.withdraw(0)
    assert game.state.to_json() == start


def test_tier_points_are_limited_by_civilian_capacity(game: Game) -> None:
    game.apply(O.SetPocActivity(region="centre", tier="I", points=2))
    why = game.why_illegal(O.SetPocActivity(region="centre", tier="III", points=2))
    assert why == "not enough civilian capacity: 1 point free"


def test_legal_orders_are_all_legal_and_include_candidates(game: Game) -> None:
    for role in Role:
        legal = game.legal_orders(role)
        assert legal, role
        assert all(game.why_illegal(order, role) is None for order in legal)


def test_refusals_keep_acronyms_in_capitals(mini) -> None:
    from game.engine.wording import words

    assert words("define_poc") == "define PoC" and words("irc_under_u3") == "IRC under U3"
    assert words("quick_reaction") == "quick reaction"
    game = Game.new(mini, seed=1)
    reason = game.why_illegal(O.SetPolicy(name="poc_definition", value="status_quo"))
    assert reason == "PoC definition is already status quo"
