"""Analysis mode speed: 10,000 mali-2019 games with 1 and with 2 workers (issue 6's targets).

Run: uv run python benchmarks/analysis.py [--games 10000] [--workers 1,2] [--policy historical]
Targets: 10,000 games in at most 60 s with 2 workers (issue 17), and at least 1.8x faster than
1 worker (issue 6). Beside the wall time, the processor time the workers spent on the games is
printed, and the wall time two idle cores would take for it (CPU time / workers): on a machine
shared with other work the wall time says more about the others than about the games.
The games go through the same runner as `minusma analyse` (worker processes, chunks, sorting);
the tables and plots after the run are left out.
The machine's load average is printed before each timing, since other work on the machine
(tests, other sessions) inflates wall time.
"""

from __future__ import annotations

import argparse
import os
import time

from game.analysis.montecarlo import run_games
from game.bots.policies import POLICIES
from game.scenario.catalog import find_scenario

TARGET_S = 60.0
TARGET_SPEEDUP = 1.8


def _load() -> str:
    try:
        return "load " + " ".join(f"{x:.1f}" for x in os.getloadavg())
    except OSError:
        return "load unknown"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--games", type=int, default=10_000, help="games in all, shared by the policies")
    parser.add_argument("--workers", default="1,2", help="worker counts to time, comma-separated")
    parser.add_argument("--policy", action="append", help="policies (default: historical)")
    parser.add_argument("--scenario", default="mali-2019")
    args = parser.parse_args()
    scenario = find_scenario(args.scenario)
    policies = [POLICIES[name] for name in args.policy or ["historical"]]
    runs = args.games // len(policies)
    print(
        f"{runs * len(policies)} games of {args.scenario} ({scenario.calendar.turns} turns), "
        f"policies {', '.join(p.name for p in policies)}; {os.cpu_count()} cores"
    )
    wall: dict[int, float] = {}
    idle: dict[int, float] = {}
    reference = None
    for workers in (int(n) for n in args.workers.split(",")):
        before = _load()
        wall0 = time.perf_counter()
        outcome = run_games(scenario, policies, runs, workers=workers)
        wall[workers] = time.perf_counter() - wall0
        if reference is None:
            reference = outcome.results
        same = "same results" if outcome.results == reference else "RESULTS DIFFER"
        rate = len(outcome.results) / wall[workers]
        idle[workers] = outcome.cpu_s / workers
        print(
            f"{workers} worker(s): {wall[workers]:6.1f} s, {rate:5.0f} games/s, "
            f"{1000 * wall[workers] * workers / len(outcome.results):.1f} ms per game per worker; "
            f"{same} ({before} before, {_load()} after)"
        )
        print(
            f"            CPU in the workers {outcome.cpu_s:6.1f} s, "
            f"{1000 * outcome.cpu_s / len(outcome.results):.1f} ms per game: "
            f"{idle[workers]:.1f} s on {workers} idle core(s)"
        )
    if 2 in wall:
        games = runs * len(policies)
        limit = TARGET_S * games / 10_000  # the target is for 10,000 games; fewer get their share
        verdict = "met" if wall[2] <= limit else "NOT met"
        on_idle = "met" if idle[2] <= limit else "NOT met"
        print(
            f"target: {games} games in at most {limit:.1f} s with 2 workers ({TARGET_S:.0f} s for 10,000): "
            f"wall {verdict}; on idle cores (CPU time / 2) {on_idle}"
        )
    if 1 in wall and 2 in wall:
        speedup = wall[1] / wall[2]
        print(
            f"speed-up 2 workers vs 1: {speedup:.2f}x (target {TARGET_SPEEDUP}x: "
            f"{'met' if speedup >= TARGET_SPEEDUP else 'NOT met'})"
        )


if __name__ == "__main__":
    main()
