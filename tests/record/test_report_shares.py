"""The debrief compares where and by whom civilians died with history, not only the totals."""

from __future__ import annotations

from game.record.replay import Replay
from game.record.report import build_report, to_markdown
from game.record.saves import save_as
from game.scenario.catalog import find_scenario


def test_the_debrief_sets_regional_and_perpetrator_shares_beside_history(played, meta) -> None:
    game = played(find_scenario("mali-2019"), seed=2)
    text = to_markdown(build_report([Replay.open(save_as(game, meta, "shares"))]))
    assert "Where and by whom, against history" in text
    rows = [line for line in text.splitlines() if line.startswith("| in ") or line.startswith("| by ")]
    assert any(line.startswith("| in Mopti | 2019 |") for line in rows)
    assert any(line.startswith("| by Community militias") for line in rows)
    assert all(
        line.rstrip(" |").endswith(("as history", "more than history", "less than history")) for line in rows
    )
