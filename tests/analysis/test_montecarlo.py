"""Monte Carlo runs: seeds, the same numbers for any worker count or executor, clean interruption."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from game.analysis.compare import compare, mandate_shares
from game.analysis.montecarlo import (
    ExecutorUnavailable,
    GameFailed,
    GameResult,
    PackedResults,
    RunOutcome,
    chunk_size_for,
    measure_game,
    plan_chunks,
    run_games,
)
from game.analysis.output import json_data
from game.analysis.simulate import simulate
from game.bots.policies import POLICIES, Policy
from game.bots.policy_file import load_policy_file
from game.scenario.models import Scenario

EXAMPLE = Path(__file__).parents[2] / "scenarios" / "policies" / "example.yaml"
BUILT_IN = [POLICIES["historical"], POLICIES["passive"], POLICIES["poc-first-mtf-air"]]


def summary_json(outcome: RunOutcome, mini: Scenario) -> dict:
    tables = compare(outcome, outcome.policies[0])
    data = json_data(outcome, mini.id, outcome.policies[0], tables, mandate_shares(outcome))
    del data["run"]  # timing and worker count: the only part allowed to differ
    return data


def test_game_i_of_every_policy_uses_seed_base_plus_i(mini: Scenario) -> None:
    outcome = run_games(mini, BUILT_IN[:2], runs=3, base_seed=40, workers=1)
    assert [(r.policy, r.seed) for r in outcome.results] == [
        ("historical", 40),
        ("historical", 41),
        ("historical", 42),
        ("passive", 40),
        ("passive", 41),
        ("passive", 42),
    ]
    for result in outcome.results:
        assert result == measure_game(simulate(mini, result.seed, result.policy), result.policy)


def test_same_numbers_whatever_the_number_of_workers(mini: Scenario) -> None:
    policies = [*BUILT_IN, load_policy_file(EXAMPLE)]
    one = run_games(mini, policies, runs=10, workers=1)
    two = run_games(mini, policies, runs=10, workers=2, chunk_size=3)
    assert two.workers == 2 and not two.interrupted
    assert len(one.results) == 40
    assert one.results == two.results
    assert summary_json(one, mini) == summary_json(two, mini)
    assert one.cpu_s > 0 and two.cpu_s > 0  # the workers report the processor time of their games


def test_packed_results_name_each_list_of_measures_once_and_unpack_unchanged() -> None:
    results = [
        GameResult("historical", 1, {"a": 1.0, "b": 2.5}, ("2100:renewed",)),
        GameResult("historical", 2, {"a": 0.0, "b": -1.0}),
        GameResult("passive", 1, {"a": 3.0, "c": 4.0}, ("2100:reduced", "2164:renewed")),
    ]
    packed = PackedResults.pack(results, 0.25)
    assert packed.names == [("a", "b"), ("a", "c")]
    assert packed.unpack() == results and packed.cpu_s == 0.25


def test_policies_differ_so_the_comparison_is_not_vacuous(mini: Scenario) -> None:
    # passive against the study's recommendations: in the short mini scenario the historical
    # posture (central patrols from mid-2019) barely differs from passive play
    outcome = run_games(mini, BUILT_IN[1:], runs=8, workers=1)
    assert {r.measures["civilians_killed"] for r in outcome.results if r.policy == "passive"} != {
        r.measures["civilians_killed"] for r in outcome.results if r.policy == "poc-first-mtf-air"
    }


def test_chunks_interleave_policies_and_cover_every_seed() -> None:
    chunks = plan_chunks(BUILT_IN[:2], runs=5, base_seed=1, size=2)
    assert [(c.policy.name, list(c.seeds)) for c in chunks] == [
        ("historical", [1, 2]),
        ("passive", [1, 2]),
        ("historical", [3, 4]),
        ("passive", [3, 4]),
        ("historical", [5]),
        ("passive", [5]),
    ]
    assert chunk_size_for(10_000 * 6, 2) == 20
    assert chunk_size_for(10, 2) == 1


class Interrupt:
    """A progress callback that presses Ctrl-C once `after` games have been reported."""

    def __init__(self, after: int):
        self.after, self.seen = after, 0

    def __call__(self, n: int) -> None:
        self.seen += n
        if self.seen >= self.after:
            raise KeyboardInterrupt


@pytest.mark.parametrize("workers", [1, 2])
def test_ctrl_c_stops_cleanly_and_keeps_the_finished_games(mini: Scenario, workers: int) -> None:
    outcome = run_games(mini, BUILT_IN[:2], runs=40, workers=workers, chunk_size=2, progress=Interrupt(4))
    assert outcome.interrupted
    assert 4 <= len(outcome.results) < outcome.planned == 80
    finished = {(r.policy, r.seed) for r in outcome.results}
    assert len(finished) == len(outcome.results)
    complete = run_games(mini, BUILT_IN[:2], runs=40, workers=1)
    assert all(r in complete.results for r in outcome.results)
    # the games that did finish can still be compared, pair by pair
    (table,) = compare(outcome, "historical", keys=["civilians_killed"])
    assert [row.summary.n for row in table.rows] == [
        outcome.finished("historical"),
        outcome.finished("passive"),
    ]


def test_a_failing_game_names_its_policy_and_seed(mini: Scenario) -> None:
    def explode(game) -> None:
        if game.state.turn == 2:
            raise KeyError("no such unit")

    broken = Policy("broken", "fails in turn 2", explode)
    with pytest.raises(GameFailed) as caught:
        run_games(mini, [broken], runs=3, base_seed=7, workers=1)
    assert str(caught.value) == "the game of policy broken with seed 7 failed: KeyError: 'no such unit'"


def test_dask_runs_give_the_same_numbers(mini: Scenario) -> None:
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(
        n_workers=1, threads_per_worker=2, processes=False, dashboard_address=None
    ) as cluster:
        on_dask = run_games(mini, BUILT_IN, runs=6, executor="dask", scheduler=cluster.scheduler_address)
    here = run_games(mini, BUILT_IN, runs=6, workers=1)
    assert on_dask.workers == 2
    assert on_dask.results == here.results


def test_dask_needs_a_scheduler(mini: Scenario) -> None:
    with pytest.raises(ExecutorUnavailable, match="needs --scheduler"):
        run_games(mini, BUILT_IN, runs=1, executor="dask")


def test_analysis_core_stays_headless() -> None:
    modules = [
        "game.analysis.montecarlo",
        "game.analysis.stats",
        "game.analysis.compare",
        "game.bots.policy_file",
    ]
    code = (
        "import sys\n"
        + "".join(f"import {module}\n" for module in modules)
        + "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich', 'distributed'))\n"
        + "assert not bad, bad\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
