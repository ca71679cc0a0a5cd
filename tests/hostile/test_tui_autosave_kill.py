"""Autosave durability: a game killed with SIGKILL at any moment, the autosave included, loses at most
the orders of the turn in progress; the latest autosave always loads."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from game.record.saves import AUTOSAVE_FOLDER, latest_save, list_saves, load

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")

# The game as the TUI plays it (Session.commit ends the turn and autosaves), with a policy giving the
# orders; it says on stdout when a turn's autosave starts writing and when it is done.
PLAYER = """
import sys
from game.bots.policies import POLICIES
from game.record import saves
from game.scenario.catalog import find_scenario
from game.tui.session import Session

write_atomic = saves.write_atomic

def announced(path, text):
    print("writing", flush=True)
    write_atomic(path, text)

saves.write_atomic = announced
seats = dict.fromkeys(("srsg", "force_commander", "police_commissioner", "comms_chief"), "")
session = Session.new(find_scenario("mali-2019"), int(sys.argv[1]), seats, "solo")
while not session.game.is_over():
    POLICIES["historical"].play(session.game)
    print("orders", session.game.state.turn, flush=True)
    session.commit()
    print("saved", len(session.game.state.history), flush=True)
"""

# (the line to wait for, how many of them, seconds after it): in an autosave's write (a hidden .tmp
# file is left), between the orders and the commit, just after a save. Three run by default (about
# 2 s each); the rest with the hostile corpus.
KILLS = [
    ("writing", 3, 0.002),
    ("orders", 3, 0.0),
    ("saved", 2, 0.0),
    pytest.param("writing", 2, 0.0, marks=pytest.mark.hostile),
    pytest.param("writing", 3, 0.01, marks=pytest.mark.hostile),
    pytest.param("orders", 4, 0.05, marks=pytest.mark.hostile),
]


def _play_and_kill(data: Path, seed: int, line: str, count: int, delay: float) -> int:
    """Run a game until the `count`th `line`, wait `delay`, SIGKILL it; the turns it reported saved."""
    env = {**os.environ, "MINUSMA_DATA_DIR": str(data)}
    child = subprocess.Popen(
        [sys.executable, "-c", PLAYER, str(seed)],
        stdout=subprocess.PIPE,
        text=True,
        env=env,
        cwd=Path(__file__).parents[2],
    )
    assert child.stdout is not None
    printed: list[str] = []
    try:
        for output in child.stdout:
            printed.append(output)
            if sum(seen.startswith(line) for seen in printed) == count:
                time.sleep(delay)
                break
        child.send_signal(signal.SIGKILL)
    finally:
        child.kill()
        child.wait()
    printed += child.stdout.readlines()  # the game ran on while this process read: all it said counts
    child.stdout.close()
    assert child.returncode == -signal.SIGKILL, "the game ended before it could be killed"
    return max((int(output.split()[1]) for output in printed if output.startswith("saved")), default=0)


@pytest.mark.parametrize(("line", "count", "delay"), KILLS)
def test_a_killed_game_keeps_every_committed_turn(tmp_path, monkeypatch, line, count, delay) -> None:
    monkeypatch.setenv("MINUSMA_DATA_DIR", str(tmp_path))
    saved = _play_and_kill(tmp_path, seed=len(line) + count, line=line, count=count, delay=delay)
    assert saved >= 1
    for info in list_saves(all_autosaves=True):  # never a half-written save
        assert info.problem is None, (info.path.name, info.problem)
        load(info.path)
    latest = latest_save()
    assert latest is not None and latest.parent.name == AUTOSAVE_FOLDER
    game, _ = load(latest)
    # Every turn reported saved is there; at most the one being written when killed is there too.
    assert saved <= len(game.state.history) <= saved + 1
    assert not game.pending_orders()  # a commit's autosave: the uncommitted orders were all that was lost
