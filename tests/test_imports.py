"""The headless core never imports textual (harlequin's check)."""

from __future__ import annotations

import subprocess
import sys

HEADLESS = [
    "game.engine",
    "game.scenario.loader",
    "game.scenario.catalog",
    "game.engine.adversary",
    "game.bots.policies",
    "game.analysis.simulate",
    "game.analysis.calibrate",
    "game.syndicate.store",
]


def test_engine_scenario_and_bots_import_without_textual() -> None:
    code = (
        "import sys\n"
        + "".join(f"import {module}\n" for module in HEADLESS)
        + "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich'))\n"
        + "assert not bad, bad\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
