"""Monte Carlo runs: many seeded games per policy, in parallel processes or on a Dask cluster.

Game i of every policy uses seed base_seed + i, so policies are compared on the same dice
(paired). Games are independent and deterministic, and results are sorted by (policy, seed)
before anything is computed from them: the numbers do not depend on the number of workers.
"""

from __future__ import annotations

import gc
import math
import multiprocessing
import os
import signal
import time
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import CancelledError, Future, ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from typing import Any, Literal

from game.bots.policies import Policy, play_game
from game.engine import Game, score
from game.engine.context import ScenarioIndex
from game.engine.game import initial_state
from game.i18n import _
from game.scenario.models import Scenario

Executor = Literal["process", "dask"]
MAX_CHUNK = 20  # games per task: about half a second, so progress and Ctrl-C stay responsive
CHUNKS_PER_WORKER = 8  # enough tasks for the workers to share the load evenly
MANDATE_OUTCOMES = ("poc_first", "renewed", "reduced")


@dataclass(frozen=True)
class GameResult:
    """The measures of one finished game."""

    policy: str
    seed: int
    measures: dict[str, float]
    mandate_outcomes: tuple[str, ...] = ()


Measure = Callable[[Game, str], "GameResult"]


@dataclass(frozen=True)
class Chunk:
    """A task: consecutive seeds of one policy, measured by `measure` (a module-level function)."""

    policy: Policy
    seeds: range
    measure: Measure | None = None  # None: measure_game


@dataclass
class RunOutcome:
    """Everything a run produced; `results` sorted by (policy order, seed)."""

    policies: list[str]
    runs: int
    base_seed: int
    results: list[GameResult] = field(default_factory=list)
    interrupted: bool = False
    elapsed_s: float = 0.0
    workers: int = 1
    cpu_s: float = 0.0  # processor time the games took in the worker processes (not with Dask)

    @property
    def planned(self) -> int:
        return self.runs * len(self.policies)

    def finished(self, policy: str) -> int:
        return sum(1 for result in self.results if result.policy == policy)


class GameFailed(RuntimeError):
    """A game raised an error: a bug in a policy or the engine, reproducible from its seed."""

    def __init__(self, policy: str, seed: int, error: str):
        self.policy, self.seed, self.error = policy, seed, error
        super().__init__(policy, seed, error)

    def __str__(self) -> str:
        return _("the game of policy {policy} with seed {seed} failed: {error}").format(
            policy=self.policy, seed=self.seed, error=self.error
        )


class ExecutorUnavailable(RuntimeError):
    """The chosen executor cannot run here (Dask missing, scheduler unreachable)."""


# --- one game ---------------------------------------------------------------------------------


def measure_game(game: Game, policy: str) -> GameResult:
    """The numbers analysis compares, from a finished game (the scorecard, where it has them)."""
    card = score(game.scenario, game.state, shares=False)  # the shares are not measured
    state = game.state
    measures: dict[str, float] = {"national_credibility": card.national_credibility_end}
    for region, (_start, end) in card.credibility_by_region.items():
        measures[f"credibility.{region}"] = end
    measures["civilians_killed"] = sum(card.civilians_by_region.values())
    for measure in card.measures:
        if measure.name == "civilians killed":
            measures[f"civilians_killed.{measure.period}"] = measure.value
    measures["peacekeepers_killed"] = state.tallies.peacekeepers_killed
    for measure in card.measures:
        if measure.name == "peacekeepers killed":
            measures[f"peacekeepers_killed.{measure.period}"] = measure.value
    measures["say_do_gap"] = card.say_do_gap_mean_tenths / 10
    measures["central_share_pct"] = card.central_share_pct
    measures["consent"] = card.consent
    measures["mandate_support"] = card.mandate_support
    outcomes = [entry.rpartition(":")[2] for entry in card.mandate_outcomes]
    for outcome in MANDATE_OUTCOMES:
        measures[f"mandate.{outcome}"] = outcomes.count(outcome)
    return GameResult(policy, state.seed, measures, tuple(card.mandate_outcomes))


def play_one(
    scenario: Scenario,
    policy: Policy,
    seed: int,
    measure: Measure | None = None,
    index: ScenarioIndex | None = None,
) -> GameResult:
    """One game, measured; `index` (the scenario's lookups) may be shared by many games."""
    try:
        index = index or ScenarioIndex(scenario)
        # measure_game reads only the scorecard: without a given measure the game keeps no ledger
        ledger = measure is not None
        state = initial_state(scenario, seed, index, ledger)
        game = play_game(Game(scenario, state, index, undo=False, ledger=ledger), policy)
    except Exception as error:
        raise GameFailed(policy.name, seed, f"{type(error).__name__}: {error}") from None
    return (measure or measure_game)(game, policy.name)


def run_chunk_on(scenario: Scenario, chunk: Chunk, index: ScenarioIndex | None = None) -> list[GameResult]:
    index = index or ScenarioIndex(scenario)
    return [play_one(scenario, chunk.policy, seed, chunk.measure, index) for seed in chunk.seeds]


# --- worker processes -------------------------------------------------------------------------

_worker_scenario: tuple[Scenario, ScenarioIndex] | None = None


def _init_worker(scenario: Scenario) -> None:
    """Each worker process receives the scenario once and builds its lookups once; Ctrl-C is the
    parent's to handle."""
    global _worker_scenario
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _worker_scenario = scenario, ScenarioIndex(scenario)
    collect_less()


def collect_less() -> None:
    """The games make many small objects and few cycles: the scenario and modules are set aside
    from the cyclic collector, which then runs less often (about 6% of a game's time)."""
    gc.freeze()
    gc.set_threshold(20_000, 20, 100)


@dataclass(frozen=True)
class PackedResults:
    """A chunk's results as a worker sends them back: each distinct list of measure names once,
    then rows of numbers (a quarter of the pickled size of the GameResults), and the CPU time."""

    names: list[tuple[str, ...]]
    rows: list[tuple[str, int, int, tuple[float, ...], tuple[str, ...]]]  # policy, seed, names, values, ...
    cpu_s: float

    @classmethod
    def pack(cls, results: list[GameResult], cpu_s: float) -> PackedResults:
        names: dict[tuple[str, ...], int] = {}
        rows = []
        for result in results:
            keys = tuple(result.measures)
            number = names.setdefault(keys, len(names))
            rows.append(
                (result.policy, result.seed, number, tuple(result.measures.values()), result.mandate_outcomes)
            )
        return cls(list(names), rows, cpu_s)

    def unpack(self) -> list[GameResult]:
        return [
            GameResult(policy, seed, dict(zip(self.names[number], values, strict=True)), outcomes)
            for policy, seed, number, values, outcomes in self.rows
        ]


def _run_chunk_in_worker(chunk: Chunk) -> PackedResults:
    assert _worker_scenario is not None, "worker started without its scenario"
    scenario, index = _worker_scenario
    started = time.process_time()
    results = run_chunk_on(scenario, chunk, index)
    return PackedResults.pack(results, time.process_time() - started)


def available_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _process_context() -> multiprocessing.context.BaseContext:
    """forkserver where the platform has it (safe with threads), else spawn."""
    if "forkserver" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload([__name__])
        return context
    return multiprocessing.get_context("spawn")


# --- planning and running ---------------------------------------------------------------------


def chunk_size_for(total_games: int, workers: int) -> int:
    return max(1, min(MAX_CHUNK, math.ceil(total_games / (workers * CHUNKS_PER_WORKER))))


def plan_chunks(
    policies: Sequence[Policy], runs: int, base_seed: int, size: int, measure: Measure | None = None
) -> list[Chunk]:
    """Tasks interleaved by seed block, so an interrupted run still has paired games to compare."""
    chunks: list[Chunk] = []
    for start in range(0, runs, size):
        seeds = range(base_seed + start, base_seed + min(runs, start + size))
        chunks.extend(Chunk(policy, seeds, measure) for policy in policies)
    return chunks


Progress = Callable[[int], None]


def run_games(
    scenario: Scenario,
    policies: Sequence[Policy],
    runs: int,
    base_seed: int = 1,
    workers: int | None = None,
    executor: Executor = "process",
    scheduler: str | None = None,
    chunk_size: int | None = None,
    progress: Progress | None = None,
    measure: Measure | None = None,
) -> RunOutcome:
    """Play `runs` games of every policy; `progress(n)` is called as each n games finish.

    `measure` (a module-level function, so workers can receive it) turns a finished game into
    its numbers; by default the measures that `analyse` compares.

    Ctrl-C (KeyboardInterrupt) stops the run cleanly: pending tasks are cancelled and the
    outcome holds the games that finished, with `interrupted` set.
    """
    names = [policy.name for policy in policies]
    if len(set(names)) != len(names):
        raise ValueError(f"policy names repeat: {', '.join(names)}")
    outcome = RunOutcome(names, runs, base_seed)
    report = progress or (lambda n: None)
    started = time.perf_counter()
    collected: list[GameResult] = []
    try:
        if executor == "dask":
            _run_dask(scenario, policies, outcome, scheduler, chunk_size, collected, report, measure)
        else:
            outcome.workers = workers or available_cores()
            size = chunk_size or chunk_size_for(runs * len(policies), outcome.workers)
            chunks = plan_chunks(policies, runs, base_seed, size, measure)
            if outcome.workers == 1:
                outcome.cpu_s = _run_here(scenario, chunks, collected, report)
            else:
                outcome.cpu_s = _run_processes(scenario, chunks, outcome.workers, collected, report)
    except KeyboardInterrupt:
        outcome.interrupted = True
    order = {name: position for position, name in enumerate(names)}
    outcome.results = sorted(collected, key=lambda r: (order[r.policy], r.seed))
    outcome.elapsed_s = time.perf_counter() - started
    return outcome


def _run_here(scenario: Scenario, chunks: Iterable[Chunk], collected: list, report: Progress) -> float:
    """Run the chunks in this process; returns the processor time they took."""
    index = ScenarioIndex(scenario)
    started = time.process_time()
    for chunk in chunks:
        results = run_chunk_on(scenario, chunk, index)  # a Ctrl-C mid-chunk drops only this chunk
        collected.extend(results)
        report(len(results))
    return time.process_time() - started


def _run_processes(
    scenario: Scenario, chunks: list[Chunk], workers: int, collected: list, report: Progress
) -> float:
    """Run the chunks in worker processes; returns the processor time the workers spent on them."""
    pool = ProcessPoolExecutor(
        max_workers=workers,
        mp_context=_process_context(),
        initializer=_init_worker,
        initargs=(scenario,),
    )
    futures: list[Future] = []
    cpu_s = 0.0
    try:
        futures = [pool.submit(_run_chunk_in_worker, chunk) for chunk in chunks]
        for future in as_completed(futures):
            packed = future.result()
            results = packed.unpack()
            cpu_s += packed.cpu_s
            collected.extend(results)
            report(len(results))
    except BaseException:
        # Ctrl-C or a failed game: cancel what has not started, let running chunks finish
        # (about a second) and keep their games, then re-raise.
        pool.shutdown(wait=True, cancel_futures=True)
        _collect_finished(futures, collected)
        raise
    finally:
        pool.shutdown(wait=True)
    return cpu_s


def _collect_finished(futures: Iterable, collected: list) -> None:
    """Add the results of futures that finished but were not collected yet."""
    seen = {(r.policy, r.seed) for r in collected}
    for future in futures:
        try:
            if not future.done() or future.cancelled() or future.exception() is not None:
                continue
            results = future.result()
            if isinstance(results, PackedResults):
                results = results.unpack()
        except (CancelledError, Exception):  # a Dask future may fail in other ways once cancelled
            continue
        collected.extend(r for r in results if (r.policy, r.seed) not in seen)


def connect_dask(scheduler: str | None) -> tuple[Any, Any]:
    """A client of the Dask scheduler and Dask's as_completed, or one clear reason why not."""
    try:
        from distributed import Client, as_completed
    except ImportError:
        raise ExecutorUnavailable(
            _(
                "the dask executor needs Dask distributed: install the cluster extra, "
                "e.g. pip install 'minusma[cluster]'"
            )
        ) from None
    if not scheduler:
        raise ExecutorUnavailable(_("the dask executor needs --scheduler ADDRESS (e.g. tcp://10.0.0.5:8786)"))
    try:
        client = Client(scheduler, timeout="10s", set_as_default=False)
    except (OSError, TimeoutError, ValueError) as error:
        raise ExecutorUnavailable(
            _("cannot reach the Dask scheduler at {address}: {error}").format(address=scheduler, error=error)
        ) from None
    return client, as_completed


def _run_dask(
    scenario: Scenario,
    policies: Sequence[Policy],
    outcome: RunOutcome,
    scheduler: str | None,
    chunk_size: int | None,
    collected: list,
    report: Progress,
    measure: Measure | None = None,
) -> None:
    """Run the chunks on a Dask distributed cluster (its threads count as the workers)."""
    client, dask_as_completed = connect_dask(scheduler)
    futures: list = []
    try:
        outcome.workers = max(1, sum(client.nthreads().values()))
        size = chunk_size or chunk_size_for(outcome.planned, outcome.workers)
        shared = client.scatter(scenario, broadcast=True)
        futures = [
            client.submit(run_chunk_on, shared, chunk, pure=False)
            for chunk in plan_chunks(policies, outcome.runs, outcome.base_seed, size, measure)
        ]
        for future in dask_as_completed(futures, loop=client.loop):
            results = future.result()
            collected.extend(results)
            report(len(results))
    except BaseException:
        _collect_finished(futures, collected)
        client.cancel(futures)
        raise
    finally:
        client.close()
