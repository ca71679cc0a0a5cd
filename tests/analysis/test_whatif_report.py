"""`minusma report --whatif`: the debrief's section ranking the game's decisions by their effect."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from game.analysis.whatif import Fork
from game.analysis.whatif_report import key_alternatives, whatif_section
from game.bots.policies import POLICIES
from game.cli import main
from game.engine import Game
from game.record.replay import Replay
from game.record.report import Table
from game.record.saves import SaveMeta, save_to
from game.scenario.models import Scenario


@pytest.fixture
def saved(mini: Scenario, tmp_path: Path) -> Path:
    game = Game.new(mini, 3)
    while not game.is_over():
        POLICIES["poc-first-mtf-air"].play(game)
        game.end_turn()
    return save_to(tmp_path / "game.json", game, SaveMeta(mode="solo", seats={"srsg": "Ana"}))


def test_key_decisions_come_first_and_are_capped(saved: Path) -> None:
    fork = Fork.open(saved)
    every = [p for turn in range(1, fork.turns + 1) for p in fork.decision_points(turn)]
    chosen = key_alternatives(fork, 3)
    assert len(chosen) == min(3, len(every))
    kinds = {p.alternatives[0].id: p.kind for p in every}
    key_kinds = [p.kind for p in every if p.kind in ("card", "policy")]
    assert sum(kinds[a.id] in ("card", "policy") for a in chosen) == min(3, len(key_kinds))


def test_section_ranks_by_the_difference_in_civilians_killed(saved: Path) -> None:
    section = whatif_section(Replay.open(saved), runs=4, points=3, workers=1)
    table = next(block for block in section.blocks if isinstance(block, Table))
    assert len(table.rows) == 3 and table.headers[4] == "civilians killed"
    sizes = [abs(float(row[4].split()[0])) for row in table.rows]
    assert sizes == sorted(sizes, reverse=True) and not any(math.isnan(s) for s in sizes)


def test_report_command_adds_the_section(saved: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["report", str(saved), "--whatif", "--whatif-runs", "3", "--whatif-points", "2"])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert "## Which decisions mattered (what-if)" in out and "Continuation from turn" in out
    assert main(["report", str(saved), str(saved), "--whatif"]) == 2
    assert "give one save" in capsys.readouterr().err
