"""The card interpreter: dated cards fire on time, choices apply, conditions gate, windows hold."""

from __future__ import annotations

from game.engine import Game
from game.engine import orders as O
from game.engine.cards import conditions_hold, in_window
from game.scenario.catalog import find_scenario
from game.scenario.loader import parse_scenario
from game.scenario.models import Card

from ..conftest import FIXTURES


def card(**fields) -> Card:
    base = {"id": "c", "title": "C", "kind": "generic", "text": "t", "regions": ["centre"]}
    return Card.model_validate(base | fields)


def test_historical_cards_fire_in_their_month(mini) -> None:
    game = Game.new(mini, seed=1)
    assert "massacre" not in game.state.current.cards
    game.end_turn()
    assert game.state.month == "2019-02"
    assert "massacre" in game.state.current.cards
    assert [a.card for a in game.state.pending_attacks].count("massacre") == 1


def test_renewal_choice_is_put_to_the_srsg_and_applied(mini) -> None:
    game = Game.new(mini, seed=1)
    game.end_turn()
    game.end_turn()
    assert game.state.month == "2019-03"
    (choice,) = [c for c in game.state.choices if c.card == "renewal"]
    assert choice.role == "srsg"
    assert game.why_illegal(O.DecideCard(card="renewal", option="poc_first"), "force_commander")
    game.apply(O.DecideCard(card="renewal", option="poc_first"), "srsg")
    record = game.end_turn()
    assert record.decisions == {"renewal": "poc_first"}
    assert record.mandate_outcome in {"poc_first", "renewed", "reduced"}
    assert game.state.mandate_outcomes == [f"9999:{record.mandate_outcome}"]


def test_undecided_choice_takes_the_default(mini) -> None:
    game = Game.new(mini, seed=1)
    for _ in range(3):
        record = game.end_turn()
    assert record.decisions == {"renewal": "status_quo"}


def test_conditions(mini) -> None:
    game = Game.new(mini, seed=1)
    ctx = game.context()
    flagged = card(conditions=[{"type": "flag", "name": "coup"}])
    assert not conditions_hold(ctx, flagged, ["centre"])
    game.state.flags["coup"] = True
    assert conditions_hold(ctx, flagged, ["centre"])
    low = card(conditions=[{"type": "credibility_below", "value": 30}])
    assert not conditions_hold(ctx, low, ["centre"])
    game.state.regions["centre"].credibility = 20
    assert conditions_hold(ctx, low, ["centre"])
    absent = card(conditions=[{"type": "mission_absent"}])
    assert conditions_hold(ctx, absent, ["south"]) is False  # units are based in the south


def test_windows() -> None:
    rainy = card(window=("2019-06", "2019-09"))
    assert in_window(rainy, "2019-07") and not in_window(rainy, "2019-10")
    assert in_window(card(), "2031-01")


def test_card_modifier_applies_and_expires() -> None:
    text = (FIXTURES / "mini.yaml").read_text()
    text = text.replace(
        "      - {type: info_attack, strength: 3}",
        "      - {type: modifier, key: civilian_capacity_pct, value: -50, turns: 1}",
    )
    text = text.replace("    weight: 2\n", '    weight: 2\n    window: ["2000-01", "2000-02"]\n')
    game = Game.new(parse_scenario(text, "mod.yaml"), seed=1)
    assert game.state.current.cards == ["rumour"]  # the only generic card in its window
    assert game.state.means.civilian_capacity == 1  # 3 points less 50%, rounded down
    (modifier,) = game.state.modifiers
    assert modifier.last_turn == 1
    game.end_turn()
    # The old one expired, and the card is not drawn again so soon (rules.md §4.9).
    assert game.state.modifiers == []
    assert "rumour" not in game.state.current.cards


def test_every_bundled_scenario_plays_to_the_end_under_every_policy() -> None:
    from game.bots.policies import POLICIES, play_game

    scenario = find_scenario("tutorial")
    for policy in POLICIES.values():
        game = play_game(Game.new(scenario, seed=2), policy)
        assert game.is_over() and len(game.state.history) == scenario.calendar.turns
