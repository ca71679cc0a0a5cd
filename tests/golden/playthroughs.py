"""Golden playthroughs: whole games whose summaries are committed, to catch unintended rule changes.

Regenerate after an intended rule change (and say why in the commit):
    uv run python tests/golden/playthroughs.py
"""

from __future__ import annotations

import json
from pathlib import Path

HERE = Path(__file__).parent
CASES = [
    ("mali-2019", 7, "historical"),
    ("mali-2019", 11, "poc-first-mtf-air"),
    ("tutorial", 3, "coa2-define-poc"),
]


def golden_path(scenario: str, seed: int, policy: str) -> Path:
    return HERE / f"{scenario}-{policy}-seed{seed}.json"


def playthrough(scenario: str, seed: int, policy: str) -> str:
    from game.analysis.simulate import game_summary, simulate
    from game.scenario.catalog import find_scenario

    game = simulate(find_scenario(scenario), seed, policy)
    summary = game_summary(game, policy)
    summary["final_digest"] = game.state.digest()
    return json.dumps(summary, indent=1, sort_keys=True) + "\n"


def regenerate() -> None:
    for case in CASES:
        path = golden_path(*case)
        path.write_text(playthrough(*case), encoding="utf-8")
        print(f"wrote {path}")


if __name__ == "__main__":
    regenerate()
