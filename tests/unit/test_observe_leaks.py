"""The two fog leaks of issue 11, seen on mali-2019 seed 7 turn 1: SITREP "why?" and adversary lines."""

from __future__ import annotations

import re

import pytest

from game.engine import Game
from game.scenario.catalog import find_scenario
from game.tui.screens.results import phase_text
from game.tui.screens.sitrep import change_detail, group_changes
from game.tui.session import Session
from game.tui.widgets.mali_map import region_marks


@pytest.fixture(scope="module")
def played() -> tuple[Session, object]:
    session = Session.new(find_scenario("mali-2019"), 7, {}, "solo")
    record = session.game.end_turn()
    return session, record


def hidden_regions(game: Game) -> set[str]:
    return {r for r, s in game.state.regions.items() if s.warning < 2}


def test_the_sitrep_why_never_shows_a_hidden_threat_s_exact_value(played) -> None:
    session, record = played
    game = session.game
    hidden = hidden_regions(game)
    moved = [c for c in record.changes if c.kind == "threat" and c.target.partition("/")[0] in hidden]
    assert moved, "the seed no longer moves a hidden threat on turn 1; pick another"
    shown = [c for changes in group_changes(session, record).values() for c in changes if c.kind == "threat"]
    for change in shown:
        detail = change_detail(game.index, change).plain
        assert not re.search(r"now \d", detail), detail
        assert change.after is None
    # a change within one band is not shown; a change across bands shows as bands
    same_band = [c for c in moved if (c.after - c.delta >= 2) == (c.after >= 2) and c.after not in (0, 1)]
    for change in same_band:
        assert change.target not in {c.target for c in shown}


def test_the_adversary_lines_say_the_band_the_map_shows(played) -> None:
    session, record = played
    game = session.game
    text = phase_text(session, record, "adversary").plain
    assert "army camps in Gao (tri-border)" in text
    assert "(JNIM) threat 3" not in text
    assert not re.search(r"threat \d|threat squared|armed strength \d", text), text
    gao = region_marks(game.observe(session.seat), "gao")
    assert game.state.regions["gao"].warning < 2 and gao.threat == "medium"
    assert "(JNIM) threat medium" in text
