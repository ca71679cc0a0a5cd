"""Saves, replays and reports are headless: they never import textual (or rich)."""

from __future__ import annotations

import subprocess
import sys

HEADLESS = ["game.record.saves", "game.record.replay", "game.record.report", "game.record.commands"]


def test_saves_replays_and_reports_import_without_textual() -> None:
    code = (
        "import sys\n"
        + "".join(f"import {module}\n" for module in HEADLESS)
        + "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich'))\n"
        + "assert not bad, bad\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
