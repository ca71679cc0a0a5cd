"""Headless engine speed: full games per second and milliseconds per turn (issue 2's target).

Run: uv run python benchmarks/engine.py [--games 50] [--scenario mali-2019] [--policy historical]
Target (issue 17): a full mali-2019 game under the historical policy in at most 8 ms CPU median.
Two figures: a full game (every roll and change explained, as a game that is saved and replayed
keeps it), then a game as analysis plays it (no ledger, the scorecard only; the workers' GC
settings) - the second is what 10,000 games on two workers cost. CPU time (process_time) is
reported beside wall time, since other work on the machine inflates wall time.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from collections.abc import Callable

from game.analysis.montecarlo import collect_less, play_one
from game.bots.policies import POLICIES, play_game
from game.engine import Game
from game.engine.context import ScenarioIndex
from game.scenario.catalog import find_scenario

TARGET_MS = 8.0


def timed(games: int, play: Callable[[int], object]) -> tuple[float, float]:
    """Median (CPU ms, wall ms) of one game, over seeds 1..games."""
    wall, cpu = [], []
    for seed in range(1, games + 1):
        w0, c0 = time.perf_counter(), time.process_time()
        play(seed)
        wall.append((time.perf_counter() - w0) * 1000)
        cpu.append((time.process_time() - c0) * 1000)
    return statistics.median(cpu), statistics.median(wall)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--games", type=int, default=50)
    parser.add_argument("--scenario", default="mali-2019")
    parser.add_argument("--policy", default="historical")
    args = parser.parse_args()
    scenario = find_scenario(args.scenario)
    policy = POLICIES[args.policy]
    play_game(Game.new(scenario, 0), policy)  # warm-up: imports, caches
    turns = scenario.calendar.turns
    load = " ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"{args.games} games of {args.scenario} ({turns} turns), policy {args.policy}; load {load}")
    median_cpu, median_wall = timed(
        args.games, lambda seed: play_game(Game.new(scenario, seed, undo=False), policy)
    )
    print(f"full game, median:     {median_cpu:.1f} ms CPU, {median_wall:.1f} ms wall")
    print(f"per turn:              {median_cpu / turns:.2f} ms CPU")
    print(f"games per second per core: {1000 / median_cpu:.0f}")
    print(f"target {TARGET_MS:.0f} ms CPU median: {'met' if median_cpu <= TARGET_MS else 'NOT met'}")
    index = ScenarioIndex(scenario)
    collect_less()
    analysis_cpu, analysis_wall = timed(
        args.games, lambda seed: play_one(scenario, policy, seed, index=index)
    )
    print(
        f"as analysis plays it:  {analysis_cpu:.1f} ms CPU, {analysis_wall:.1f} ms wall (no ledger, scored)"
    )
    print(
        f"target {TARGET_MS:.0f} ms CPU median as analysis plays it: "
        f"{'met' if analysis_cpu <= TARGET_MS else 'NOT met'}"
    )


if __name__ == "__main__":
    main()
