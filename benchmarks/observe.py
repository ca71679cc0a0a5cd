"""The observer's cost: milliseconds per Game.observe at a late turn, repeated and after a change.

Run: uv run python benchmarks/observe.py [--turns 30] [--calls 50] [--scenario mali-2019]
A screen refresh asks for the seat's view several times; with the cache a repeated call costs
nothing, and a change (an order) rebuilds only the turn in progress (finished turns are kept).
CPU time (process_time) is reported, since other work on the machine inflates wall time.
"""

from __future__ import annotations

import argparse
import time

from game.bots.policies import POLICIES
from game.engine import Game
from game.scenario.catalog import find_scenario


def per_call(calls: int, action) -> float:
    start = time.process_time()
    for _ in range(calls):
        action()
    return (time.process_time() - start) * 1000 / calls


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scenario", default="mali-2019")
    parser.add_argument("--turns", type=int, default=30)
    parser.add_argument("--calls", type=int, default=50)
    args = parser.parse_args()
    scenario = find_scenario(args.scenario)
    game = Game.new(scenario, 7)
    policy = POLICIES["historical"]
    while game.state.turn < args.turns and not game.is_over():
        policy.play(game)
        game.end_turn()
    seat = "srsg"
    game.observe(seat)  # warm-up
    repeated = per_call(args.calls, lambda: game.observe(seat))
    order = game.legal_orders("force_commander")[0]

    def change_then_observe() -> None:
        game.apply(order, "force_commander")
        game.observe(seat)
        game.withdraw(0)

    changed = per_call(args.calls, change_then_observe) - per_call(
        args.calls, lambda: _apply_withdraw(game, order)
    )
    print(f"{args.scenario} at turn {game.state.turn}, seat {seat}, {args.calls} calls each (CPU)")
    print(f"observe, state unchanged:   {repeated:.3f} ms")
    print(f"observe after an order:     {changed:.3f} ms")


def _apply_withdraw(game: Game, order) -> None:
    game.apply(order, "force_commander")
    game.withdraw(0)


if __name__ == "__main__":
    main()
