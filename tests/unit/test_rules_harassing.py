"""Harassing fire and the attack counts (rules.md §5.3), and where the groups grow (§10), on mini."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from game.engine import Game
from game.engine import tables as T
from game.engine.adjudicate import resolve_host_force_attack, resolve_peacekeeper_attack
from game.engine.context import Context, cause
from game.engine.turn import _harassing_fire, _threat_drift
from game.scenario.loader import load_scenario
from game.scenario.models import Scenario

MINI = Path(__file__).parents[1] / "fixtures" / "mini.yaml"
SOURCE = cause("adversary", "peacekeepers", "a test strike")


@pytest.fixture
def game(mini) -> Game:
    return Game.new(mini, seed=5)


def every_die(ctx: Context, value: int) -> list[str]:
    """Every die of this context gives `value`; returns what was rolled for."""
    asked: list[str] = []

    def roll(*args: int | str) -> int:
        asked.append(str(args[-1]))
        return value

    ctx.die = roll  # type: ignore[method-assign,assignment]
    ctx.dice = roll  # type: ignore[method-assign,assignment]
    return asked


def harassing(game: Game) -> list[str]:
    return [c.summary for c in game.state.current.changes if "harassing fire" in c.summary]


def test_every_front_is_harassed_where_the_dice_allow(game: Game) -> None:
    # north: JNIM 3, the army's presence 1, two units; centre: JNIM 3, presence 2, two units
    ctx = game.context()
    every_die(ctx, 1)
    _harassing_fire(ctx)
    attacks = game.state.current.attacks
    assert attacks["peacekeepers"] == 2 * len(T.HARASS_FRONTS)  # the camps and the roads, twice
    assert attacks["host_forces"] == (1 + 1) + (2 + 1)  # a post per level of presence, and the roads
    lines = harassing(game)
    assert any("fired mortar rounds or rockets at the camp of" in line for line in lines)
    assert any("fired on the army's posts in Centre" in line for line in lines)
    assert game.state.tallies.peacekeepers_killed == 0  # harassing fire kills no peacekeeper


def test_the_armys_posts_are_easier_to_reach_than_the_missions_camps(game: Game) -> None:
    level = game.state.regions["north"].threat["jnim"]
    ctx = game.context()
    every_die(ctx, level)  # needs level - 1 against the mission, level against the army
    _harassing_fire(ctx)
    assert "peacekeepers" not in game.state.current.attacks
    assert game.state.current.attacks["host_forces"] == 5
    assert T.HARASS_OFFSET["peacekeepers"] > T.HARASS_OFFSET["host_forces"]


def test_a_weak_group_does_not_harass(game: Game) -> None:
    for region in game.state.regions.values():
        if "jnim" in region.threat:
            region.threat["jnim"] = T.HARASS_THREAT - 1
    ctx = game.context()
    asked = every_die(ctx, 1)
    _harassing_fire(ctx)
    assert not asked and not game.state.current.attacks


def test_harassing_fire_wounds_a_few_and_says_why(game: Game) -> None:
    ctx = game.context()
    every_die(ctx, 6)  # threat 3: no front is harassed
    _harassing_fire(ctx)
    assert not game.state.current.attacks
    game.state.regions["north"].threat["jnim"] = 5
    ctx = game.context()
    rolls = iter([4, 6] * 20)  # each front hit on 4 (needs 4 or less at threat 5), then 6 to wound

    def roll(*args: int | str) -> int:
        return next(rolls)

    ctx.die = roll  # type: ignore[method-assign,assignment]
    _harassing_fire(ctx)
    wounded = [c for c in game.state.current.changes if c.kind == "peacekeepers_wounded"]
    minus = T.HARASS_WOUNDED_DICE[1]
    assert len(wounded) == len(T.HARASS_FRONTS)
    assert all(c.delta == 6 - minus for c in wounded)
    assert "rolled 4, needed 4 or less (JNIM threat 5)" in wounded[0].causes[0].detail


def test_every_deadly_attack_is_counted_as_well(game: Game) -> None:
    ctx = game.context()
    resolve_peacekeeper_attack(ctx, "inf_a", "jnim", 0, 0, 0, SOURCE)
    resolve_host_force_attack(ctx, "centre", "jnim", 0, SOURCE)  # kills no one: still an attack
    assert game.state.current.attacks == {"peacekeepers": 1, "host_forces": 1}


# --- where the groups grow (rules.md §10) ---------------------------------------------------


def with_partners(tmp_path: Path) -> Scenario:
    """The small scenario with international forces striking in the centre."""
    data = yaml.safe_load(MINI.read_text(encoding="utf-8"))
    data["actors"].append({"id": "intl", "name": "Intl", "kind": "international", "targets": ["civilians"]})
    data["regions"][1]["threat"]["intl"] = 1
    data["regions"][2]["threat"] = {"jnim": 1}
    path = tmp_path / "mini.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return load_scenario(path)


def drift_detail(game: Game, region: str) -> str:
    changes = game.state.current.changes
    change = next(c for c in changes if c.kind == "threat" and c.target == f"{region}/jnim")
    return change.causes[0].detail


@pytest.mark.parametrize(
    ("region", "effect"),
    [("centre", "international forces -1"), ("north", "pushed out of Centre by international forces +1")],
)
def test_international_forces_press_where_they_strike_and_push_the_groups_elsewhere(
    tmp_path: Path, region: str, effect: str
) -> None:
    game = Game.new(with_partners(tmp_path), seed=5)
    ctx = game.context()
    every_die(ctx, 12)
    _threat_drift(ctx, region, 1)
    assert effect in drift_detail(game, region)


def test_a_drawdown_lifts_the_pressure_everywhere(tmp_path: Path) -> None:
    game = Game.new(with_partners(tmp_path), seed=5)
    ctx = game.context()
    every_die(ctx, 12)
    for region in ("centre", "north"):
        _threat_drift(ctx, region, -1)
        assert "international forces drawing down +1" in drift_detail(game, region)


def test_without_a_pressed_stronghold_nothing_is_pushed(game: Game) -> None:
    ctx = game.context()  # the small scenario has no international forces
    every_die(ctx, 12)
    _threat_drift(ctx, "north", 1)
    assert "pushed out" not in drift_detail(game, "north")


def test_a_group_driven_to_nothing_where_it_usually_is_comes_back(tmp_path: Path) -> None:
    game = Game.new(with_partners(tmp_path), seed=5)
    game.state.regions["south"].threat["jnim"] = 0  # its usual level there is 1
    ctx = game.context()
    every_die(ctx, T.THREAT_UP_AT)
    _threat_drift(ctx, "south", 0)
    assert game.state.regions["south"].threat["jnim"] == 1
    assert "pull back to its usual level 1 +2" in drift_detail(game, "south")


def test_a_group_never_there_does_not_appear_without_a_strong_neighbour(game: Game) -> None:
    ctx = game.context()
    asked = every_die(ctx, 12)
    _threat_drift(ctx, "south", 0)  # no group is usually in the south, none next door at 4
    assert not asked
