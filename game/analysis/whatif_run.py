"""Paired batches of what-if continuations, on this machine's cores or a Dask cluster.

Every task is a block of runs of one line (the played orders at a turn, or an alternative);
results are sorted by (line, run) before anything is computed, so the numbers do not depend on
the number of workers. Each worker parses the save's scenario, states and orders once.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import signal
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field

from game.analysis.montecarlo import (
    GameResult,
    RunOutcome,
    available_cores,
    chunk_size_for,
    connect_dask,
)
from game.analysis.whatif import PLAYED, Alternative, Continuer, ForkSource

Progress = Callable[[int], None]


@dataclass(frozen=True)
class Line:
    """The orders given at a turn, to be played `runs` times from there."""

    key: str  # PLAYED@turn or an alternative's id
    turn: int
    orders: tuple[str, ...]


@dataclass(frozen=True)
class Task:
    line: Line
    runs: range
    base_seed: int


@dataclass
class Batches:
    """Every continuation of every line, sorted by (line, run)."""

    lines: list[Line]
    runs: int
    base_seed: int
    results: dict[str, list[GameResult]] = field(default_factory=dict)
    interrupted: bool = False
    elapsed_s: float = 0.0
    cpu_s: float = 0.0  # processor time of the continuations, summed over the workers
    workers: int = 1

    def outcome(self, alternative: Alternative) -> RunOutcome:
        """The alternative against the played line of its turn, as `analyse` compares policies."""
        played = [_renamed(r, PLAYED) for r in self.results.get(played_key(alternative.turn), [])]
        other = [_renamed(r, alternative.name) for r in self.results.get(alternative.id, [])]
        names = [PLAYED, alternative.name if alternative.name != PLAYED else f"{PLAYED} (alternative)"]
        if names[1] != alternative.name:
            other = [_renamed(r, names[1]) for r in other]
        return RunOutcome(names, self.runs, self.base_seed, played + other, self.interrupted)


def _renamed(result: GameResult, name: str) -> GameResult:
    return GameResult(name, result.seed, result.measures, result.mandate_outcomes)


def played_key(turn: int) -> str:
    return f"{PLAYED}@{turn}"


def plan_lines(played: dict[int, tuple[str, ...]], alternatives: Sequence[Alternative]) -> list[Line]:
    """The played line of each turn with an alternative, then the alternatives."""
    lines = [Line(played_key(turn), turn, played[turn]) for turn in sorted({a.turn for a in alternatives})]
    return lines + [Line(a.id, a.turn, a.orders) for a in alternatives]


def _tasks(lines: list[Line], runs: int, base_seed: int, size: int) -> list[Task]:
    """Interleaved by run block, so an interrupted batch still has pairs to compare."""
    return [
        Task(line, range(start, min(runs, start + size)), base_seed)
        for start in range(0, runs, size)
        for line in lines
    ]


def run_task(continuer: Continuer, task: Task) -> tuple[list[GameResult], float]:
    """The task's results, and the processor time they took (for the benchmark on a busy machine)."""
    started = time.process_time()
    line = task.line
    results = [continuer.measure(line.turn, line.key, line.orders, run, task.base_seed) for run in task.runs]
    return results, time.process_time() - started


_worker: Continuer | None = None


def _init_worker(source: ForkSource) -> None:
    global _worker
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _worker = Continuer(source)


def _run_in_worker(task: Task) -> tuple[list[GameResult], float]:
    assert _worker is not None, "worker started without its save"
    return run_task(_worker, task)


_dask_cache: dict[int, tuple[ForkSource, Continuer]] = {}


def _run_dask_task(source: ForkSource, task: Task) -> tuple[list[GameResult], float]:
    """On a Dask worker: the parsed save is kept per source object, so parsed once per worker."""
    cache = _dask_cache.get(id(source))
    if cache is None or cache[0] is not source:
        cache = (source, Continuer(source))
        _dask_cache.clear()
        _dask_cache[id(source)] = cache
    return run_task(cache[1], task)


def run_batches(
    source: ForkSource,
    lines: list[Line],
    runs: int,
    base_seed: int = 1,
    workers: int | None = None,
    executor: str = "process",
    scheduler: str | None = None,
    progress: Progress | None = None,
) -> Batches:
    """Play `runs` continuations of every line; Ctrl-C keeps the runs that finished."""
    batches = Batches(lines, runs, base_seed)
    report = progress or (lambda n: None)
    collected: list[GameResult] = []
    started = time.perf_counter()
    try:
        if executor == "dask":
            _run_dask(source, batches, scheduler, collected, report)
        else:
            batches.workers = workers or available_cores()
            size = chunk_size_for(runs * len(lines), batches.workers)
            tasks = _tasks(lines, runs, base_seed, size)
            if batches.workers == 1:
                continuer = Continuer(source)
                for task in tasks:
                    results, cpu = run_task(continuer, task)
                    collected.extend(results)
                    batches.cpu_s += cpu
                    report(len(results))
            else:
                _run_processes(source, tasks, batches, collected, report)
    except KeyboardInterrupt:
        batches.interrupted = True
    for line in lines:
        batches.results[line.key] = sorted(
            (r for r in collected if r.policy == line.key), key=lambda r: r.seed
        )
    if batches.interrupted:  # keep only runs every line finished, so pairs stay pairs
        common = set.intersection(*({r.seed for r in found} for found in batches.results.values()))
        batches.results = {k: [r for r in v if r.seed in common] for k, v in batches.results.items()}
    batches.elapsed_s = time.perf_counter() - started
    return batches


def _process_context() -> multiprocessing.context.BaseContext:
    """forkserver where the platform has it (safe with threads; this module preloaded), else spawn."""
    if "forkserver" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload([__name__])
        return context
    return multiprocessing.get_context("spawn")


@contextlib.contextmanager
def _real_stderr() -> Iterator[None]:
    """The process's own standard error while workers start: multiprocessing hands its file
    descriptor to its helper processes, and a terminal app (Textual) replaces sys.stderr with an
    object that has none."""
    replaced = sys.stderr
    if sys.__stderr__ is None or replaced is sys.__stderr__:
        yield
        return
    sys.stderr = sys.__stderr__
    try:
        yield
    finally:
        sys.stderr = replaced


def _run_processes(
    source: ForkSource, tasks: list[Task], batches: Batches, collected: list, report: Progress
) -> None:
    with _real_stderr():
        pool = ProcessPoolExecutor(
            max_workers=batches.workers,
            mp_context=_process_context(),
            initializer=_init_worker,
            initargs=(source,),
        )
    futures: list[Future] = []
    try:
        with _real_stderr():
            futures = [pool.submit(_run_in_worker, task) for task in tasks]
        for future in as_completed(futures):
            results, cpu = future.result()
            collected.extend(results)
            batches.cpu_s += cpu
            report(len(results))
    except BaseException:
        pool.shutdown(wait=True, cancel_futures=True)
        raise
    finally:
        pool.shutdown(wait=True)


def _run_dask(
    source: ForkSource, batches: Batches, scheduler: str | None, collected: list, report: Progress
) -> None:
    client, dask_as_completed = connect_dask(scheduler)
    futures: list = []
    try:
        batches.workers = max(1, sum(client.nthreads().values()))
        shared = client.scatter(source, broadcast=True)
        size = chunk_size_for(batches.runs * len(batches.lines), batches.workers)
        futures = [
            client.submit(_run_dask_task, shared, task, pure=False)
            for task in _tasks(batches.lines, batches.runs, batches.base_seed, size)
        ]
        for future in dask_as_completed(futures, loop=client.loop):
            results, cpu = future.result()
            collected.extend(results)
            batches.cpu_s += cpu
            report(len(results))
    except BaseException:
        client.cancel(futures)
        raise
    finally:
        client.close()
