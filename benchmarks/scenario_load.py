"""Scenario and save reading speed on big files: parse, validate and cross-check (issue 16, finding 6).

Run: uv run python benchmarks/scenario_load.py [--sizes 1,10] [--regions 8000]
Writes a valid scenario of each size in MB (mini.yaml with many long generic cards), times
load_scenario on it, then a scenario with many linked regions (the cross-reference check),
then read_save of a save that embeds the 1 MB scenario. CPU time (process_time) is reported
beside wall time, since other work on the machine inflates wall time.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path

import yaml

from game.engine import Game
from game.record.saves import SaveMeta, read_save, save_to
from game.scenario.loader import load_scenario

MINI = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "mini.yaml"


def big_scenario_text(megabytes: float) -> str:
    """mini.yaml with generic cards added until the text is about this many megabytes."""
    data = yaml.safe_load(MINI.read_text(encoding="utf-8"))
    region = data["regions"][0]["id"]
    card = {
        "title": "Roadblock",
        "kind": "generic",
        "regions": [region],
        "text": "Armed men stop a convoy and turn back the traders. " * 20,
        "effects": [{"type": "credibility", "region": region, "delta": -1}],
    }
    size = len(yaml.safe_dump({"x": [card]}))
    count = int(megabytes * 1024 * 1024 / size)
    data["cards"].extend({**card, "id": f"filler_{index}"} for index in range(count))
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=200)


def wide_scenario_text(regions: int) -> str:
    data = yaml.safe_load(MINI.read_text(encoding="utf-8"))
    first = data["regions"][0]
    for index in range(regions):
        links = [{"to": f"r{index - 1}"}] if index else []
        if index < regions - 1:
            links.append({"to": f"r{index + 1}"})
        data["regions"].append({**first, "id": f"r{index}", "name": f"Region {index}", "links": links})
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True)


def timed(label: str, call) -> object:
    wall, cpu = time.perf_counter(), time.process_time()
    result = call()
    print(f"{label}: {time.perf_counter() - wall:.2f} s wall, {time.process_time() - cpu:.2f} s CPU")
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1,10", help="scenario sizes in MB (default 1,10)")
    parser.add_argument("--regions", type=int, default=8000, help="regions of the wide scenario")
    args = parser.parse_args()
    print("load " + " ".join(f"{x:.1f}" for x in os.getloadavg()))
    with tempfile.TemporaryDirectory() as folder:
        for size in (float(s) for s in args.sizes.split(",")):
            path = Path(folder) / f"big-{size:g}mb.yaml"
            path.write_text(big_scenario_text(size), encoding="utf-8")
            scenario = timed(
                f"load_scenario {path.stat().st_size / 2**20:.1f} MB", lambda p=path: load_scenario(p)
            )
        wide = Path(folder) / "wide.yaml"
        wide.write_text(wide_scenario_text(args.regions), encoding="utf-8")
        timed(f"load_scenario {args.regions} regions", lambda: load_scenario(wide))
        save = save_to(Path(folder) / "big.json", Game.new(scenario, 1), SaveMeta(mode="solo", seats={}))
        timed(
            f"read_save with the last scenario ({save.stat().st_size / 2**20:.1f} MB)",
            lambda: read_save(save),
        )


if __name__ == "__main__":
    main()
