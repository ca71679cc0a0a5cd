"""Replay speed: load and verify a full mali-2019 save, and jump to any turn (issue 4's targets).

Run: uv run python benchmarks/replay.py [--repeats 20] [--scenario mali-2019] [--policy historical] [--tui]
Targets: loading and verifying a full save within 300 ms, jumping to any turn within 50 ms
(issue 4); opening a 30-turn save for viewing (Replay.open) within 30 ms CPU (issue 17).
"Jump" is what the viewer needs for a turn it has not shown before: the state as the turn was
played, its story, its changes with their causes, the map and the region table. With --tui,
the headless viewer is timed too: show_turn, then until Textual has repainted (that figure
includes the test pilot's own waiting). CPU time is reported beside wall time, since other
work on the machine inflates wall time.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from game.bots.policies import POLICIES, play_game
from game.engine import Game
from game.engine import orders as O
from game.record.replay import Replay
from game.record.saves import SaveMeta, load, save_as
from game.scenario.catalog import find_scenario
from game.tui.replay import views


def timed(action: Callable[[], object]) -> tuple[float, float]:
    """(CPU ms, wall ms) of one call."""
    w0, c0 = time.perf_counter(), time.process_time()
    action()
    return (time.process_time() - c0) * 1000, (time.perf_counter() - w0) * 1000


def report(label: str, samples: list[tuple[float, float]], target: float) -> None:
    cpu = sorted(c for c, _ in samples)
    wall = [w for _, w in samples]
    p90 = cpu[int(0.9 * (len(cpu) - 1))]
    median = statistics.median(cpu)
    verdict = "met" if cpu[-1] <= target else "met by 90%" if p90 <= target else "met by the median"
    if median > target:
        verdict = "NOT met"
    print(
        f"{label:<34} median {median:6.1f} ms CPU, 90% {p90:6.1f}, max {cpu[-1]:6.1f} "
        f"(wall median {statistics.median(wall):6.1f}) - target {target:.0f} ms: {verdict}"
    )


def full_save(scenario_name: str, policy: str, folder: Path) -> Path:
    os.environ["MINUSMA_DATA_DIR"] = str(folder)
    scenario = find_scenario(scenario_name)
    game = Game.new(scenario, 7)
    game.apply(O.FacilitatorNote(text="Benchmark game: a facilitator's note on turn 1."))
    play_game(game, POLICIES[policy])
    meta = SaveMeta(mode="hotseat", seats={"srsg": "A", "force_commander": "B"}, notes={3: "debrief note"})
    return save_as(game, meta, f"benchmark {scenario_name}")


def jump(replay: Replay, number: int) -> None:
    replay.game_at(number)
    views.turn_story(replay, number)
    views.change_rows(replay, number)
    views.map_text(replay, number)
    views.region_table(replay, number)


async def viewer_jumps(path: Path, order: list[int]) -> list[tuple[float, float]]:
    from game.tui.replay.app import ReplayApp

    app = ReplayApp(path)
    samples = []
    async with app.run_test(size=(160, 50)) as pilot:
        await pilot.pause()
        screen = app.screen
        screen.show_turn(order[-1])  # warm-up: the first paint of each tab's widgets
        await pilot.pause()
        for number in order:
            w0, c0 = time.perf_counter(), time.process_time()
            screen.show_turn(number)
            await pilot.pause()
            samples.append(((time.process_time() - c0) * 1000, (time.perf_counter() - w0) * 1000))
    return samples


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=20)
    parser.add_argument("--scenario", default="mali-2019")
    parser.add_argument("--policy", default="historical")
    parser.add_argument("--tui", action="store_true", help="also time the headless viewer")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = full_save(args.scenario, args.policy, Path(folder))
        turns = len(load(path)[0].state.history)  # warm-up: imports and caches
        load_average = " ".join(f"{x:.1f}" for x in os.getloadavg())
        size = path.stat().st_size / 1024
        print(f"{args.scenario}: {turns} turns, save of {size:.0f} KiB; load {load_average}")

        report("load and verify (saves.load)", [timed(lambda: load(path)) for _ in range(args.repeats)], 300)
        report(
            "open for replay (with snapshots)",
            [timed(lambda: Replay.open(path)) for _ in range(args.repeats)],
            30,
        )
        order = list(range(1, turns + 1))
        random.Random(1).shuffle(order)
        samples = []
        jump(Replay.open(path), 1)  # warm-up: rich and the viewer's helpers
        for _ in range(max(1, args.repeats // 5)):
            fresh = Replay.open(path)  # every jump lands on a turn not yet shown
            samples += [timed(lambda n=n, r=fresh: jump(r, n)) for n in order]
        report("jump to any turn (viewer data)", samples, 50)
        if args.tui:
            report("jump in the headless viewer", asyncio.run(viewer_jumps(path, order)), 50)


if __name__ == "__main__":
    main()
