"""The two fog leaks of issue 11, seen on mali-2019 seed 2 turn 1: SITREP "why?" and adversary lines."""

from __future__ import annotations

import re

import pytest

from game.engine import Game
from game.engine import orders as O
from game.engine.view import UMPIRE
from game.scenario.catalog import find_scenario
from game.tui.screens.results import phase_text
from game.tui.screens.sitrep import change_detail, group_changes
from game.tui.session import Session
from game.tui.widgets.mali_map import region_marks


@pytest.fixture(scope="module")
def played() -> tuple[Session, object]:
    session = Session.new(find_scenario("mali-2019"), 2, {}, "solo")
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
        # the SITREP shows a hidden change from the view's fields, not from the engine's words
        assert f"seen {change.seen_before} to {change.seen_after}" in detail, detail
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


def test_a_ledger_entry_keeps_the_fog_of_the_turn_it_was_made() -> None:
    """Early warning won later does not reveal what was hidden when the entry was made (view.py)."""
    game = Game.new(find_scenario("mali-2019"), 4)
    game.apply(O.TaskAviation(asset="heron_germany", region="menaka"), "force_commander")
    record = game.end_turn()
    assert game.state.regions["menaka"].warning >= 2, "the Heron should give Ménaka warning 2 in turn 2"
    moved = [c for c in record.changes if c.kind == "threat" and c.target.startswith("menaka/")]
    assert moved, "the seed no longer moves Ménaka's threat on turn 1; pick another"
    seen = [
        c
        for c in game.observe("srsg").turn_view(1).changes
        if c.kind == "threat" and c.target.startswith("menaka/")
    ]
    for change in seen:
        assert change.after is None and change.hidden and change.seen_before is not None, change
    assert game.observe("srsg").region("menaka").exact_threats, "the threat now is exact"
    umpire = [c for c in game.observe(UMPIRE).turn_view(1).changes if c.target.startswith("menaka/")]
    assert [c.after for c in umpire if c.kind == "threat"] == [c.after for c in moved]


def test_a_ledger_entry_made_under_warning_stays_exact() -> None:
    game = Game.new(find_scenario("mali-2019"), 1)
    game.apply(O.TaskAviation(asset="heron_germany", region="segou"), "force_commander")
    game.end_turn()  # turn 2 opens with Ségou under warning 2
    game.apply(O.TaskAviation(asset="heron_germany", region="kidal"), "force_commander")
    game.end_turn()
    game.end_turn()  # the Heron left Ségou: its warning falls back below 2
    assert game.state.regions["segou"].warning < 2
    made = [c for c in game.state.history[1].changes if c.kind == "threat" and c.target.startswith("segou/")]
    shown = [c for c in game.observe("srsg").turn_view(2).changes if c.kind == "threat"]
    shown = [c for c in shown if c.target.startswith("segou/")]
    assert made, "the seed no longer moves Ségou's threat on turn 2; pick another"
    assert [c.after for c in shown] == [c.after for c in made]


def test_a_syndicate_seat_never_sees_another_seat_s_draft_on_the_map() -> None:
    game = Game.new(find_scenario("mali-2019"), 7)
    game.apply(O.TaskAviation(asset="heron_germany", region="gao"), "force_commander")
    assert "heron_germany" in game.observe("srsg").region("gao").aviation  # hotseat: shared drafts
    private = game.observe("srsg", private_drafts=True)
    assert "heron_germany" not in private.region("gao").aviation
    shared = game.observe("srsg").region("gao")
    assert private.region("gao").warning_next < shared.warning_next, "nor in the derived numbers"
    assert not any("Heron" in source for source in private.region("gao").warning_sources)
    assert not private.orders
    own = game.observe("force_commander", private_drafts=True)
    assert "heron_germany" in own.region("gao").aviation and len(own.orders) == 1


def test_private_drafts_of_a_game_without_undo_replay_its_turn_start() -> None:
    """A hosted game rebuilt with undo=False (the syndicate store) hides other seats' drafts too."""
    scenario = find_scenario("mali-2019")
    kept, replayed = Game.new(scenario, 7), Game.new(scenario, 7, undo=False)
    for game in (kept, replayed):
        game.end_turn()
        game.apply(O.TaskAviation(asset="heron_germany", region="gao"), "force_commander")
    private = replayed.observe("srsg", private_drafts=True)
    assert "heron_germany" not in private.region("gao").aviation
    assert private == kept.observe("srsg", private_drafts=True)


def test_a_view_is_built_once_until_the_state_changes() -> None:
    game = Game.new(find_scenario("mali-2019"), 7)
    first = game.observe("srsg")
    assert game.observe("srsg") is first
    game.apply(O.TaskAviation(asset="heron_germany", region="gao"), "force_commander")
    second = game.observe("srsg")
    assert second is not first and "heron_germany" in second.region("gao").aviation
    game.withdraw(0)
    assert "heron_germany" not in game.observe("srsg").region("gao").aviation
    game.end_turn()
    assert game.observe("srsg").turn == 2
    game.state.regions["gao"].warning = 3  # by hand: the engine is told
    game.changed()
    assert game.observe("srsg").region("gao").warning == 3
