"""The order registry: each kind of the Order union is one registered unit, whole; saves keep their form."""

from __future__ import annotations

import json
import re
from typing import get_args

import pytest

from game.engine import Game
from game.engine import orders as O
from game.engine.orders.base import Names
from game.engine.state import GameState, PlayedCard

SEATS = (
    "srsg",
    "force_commander",
    "police_commissioner",
    "comms_chief",
    O.FACILITATOR,
    "armed_groups",
    "host_state",
)
UNION_MODELS = get_args(get_args(O.Order)[0])
SNAKE_ID = re.compile(r"\b[a-z]+_[a-z_]+\b")


def test_every_order_type_in_the_union_is_registered_once() -> None:
    union_types = [model.model_fields["type"].default for model in UNION_MODELS]
    assert sorted(union_types) == sorted(O.KINDS)
    assert len(set(union_types)) == len(union_types)
    for model in UNION_MODELS:
        assert O.KINDS[model.model_fields["type"].default].model is model


def _game_with_a_decision(mini) -> Game:
    """A fresh game on the mini scenario with the renewal decision put to the SRSG."""
    game = Game.new(mini.model_copy(update={"host_state_seat": True}), seed=5)  # every side offered
    game.apply(O.InjectCard(card_id="renewal"))
    return game


def _example(game: Game, kind_type: str) -> tuple[O.Order, str]:
    """A legal order of this kind and its seat: a seat's candidate, or a facilitator's free-form order."""
    if kind_type == "override_result":
        return O.OverrideResult(
            kind="credibility", target="north", delta=2, reason="a test of the rules"
        ), "facilitator"
    if kind_type == "facilitator_note":
        return O.FacilitatorNote(text="the players argued about the PoC definition"), "facilitator"
    if kind_type == "close_base":
        game.apply(_example(game, "open_base")[0])
    if kind_type in ("redeploy_army", "army_offensive", "refuse_consent"):  # a green cell's orders
        game.apply(O.HandSide(side="host_state", to="human"))
    if kind_type == "refuse_consent":  # something the mission asks: a base
        game.apply(_example(game, "open_base")[0])
    if kind_type in ("armed_strike", "hostile_narrative"):  # a red cell's orders
        game.apply(O.HandSide(side="armed_groups", to="human"))
        region = next(r for r in game.index.region_order if game.context().mission_present(r))
        game.state.regions[region].last_civilian_deaths = 30  # something to exploit
    for seat in SEATS:
        for order in game.legal_orders(seat):
            if order.type == kind_type:
                return order, seat
    raise AssertionError(f"no legal {kind_type} order for any seat")


@pytest.mark.parametrize("kind_type", sorted(O.KINDS))
def test_each_kind_is_a_whole_unit(mini, kind_type: str) -> None:
    kind = O.KINDS[kind_type]
    assert kind.type == kind_type
    game = _game_with_a_decision(mini)
    ctx = game.context()
    order, seat = _example(game, kind_type)
    assert isinstance(order, kind.model)
    assert kind.role(order, ctx) == seat == O.order_role(order, ctx)
    for candidate in kind.candidates(ctx, seat):
        assert isinstance(candidate, kind.model)
        assert kind.subject(candidate)
        lines = kind.preview(candidate, ctx)  # the orders screen previews illegal candidates too
        assert all(isinstance(line, str) and line for line in lines)
    assert kind.why_illegal(order, ctx) is None
    text = kind.describe(order, Names(game.index))
    assert text and not SNAKE_ID.search(text), text
    path, label = kind.menu(order, ctx, lambda region: region or "—")
    assert path and label and all(key for key, _, _ in path)
    target = kind.target(order)
    assert target is None or all(target)
    before = len(game.state.current.orders)
    game.apply(order, seat)
    assert game.state.current.orders[before:] == [order.model_dump(mode="json")]


def test_a_seat_is_never_offered_another_seats_kind(mini) -> None:
    game = _game_with_a_decision(mini)
    ctx = game.context()
    for seat in SEATS:
        for order in game.candidate_orders(seat):
            assert O.order_role(order, ctx) == seat


def test_orders_about_one_unit_stay_together_in_the_candidates(mini) -> None:
    game = Game.new(mini, seed=5)
    subjects = [O.kind_of(order).subject(order) for order in game.candidate_orders("force_commander")]
    runs = [subject for i, subject in enumerate(subjects) if i == 0 or subjects[i - 1] != subject]
    assert len(runs) == len(set(runs))


def test_a_played_card_is_read_once_and_saved_in_its_old_form() -> None:
    played = PlayedCard.model_validate("ogossagou_2019@mopti+segou")
    assert played == PlayedCard(card="ogossagou_2019", regions=("mopti", "segou"))
    assert played.model_dump(mode="json") == "ogossagou_2019@mopti+segou"
    assert PlayedCard.model_validate("clash@").regions == ()


def test_a_save_written_before_keeps_its_bytes(mini) -> None:
    game = Game.new(mini, seed=5)
    game.apply(O.InjectCard(card_id="massacre"))
    text = game.state.to_json()
    stored = json.loads(text)["cards_played"]
    assert stored and all(isinstance(entry, str) and "@" in entry for entry in stored)
    assert any(entry.startswith("massacre@") for entry in stored)
    assert GameState.model_validate_json(text).to_json() == text
    assert game.state.played_card_ids() == {entry.partition("@")[0] for entry in stored}
