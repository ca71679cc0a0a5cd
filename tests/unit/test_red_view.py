"""The red cell's view: its groups and what it sees of the mission; never the mission's plans or warning."""

from __future__ import annotations

import dataclasses

import pytest

from game.bots.policies import POLICIES
from game.bots.red import play_red
from game.engine import Game
from game.engine import orders as O
from game.engine.sides import RED
from game.engine.view import GameView
from game.scenario.catalog import find_scenario
from game.scenario.models import AviationKind


def strings(value: object) -> list[str]:
    """Every piece of text a view holds, however deep."""
    if isinstance(value, str):
        return [value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return [s for f in dataclasses.fields(value) for s in strings(getattr(value, f.name))]
    if isinstance(value, tuple | list):
        return [s for item in value for s in strings(item)]
    return []


@pytest.fixture(scope="module")
def game_with_red() -> Game:
    """mali-2019 with a red cell: the mission plays the historical policy, ISR and Tier I among it."""
    game = Game.new(find_scenario("mali-2019"), 7)
    game.apply(O.HandSide(side=RED, to="human"))
    for _ in range(3):
        POLICIES["historical"].play(game)
        play_red(game)
        game.end_turn()
    POLICIES["historical"].play(game)  # this turn's mission orders are pending
    return game


def forbidden_words(game: Game) -> list[str]:
    """What only the mission may know: its pending orders, ISR assets, warning and its sources."""
    ctx = game.context()
    pending = [O.describe(order, ctx) for order in game.pending_orders() if O.order_role(order, ctx) != RED]
    isr = [a.name for a in game.scenario.aviation if a.kind == AviationKind.ISR]
    return [*pending, *isr, "SIGINT", "Tier I", "early warning", "alert network"]


def test_red_never_sees_the_missions_orders_warning_or_its_sources(game_with_red: Game) -> None:
    game = game_with_red
    assert game.pending_orders(), "the mission has orders pending"
    view = game.observe(RED)
    text = "\n".join(strings(view))
    umpire = "\n".join(strings(game.observe("umpire")))
    leaked_to_umpire = [word for word in forbidden_words(game) if word in umpire]
    assert len(leaked_to_umpire) >= 3, "the umpire's view holds what red must not see: the test can fail"
    for word in forbidden_words(game):
        assert word not in text, word
    assert view.orders == ()
    assert not {"seed", "rng"} & {f.name for f in dataclasses.fields(view)}
    assert view.means.budget == 0 and view.means.lift_hours == 0
    assert all(r.warning == 0 and r.tier_one == 0 and not r.isr for r in view.regions)
    assert all(r.expected_attacks == () for r in view.regions)
    assert view.choices == () and view.current.cards == ()


def test_red_sees_its_groups_exactly_and_the_mission_where_it_stands(game_with_red: Game) -> None:
    game = game_with_red
    view = game.observe(RED)
    for region in view.regions:
        state = game.state.regions[region.id]
        assert region.exact_threats
        assert {t.actor: int(t.seen) for t in region.threats} == {a: v for a, v in state.threat.items() if v}
        assert {u.id for u in region.units} == {
            u.id for u in game.state.units.values() if u.region == region.id
        }
        attack = [
            a
            for a, s in game.state.aviation.items()
            if s.tasked_region == region.id and game.index.aviation[a].kind == AviationKind.ATTACK
        ]
        assert list(region.aviation) == attack
    assert len(view.history) == 3 and all(t.adversary for t in view.history)


def test_red_sees_its_own_orders_and_the_mission_never_does(game_with_red: Game) -> None:
    game = game_with_red.clone()
    given = play_red(game)
    assert given
    red = game.observe(RED)
    assert [o.role for o in red.orders] == [RED] * len(given)
    for seat in ("srsg", "force_commander", "police_commissioner", "comms_chief"):
        mission: GameView = game.observe(seat)
        assert all(o.role != RED for o in mission.orders)
    assert sum(o.role == RED for o in game.observe("umpire").orders) == len(given)
