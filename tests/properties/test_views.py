"""Hypothesis: no seat's view of a random game holds a value the seat may not know (rules.md §2)."""

from __future__ import annotations

import dataclasses
import json
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.engine import Game
from game.engine import orders as O
from game.engine.view import MISSION_SEATS, UMPIRE, GameView
from game.scenario.catalog import find_scenario
from game.scenario.models import Role

ROLES = list(Role)
SCENARIOS = {name: find_scenario(name) for name in ("mali-2019", "tutorial")}


def serialized(view: GameView) -> str:
    return json.dumps(dataclasses.asdict(view), ensure_ascii=False) + repr(view)


def play_some(game: Game, data: st.DataObject, private: dict[str, list[str]]) -> None:
    """One turn's random legal orders, noting the descriptions each seat gave."""
    for _ in range(data.draw(st.integers(0, 5), label="orders")):
        role = data.draw(st.sampled_from(ROLES), label="role")
        legal = game.legal_orders(role)
        if legal:
            order = data.draw(st.sampled_from(legal), label="order")
            game.apply(order, role)
            private.setdefault(role, []).append(repr(order))


def check_view(game: Game, seat: str, private_drafts: bool) -> None:
    view = game.observe(seat, private_drafts)
    text = serialized(view)
    state = game.state
    for region in view.regions:
        assert region.warning == state.regions[region.id].warning
        if region.warning < 2:
            assert not region.exact_threats
            assert all(not t.seen.isdigit() for t in region.threats), region
    names = {r: game.index.regions[r].name for r in state.regions}
    warnings = {r: 0 for r in state.regions}  # a new game's warnings, before turn 1's picture
    for record, seen in zip([*state.history, state.current], [*view.history, view.current], strict=True):
        # each entry is fogged by the warning the seat had when it was made (view.py)
        hidden_at_start = {r for r, level in warnings.items() if level < 2}
        for change in record.changes:
            hidden = {r for r, level in warnings.items() if level < 2}
            region = change.target.partition("/")[0]
            if change.kind == "threat" and region in hidden:
                match = [
                    c
                    for c in seen.changes
                    if (c.target, c.turn, c.phase) == (change.target, change.turn, change.phase)
                ]
                assert all(c.after is None and c.delta == 0 for c in match), match
            if change.kind == "warning":
                warnings[change.target] = change.after
        hidden_names = [names[r] for r, level in warnings.items() if level < 2]
        for line in seen.adversary:
            if any(name in line for name in hidden_names):
                assert not re.search(r"threat \d|usual level \d|armed strength \d", line), line
        always = [names[r] for r in hidden_at_start if warnings[r] < 2]  # hidden the whole turn
        lines = [c.summary for c in seen.changes] + [k.detail for c in seen.changes for k in c.causes]
        for line in lines:
            if any(name in line for name in always):
                assert not re.search(r"threat \d|usual level \d|armed strength \d", line), line
    for attack in state.pending_attacks:
        if not attack.revealed:
            assert attack.card not in {e.card for r in view.regions for e in r.expected_attacks}
    assert '"seed"' not in text and '"rng"' not in text and "seed=" not in text
    assert str(state.rng) not in text, "the generator's state reached a view"
    assert "facilitator" not in {o.role for o in view.orders}


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(name=st.sampled_from(sorted(SCENARIOS)), seed=st.integers(0, 2**31), data=st.data())
def test_no_view_holds_what_its_seat_may_not_know(name: str, seed: int, data: st.DataObject) -> None:
    game = Game.new(SCENARIOS[name], seed)  # undo: it keeps the snapshot private drafts need
    for _ in range(data.draw(st.integers(1, 3), label="turns")):
        private: dict[str, list[str]] = {}
        play_some(game, data, private)
        for seat in MISSION_SEATS:
            check_view(game, seat, private_drafts=False)
            check_view(game, seat, private_drafts=True)
            drafts = game.observe(seat, private_drafts=True).orders
            assert all(o.role == seat for o in drafts), "another seat's draft reached a syndicate seat"
        game.end_turn()
        if game.is_over():
            break


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(name=st.sampled_from(sorted(SCENARIOS)), seed=st.integers(0, 2**31), data=st.data())
def test_a_private_view_is_the_turn_with_only_that_seat_s_orders(
    name: str, seed: int, data: st.DataObject
) -> None:
    """A syndicate seat's map is the one it would see had no other seat given an order."""
    game = Game.new(SCENARIOS[name], seed)
    if data.draw(st.booleans(), label="a turn first"):
        game.end_turn()
    start = game.clone()
    given: list[tuple[str, O.Order]] = []
    for _ in range(data.draw(st.integers(1, 6), label="orders")):
        role = data.draw(st.sampled_from(ROLES), label="role")
        legal = game.legal_orders(role)
        if legal:
            order = data.draw(st.sampled_from(legal), label="order")
            given.append((O.order_role(order, game.context()), order))
            game.apply(order, role)
    for seat in MISSION_SEATS:
        alone = start.clone()
        for role, order in given:
            if role == seat and alone.why_illegal(order) is None:
                alone.apply(order)
        private, expected = game.observe(seat, private_drafts=True), alone.observe(seat)
        assert private.regions == expected.regions
        assert (private.means, private.decisions, private.orders) == (
            expected.means,
            expected.decisions,
            expected.orders,
        )


def test_the_umpire_sees_exact_threats_and_hidden_card_attacks() -> None:
    game = Game.new(SCENARIOS["mali-2019"], 7)
    view = game.observe(UMPIRE)
    gao = view.region("gao")
    assert gao.exact_threats and {t.actor: t.seen for t in gao.threats}["jnim"] == "3"
    assert game.observe(Role.SRSG).region("gao").seen_threats()["jnim"] == "medium"


def test_an_unknown_seat_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown seat"):
        Game.new(SCENARIOS["tutorial"], 1).observe("barkhane")


def test_views_are_immutable() -> None:
    view = Game.new(SCENARIOS["tutorial"], 1).observe(Role.SRSG)
    with pytest.raises(dataclasses.FrozenInstanceError):
        view.turn = 9  # type: ignore[misc]
