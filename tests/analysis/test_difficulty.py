"""Difficulty: the searched policy is honest and repeatable; the model keeps the band (rules.md §13.2)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from game.analysis.difficulty import BAND, SEARCHED, STUDY_ORDER, DifficultyReport, measure_difficulty
from game.bots.policies import POLICIES, play_game
from game.bots.search import Planner, imagined_copy, plan_turn
from game.bots.search import _baseline as historical_orders
from game.cli import main
from game.engine import Game
from game.engine import orders as O
from game.engine import tables as T
from game.engine.state import PendingAttack
from game.scenario.catalog import find_scenario
from game.scenario.models import Scenario

ROOT = Path(__file__).parents[2]
RULES = (ROOT / "rules.md").read_text(encoding="utf-8")
RULES_FR = " ".join((ROOT / "rules.fr.md").read_text(encoding="utf-8").split())  # no-break spaces as spaces


@pytest.fixture(scope="module")
def mali() -> Scenario:
    return find_scenario("mali-2019")


def after_turns(scenario: Scenario, seed: int, turns: int) -> Game:
    game = Game.new(scenario, seed, undo=False)
    for _ in range(turns):
        POLICIES["historical"].play(game)
        game.end_turn()
    return game


# --- the searched policy -------------------------------------------------------------------------


def test_searched_is_registered_listed_and_slow(capsys: pytest.CaptureFixture[str]) -> None:
    assert POLICIES[SEARCHED].slow and not POLICIES["historical"].slow
    assert main(["analyse", "--list-policies"]) == 0
    assert re.search(r"searched\s+the historical plan improved", capsys.readouterr().out)


def test_same_seed_same_game_and_not_the_historical_one(mini: Scenario) -> None:
    first = play_game(Game.new(mini, 6), POLICIES[SEARCHED])
    second = play_game(Game.new(mini, 6), POLICIES[SEARCHED])
    assert first.state.to_json() == second.state.to_json()
    searched_orders = sum(len(record.orders) for record in first.state.history)
    historical = play_game(Game.new(mini, 6), POLICIES["historical"])
    assert searched_orders and first.state.to_json() != historical.state.to_json()


def test_the_search_plans_around_a_card_the_facilitator_already_injected() -> None:
    """The facilitator's order stays given once; the baseline holds only the policy's own orders."""
    tutorial = find_scenario("tutorial")
    game = Game.new(tutorial, 3)
    card = next(card.id for card in tutorial.cards if card.kind == "generic")
    game.apply(O.InjectCard(card_id=card), "facilitator")
    baseline = historical_orders(game)
    assert baseline and not any(isinstance(order, O.InjectCard) for order in baseline)
    POLICIES[SEARCHED].play(game)  # used to fail: unhashable type 'list' (the inject's regions)
    given = game.pending_orders()
    assert sum(isinstance(order, O.InjectCard) for order in given) == 1
    game.end_turn()
    assert game.state.turn == 2


def test_the_search_never_reads_the_games_dice_or_seed(mali: Scenario) -> None:
    game = after_turns(mali, seed=3, turns=2)
    other = Game(mali, game.state.clone(), game.index, undo=False)
    other.state.rng ^= 0xDEADBEEF
    other.state.seed = 99
    plan, planner = plan_turn(game)
    assert plan_turn(other)[0] == plan
    assert planner.evaluations > 20  # it did search: many candidates were played out
    for sample, future in enumerate(planner.futures):
        assert future.state.rng != game.state.rng and future.state.seed != game.state.seed
        assert imagined_copy(other, sample).state.to_json() == future.state.to_json()


def test_the_search_sees_only_what_the_mission_may_know(mali: Scenario) -> None:
    game = after_turns(mali, seed=5, turns=1)
    blind = next(r for r in game.state.regions.values() if r.warning < T.WARNING_REVEALS_CARDS)
    actor, level = next((a, v) for a, v in sorted(blind.threat.items()) if v in (2, 3, 4, 5))
    other = Game(mali, game.state.clone(), game.index, undo=False)
    other.state.regions[blind.id].threat[actor] = {2: 3, 3: 2, 4: 5, 5: 4}[level]  # same band
    other.state.pending_attacks.append(
        PendingAttack(card="ogossagou_2019", kind="civilians", region=blind.id, actor=actor, deaths=(90, 160))
    )  # a massacre the mission has no warning of
    assert plan_turn(other)[0] == plan_turn(game)[0]
    unforeseen = imagined_copy(game, 0).state.held_cards
    assert unforeseen and all(game.index.cards[card].kind == "historical" for card in unforeseen)


def test_the_plan_costs_no_more_than_historicals_orders_on_the_imagined_futures(mali: Scenario) -> None:
    game = after_turns(mali, seed=4, turns=3)
    plan, _ = plan_turn(game)
    judge = Planner(game)
    assert judge.cost(plan) <= judge.cost(historical_orders(judge.futures[0]))


def test_analyse_shows_the_difference_as_a_share_of_the_baseline(capsys: pytest.CaptureFixture[str]) -> None:
    mini = str(ROOT / "tests" / "fixtures" / "mini.yaml")
    argv = ["analyse", "--scenario", mini, "--workers", "1", "--runs", "3", "--no-plots"]
    assert main([*argv, "--policy", "passive", "--policy", "historical", "--measure", "civilians"]) == 0
    out = capsys.readouterr().out
    assert "diff %" in out and re.search(r"│ +[+-]\d+% │", out)


# --- the band ------------------------------------------------------------------------------------


def test_rules_state_the_band_the_code_checks() -> None:
    section = RULES[RULES.index("### 13.2 Difficulty") : RULES.index("## 14.")]
    assert f"at least **{BAND.least_gain_pct:.0f}%** fewer over the game" in section
    assert f"never more than **{BAND.best_gain_pct:.0f}%** fewer in a period" in section
    assert f"never more than **{BAND.naive_gain_pct:.0f}%** fewer in a period" in section
    assert all(f"`{name}`" in section for name in STUDY_ORDER)


def test_the_french_rules_state_the_same_band() -> None:
    section = RULES_FR[RULES_FR.index("### 13.2 Difficulté") : RULES_FR.index("## 14.")]
    assert f"au moins **{BAND.least_gain_pct:.0f} %** de moins sur la partie" in section
    assert f"jamais plus de **{BAND.best_gain_pct:.0f} %** de moins sur une période" in section
    assert f"jamais plus de **{BAND.naive_gain_pct:.0f} %** de moins sur une période" in section
    assert all(f"`{name}`" in section for name in STUDY_ORDER)


def test_calibrate_prints_the_difficulty_report(capsys: pytest.CaptureFixture[str]) -> None:
    mini = str(ROOT / "tests" / "fixtures" / "mini.yaml")
    argv = ["calibrate", "--scenario", mini, "--seeds", "4", "--difficulty", "--search-seeds", "2"]
    assert main([*argv, "--workers", "1"]) == 0
    out = capsys.readouterr().out
    assert "Difficulty: mean civilian deaths per period" in out
    assert re.search(r"^searched\s+2\s", out, re.MULTILINE)
    assert re.search(r"^worst-hit\s+4\s", out, re.MULTILINE)
    assert "excellent play (searched) inside the band" in out and "the study's courses in its order" in out
    assert main([*argv, "--workers", "0"]) == 2


@pytest.fixture(scope="module")
def report(mali: Scenario) -> DifficultyReport:
    """One run for the band's tests: 40 games of each scripted policy, 4 of the searched one."""
    return measure_difficulty(mali, seeds=40, search_seeds=4, workers=2)


def verdict(report: DifficultyReport, name: str) -> None:
    check = next(check for check in report.checks if check.name.startswith(name))
    assert check.passed, f"{check.name}: {check.detail}"


def test_excellent_play_pays(report: DifficultyReport) -> None:
    """The band's floor: a search over the mission's legal orders does at least 5% better (§13.2)."""
    assert report.row(SEARCHED).gain_pct["whole"] >= 5, report.row(SEARCHED).gain_pct


# Outside the band (39% in 2021 H1 on these seeds) until a temporary base opened only where the
# mission has camps (rules.md §13, item 37); the check must fail if the searched policy leaves it.
def test_excellent_play_is_inside_the_band(report: DifficultyReport) -> None:
    verdict(report, "excellent play (searched) inside the band")


def test_naive_play_is_well_inside_the_band(report: DifficultyReport) -> None:
    verdict(report, "naive play (worst-hit) well inside the band")


def test_the_study_courses_of_action_are_inside_the_band(report: DifficultyReport) -> None:
    verdict(report, "the study's courses of action inside the band")


def test_the_study_courses_of_action_come_in_its_order(report: DifficultyReport) -> None:
    verdict(report, "the study's courses in its order")
    verdict(report, "the study's courses beat the status quo")
    assert report.row("coa1-status-quo").deaths["whole"] > report.row("poc-first-mtf-air").deaths["whole"]


# Over many games (300 seeds, searched on 24): 29% fewer deaths over the game, 33% in 2021 H1 (limit 35%).
@pytest.mark.slow  # minutes: uv run pytest -m slow
def test_the_model_keeps_the_difficulty_band_over_many_games(mali: Scenario) -> None:
    report = measure_difficulty(mali, seeds=300, search_seeds=24, workers=2)
    failed = [f"{check.name}: {check.detail}" for check in report.checks if not check.passed]
    assert len(report.checks) == 5 and not failed, "\n".join(failed)
