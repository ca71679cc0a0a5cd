"""What-if debrief: decision points, paired continuations, outputs and clear errors for bad input."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from game.analysis.whatif import (
    PLAYED,
    AlternativeSpec,
    Continuer,
    Fork,
    WhatIfError,
    continuation_policy,
    whatif_measures,
)
from game.analysis.whatif_output import evaluate
from game.analysis.whatif_run import played_key
from game.bots.policies import POLICIES
from game.cli import main
from game.engine import Game
from game.engine import orders as O
from game.record.saves import SaveMeta, save_to
from game.scenario.models import Scenario

POLICY = continuation_policy("historical")


def _save(scenario: Scenario, path: Path, seed: int = 3, turns: int | None = None) -> Path:
    game = Game.new(scenario, seed)
    while not game.is_over() and (turns is None or len(game.state.history) < turns):
        POLICIES["poc-first-mtf-air"].play(game)
        game.end_turn()
    return save_to(path, game, SaveMeta(mode="solo", seats={"srsg": "Ana"}))


@pytest.fixture
def saved(mini: Scenario, tmp_path: Path) -> Path:
    return _save(mini, tmp_path / "game.json")


@pytest.fixture
def fork(saved: Path) -> Fork:
    return Fork.open(saved)


def test_decision_points_cover_cards_orders_and_their_alternatives(fork: Fork) -> None:
    points = fork.decision_points(1)
    kinds = {point.kind for point in points}
    assert {"policy", "unit"} <= kinds, kinds
    for point in points:
        assert point.alternatives, point
        for alternative in point.alternatives:
            assert alternative.id.startswith(point.id) and alternative.turn == 1
            assert fork.legal_line(1, [O.ORDER_ADAPTER.validate_json(o) for o in alternative.orders]) is None
            assert alternative.orders != fork.played_line(1)  # an alternative changes something
    all_points = [p for turn in range(1, fork.turns + 1) for p in fork.decision_points(turn)]
    cards = [p for p in all_points if p.kind == "card"]
    decided = {card for view in fork.replay.turns for card in view.record.decisions}
    assert len(cards) == len(decided)  # every card decision, defaults that stood included


@pytest.mark.parametrize("turn", [1, 2, 3])
def test_the_played_line_with_its_own_dice_is_the_saved_game(fork: Fork, turn: int) -> None:
    continuer = Continuer(fork.source([turn], POLICY))
    game, refused = continuer.play(turn, fork.played_line(turn), run=0, base_seed=1)
    saved = fork.replay.game
    assert refused == 0
    assert game.state.digest() == saved.state.digest()
    assert whatif_measures(game, "x", 0).measures == whatif_measures(saved, "x", 0).measures


def test_run_zero_of_a_batch_reproduces_the_saved_outcome(fork: Fork) -> None:
    alternative = fork.decision_points(2)[0].alternatives[0]
    batches, _ = evaluate(fork, [alternative], 4, 1, POLICY, workers=1)
    first = batches.results[played_key(2)][0]
    assert first.seed == 0
    assert first.measures == whatif_measures(fork.replay.game, PLAYED, 0).measures
    others = [r.measures for r in batches.results[played_key(2)][1:]]
    assert any(m != first.measures for m in others)  # the other runs re-roll the dice


def test_an_alternative_identical_to_the_played_orders_changes_nothing(fork: Fork) -> None:
    played = [O.ORDER_ADAPTER.validate_json(text) for text in fork.played_line(2)]
    same = fork.alternative(AlternativeSpec(name="the same", orders=played, replace_turn=True), 2, 1)
    assert same.orders == fork.played_line(2)
    _, (effect,) = evaluate(fork, [same], 6, 1, POLICY, workers=1)
    assert effect.runs == 6 and effect.tables
    for table in effect.tables:
        comparison = table.rows[-1].comparison
        assert comparison is not None
        assert comparison.mean_diff == 0 and comparison.ci_low == comparison.ci_high == 0, table.key
        assert not comparison.significant


def test_results_are_the_same_whatever_the_number_of_workers(fork: Fork) -> None:
    alternatives = [point.alternatives[0] for point in fork.decision_points(1)[:2]]
    one, effects_one = evaluate(fork, alternatives, 8, 5, POLICY, workers=1)
    two, effects_two = evaluate(fork, alternatives, 8, 5, POLICY, workers=2)
    assert two.workers == 2
    assert one.results == two.results
    assert [e.tables for e in effects_one] == [e.tables for e in effects_two]


def test_a_different_seed_gives_different_dice(fork: Fork) -> None:
    alternative = fork.decision_points(1)[0].alternatives[0]
    first, _ = evaluate(fork, [alternative], 6, 1, POLICY, workers=1)
    other, _ = evaluate(fork, [alternative], 6, 2, POLICY, workers=1)
    assert first.results[played_key(1)][0] == other.results[played_key(1)][0]  # run 0: the game's own
    assert first.results[played_key(1)][1:] != other.results[played_key(1)][1:]


def test_an_unfinished_save_is_continued_by_the_named_policy(mini: Scenario, tmp_path: Path) -> None:
    fork = Fork.open(_save(mini, tmp_path / "part.json", turns=2))
    alternative = fork.decision_points(1)[0].alternatives[0]
    batches, _ = evaluate(fork, [alternative], 2, 1, POLICY, workers=1)
    continuer = Continuer(fork.source([1], POLICY))
    game, _ = continuer.play(1, fork.played_line(1), 0, 1)
    assert game.is_over() and len(game.state.history) == mini.calendar.turns
    assert batches.results[played_key(1)][0].measures == whatif_measures(game, PLAYED, 0).measures


# --- the command line --------------------------------------------------------------------------


def whatif(*args: str) -> int:
    return main(["whatif", *args])


def test_command_text_json_and_csv(saved: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out_json, out_csv = tmp_path / "w.json", tmp_path / "w.csv"
    code = whatif(
        str(saved),
        "--turn",
        "2",
        "--runs",
        "5",
        "--workers",
        "1",
        "--json",
        str(out_json),
        "--csv",
        str(out_csv),
    )
    out, err = capsys.readouterr()
    assert code == 0, err
    assert "Continuation from turn 2: turns 3-4: the orders played" in out
    assert "Civilians killed, whole game" in out and "95% CI of difference" in out
    data = json.loads(out_json.read_text())
    assert data["runs"] == 5 and data["continuation_policy"] == "historical"
    first = data["alternatives"][0]
    assert first["turn"] == 2 and first["paired_runs"] == 5
    assert {"civilians_killed", "peacekeepers_killed", "national_credibility", "say_do_gap"} <= set(
        first["measures"]
    )
    assert sorted(data["ranking_by_civilians_killed"]) == sorted(a["id"] for a in data["alternatives"])
    rows = list(csv.DictReader(out_csv.open()))
    assert rows and rows[0]["id"] == first["id"] and rows[0]["measure"] == "civilians_killed"


def test_list_names_the_orders_and_alternatives(saved: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert whatif(str(saved), "--turn", "1", "--list") == 0
    out = capsys.readouterr().out
    assert "Turn 1 (2019-01): orders played" in out and "decision 1.1" in out and "1.1a" in out
    assert "_" not in out.replace("--", "")  # plain words, no internal ids


def test_an_alternatives_file_is_run(saved: Path, fork: Fork, tmp_path: Path, capsys) -> None:
    game = fork.game_at(2)
    order = next(o for o in game.legal_orders("force_commander") if isinstance(o, O.SetPosture))
    path = tmp_path / "alt.yaml"
    path.write_text(
        f"turn: 2\nalternatives:\n  - name: hold back\n    orders:\n"
        f"      - {{type: set_posture, unit: {order.unit}, posture: {order.posture}}}\n"
    )
    code = whatif(str(saved), "--file", str(path), "--runs", "3", "--workers", "1", "--json", "-")
    out, err = capsys.readouterr()
    assert code == 0, err
    data = json.loads(out)
    assert [a["alternative"] for a in data["alternatives"]] == ["hold back"]


def _error(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    assert whatif(*args) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err, err
    return err


def test_a_turn_out_of_range_is_one_clear_line(saved: Path, capsys) -> None:
    assert "turn 9 is not in this save: it has turns 1-4" in _error(capsys, str(saved), "--turn", "9")
    assert "give --turn N" in _error(capsys, str(saved))


def test_an_illegal_alternative_is_one_clear_line(saved: Path, tmp_path: Path, capsys) -> None:
    path = tmp_path / "alt.yaml"
    path.write_text(
        "turn: 2\nalternatives:\n  - name: fly\n    orders:\n"
        "      - {type: move_unit, unit: nobody, to: nowhere}\n"
    )
    err = _error(capsys, str(saved), "--file", str(path))
    assert "alternative 'fly' is illegal: order" in err and "refused at turn 2: no unit 'nobody'" in err
    path.write_text("turn: 2\nalternatives:\n  - name: typo\n    orderz: []\n")
    assert "alt.yaml:4:5: alternatives.0.orderz: unknown field" in _error(
        capsys, str(saved), "--file", str(path)
    )


def test_a_save_from_another_scenario_version_is_one_clear_line(saved: Path, tmp_path: Path, capsys) -> None:
    from game.scenario.loader import scenario_hash
    from game.scenario.models import Scenario as Model

    document = json.loads(saved.read_text())
    document["scenario"]["starting_consent"] -= 20  # other rules data: the log no longer replays
    document["scenario_hash"] = scenario_hash(Model.model_validate(document["scenario"]))
    other = tmp_path / "other.json"
    other.write_text(json.dumps(document))
    err = _error(capsys, str(other), "--turn", "1")
    assert "diverges" in err or "differs" in err


def test_unknown_continuation_policy(fork: Fork) -> None:
    with pytest.raises(WhatIfError, match="unknown continuation policy"):
        continuation_policy("bold")


def test_a_line_gives_the_same_runs_whatever_else_is_in_the_batch(fork: Fork) -> None:
    first, second = (point.alternatives[0] for point in fork.decision_points(1)[:2])
    alone, _ = evaluate(fork, [first], 5, 1, POLICY, workers=1)
    together, _ = evaluate(fork, [second, first], 5, 1, POLICY, workers=1)
    assert alone.results[first.id] == together.results[first.id]
    assert alone.results[played_key(1)] == together.results[played_key(1)]


def test_only_names_its_turn_and_refuses_unknown_ids(fork: Fork, saved: Path, capsys) -> None:
    wanted = fork.decision_points(2)[0].alternatives[0].id
    assert whatif(str(saved), "--only", wanted, "--runs", "2", "--workers", "1", "--json", "-") == 0
    data = json.loads(capsys.readouterr().out)
    assert [a["id"] for a in data["alternatives"]] == [wanted]
    assert "no alternative 2.99a at turn 2" in _error(capsys, str(saved), "--only", "2.99a")
    assert "--only takes ids such as 3.2b" in _error(capsys, str(saved), "--only", "mopti")


def test_a_dask_cluster_gives_the_same_numbers(fork: Fork) -> None:
    distributed = pytest.importorskip("distributed")
    alternative = fork.decision_points(1)[0].alternatives[0]
    local, _ = evaluate(fork, [alternative], 4, 1, POLICY, workers=1)
    with distributed.LocalCluster(n_workers=1, processes=False, dashboard_address=None) as cluster:
        remote, _ = evaluate(
            fork, [alternative], 4, 1, POLICY, executor="dask", scheduler=cluster.scheduler_address
        )
    assert remote.results == local.results and not remote.interrupted


def test_later_played_orders_the_rules_refuse_are_skipped_and_counted(fork: Fork) -> None:
    source = fork.source([1], POLICY)
    refusable = O.SetPosture(unit="nobody", posture="patrol").model_dump_json()
    source.played[1] = [*source.played[1], refusable]  # as if turn 2's log held an order now impossible
    game, refused = Continuer(source).play(1, fork.played_line(1), 0, 1)
    assert refused == 1
    assert game.state.digest() == fork.replay.game.state.digest()  # skipped: nothing else changed
