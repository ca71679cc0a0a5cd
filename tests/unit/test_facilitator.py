"""Facilitator actions: injects, held cards, overrides with reasons and notes, all replayable."""

from __future__ import annotations

import pytest

from game.engine import ORDER_ADAPTER, Game, IllegalOrder
from game.engine import orders as O
from game.scenario.models import Card, Role

CUSTOM = {
    "id": "market_rumour",
    "title": "Rumour at the market",
    "kind": "generic",
    "text": "A rumour says the mission armed one community.",
    "effects": [{"type": "info_attack", "strength": 4}, {"type": "consent", "delta": -2}],
}


def test_inject_a_custom_card_and_replay_it(mini) -> None:
    game = Game.new(mini, seed=3)
    order = O.InjectCard(card=Card.model_validate(CUSTOM), regions=["centre"])
    assert game.why_illegal(order, Role.SRSG) == "this order belongs to the facilitator"
    consent = game.state.consent
    game.apply(order, "facilitator")
    assert game.state.consent == consent - 2
    assert "market_rumour" in game.state.current.cards
    game.end_turn()
    replayed = Game.new(mini, seed=3)
    for logged in game.state.history[0].orders:
        replayed.apply(ORDER_ADAPTER.validate_python(logged))
    replayed.end_turn()
    assert replayed.state.to_json() == game.state.to_json()


def test_custom_card_errors_are_clear(mini) -> None:
    game = Game.new(mini, seed=3)
    bad = dict(CUSTOM, effects=[{"type": "civilian_attack", "perpetrator": "aliens", "deaths": [1, 2]}])
    why = game.why_illegal(O.InjectCard(card=Card.model_validate(bad), regions=["centre"]))
    assert why is not None and "unknown actor 'aliens'" in why
    why = game.why_illegal(O.InjectCard(card=Card.model_validate(CUSTOM)))
    assert why == "effects.0.region: no region here and the card names no regions"
    clash = dict(CUSTOM, id="massacre")
    why = game.why_illegal(O.InjectCard(card=Card.model_validate(clash), regions=["centre"]))
    assert why is not None and "already exists" in why


def test_inject_from_the_deck_queues_its_attack(mini) -> None:
    game = Game.new(mini, seed=3)
    game.apply(O.InjectCard(card_id="massacre"))
    assert [a.card for a in game.state.pending_attacks].count("massacre") == 1
    assert game.why_illegal(O.InjectCard(card_id="massacre")) == "massacre has already been played"


def test_hold_back_and_delay_cards(mini) -> None:
    game = Game.new(mini, seed=3)
    game.apply(O.HoldCard(card="massacre"))
    game.apply(O.HoldCard(card="renewal", until="2019-04"))
    assert "later month" in game.why_illegal(O.HoldCard(card="renewal", until="2019-01"))
    played = []
    while not game.is_over():
        game.end_turn()
        played += [(game.state.month, c) for c in game.state.current.cards]
    assert ("2019-04", "renewal") in played
    assert all(card != "massacre" for _, card in played)


def test_override_needs_a_reason_and_is_explained(mini) -> None:
    with pytest.raises(ValueError):
        O.OverrideResult(kind="credibility", target="centre", delta=5, reason="")
    game = Game.new(mini, seed=3)
    before = game.state.regions["centre"].credibility
    game.apply(
        O.OverrideResult(
            kind="credibility",
            target="centre",
            delta=5,
            reason="the syndicate's plan was sound; the dice were cruel",
        )
    )
    assert game.state.regions["centre"].credibility == before + 5
    (change,) = [c for c in game.state.current.changes if c.phase == "facilitator"]
    assert change.causes[0].kind == "facilitator" and "dice were cruel" in change.causes[0].detail
    with pytest.raises(IllegalOrder, match="no actor"):
        game.apply(O.OverrideResult(kind="threat", target="centre/aliens", delta=-1, reason="test reason"))


def test_notes_are_kept_with_the_turn(mini) -> None:
    game = Game.new(mini, seed=3)
    game.apply(O.FacilitatorNote(text="Ask the FC why the MTF stayed in Gao."))
    record = game.end_turn()
    assert record.notes == ["Ask the FC why the MTF stayed in Gao."]
