"""Headless engine speed: full games per second and milliseconds per turn (issue 2's target).

Run: uv run python benchmarks/engine.py [--games 50] [--scenario mali-2019] [--policy historical]
Target (issue 17): a full mali-2019 game under the historical policy in at most 8 ms CPU median.
CPU time (process_time) is reported beside wall time, since other work on the machine
inflates wall time.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time

from game.bots.policies import POLICIES, play_game
from game.engine import Game
from game.scenario.catalog import find_scenario

TARGET_MS = 8.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--games", type=int, default=50)
    parser.add_argument("--scenario", default="mali-2019")
    parser.add_argument("--policy", default="historical")
    args = parser.parse_args()
    scenario = find_scenario(args.scenario)
    policy = POLICIES[args.policy]
    play_game(Game.new(scenario, 0), policy)  # warm-up: imports, caches
    wall, cpu = [], []
    turns = scenario.calendar.turns
    for seed in range(1, args.games + 1):
        w0, c0 = time.perf_counter(), time.process_time()
        play_game(Game.new(scenario, seed, undo=False), policy)
        wall.append((time.perf_counter() - w0) * 1000)
        cpu.append((time.process_time() - c0) * 1000)
    median_cpu = statistics.median(cpu)
    load = " ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"{args.games} games of {args.scenario} ({turns} turns), policy {args.policy}; load {load}")
    print(f"median per game: {median_cpu:.1f} ms CPU, {statistics.median(wall):.1f} ms wall")
    print(f"per turn:        {median_cpu / turns:.2f} ms CPU")
    print(f"games per second per core: {1000 / median_cpu:.0f}")
    print(f"target {TARGET_MS:.0f} ms CPU median: {'met' if median_cpu <= TARGET_MS else 'NOT met'}")


if __name__ == "__main__":
    main()
