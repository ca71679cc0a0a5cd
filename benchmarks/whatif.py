"""What-if speed: 10 decision points x 200 paired continuations of a 30-turn game (issue 14's target).

Run: uv run python benchmarks/whatif.py [--points 10] [--runs 200] [--workers 2]
Target: at most 60 s on 2 cores. The save is a whole mali-2019 game played by the historical
policy; the points are one per turn, spread evenly over the game, each with its first
alternative, so half the continuations are the played lines and half the alternatives. The load
average is printed beside the time: on a shared machine the wall time is inflated.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path

from game.analysis.whatif import Fork, continuation_policy
from game.analysis.whatif_output import evaluate
from game.bots.policies import POLICIES, play_game
from game.engine import Game
from game.record.saves import SaveMeta, save_to
from game.scenario.catalog import find_scenario

TARGET_S = 60.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--points", type=int, default=10)
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--policy", default="historical", help="the policy that plays the saved game")
    args = parser.parse_args()
    scenario = find_scenario("mali-2019")
    game = play_game(Game.new(scenario, 11), POLICIES[args.policy])
    with tempfile.TemporaryDirectory() as folder:
        path = save_to(Path(folder) / "game.json", game, SaveMeta(mode="solo", seats={}))
        fork = Fork.open(path)
    step = max(1, fork.turns // args.points)
    alternatives = []
    for turn in range(1, fork.turns + 1, step):
        points = fork.decision_points(turn)
        if points and len(alternatives) < args.points:
            alternatives.append(points[0].alternatives[0])
    turns = sorted({a.turn for a in alternatives})
    print(
        f"{len(alternatives)} decision points (turns {', '.join(map(str, turns))}) x {args.runs} paired "
        f"continuations of a {fork.turns}-turn game, {args.workers} workers"
    )
    before = os.getloadavg()
    started = time.perf_counter()
    batches, _ = evaluate(fork, alternatives, args.runs, 1, continuation_policy("historical"), args.workers)
    elapsed = time.perf_counter() - started
    after = os.getloadavg()
    games = sum(len(results) for results in batches.results.values())
    print(f"{games} continuations in {elapsed:.1f} s ({games / elapsed:.0f} a second)")
    print(
        f"processor time in the workers: {batches.cpu_s:.1f} s, i.e. {batches.cpu_s / args.workers:.1f} s "
        f"on {args.workers} idle cores"
    )
    print(f"load average before {before[0]:.2f}, after {after[0]:.2f} (1 min); {os.cpu_count()} cores")
    print(f"target {TARGET_S:.0f} s on 2 cores, wall time: {'met' if elapsed <= TARGET_S else 'NOT met'}")
    idle = batches.cpu_s / args.workers
    print(
        f"estimate on {args.workers} idle cores (processor time / workers, start-up left out): "
        f"{'met' if idle <= TARGET_S else 'NOT met'}"
    )


if __name__ == "__main__":
    main()
