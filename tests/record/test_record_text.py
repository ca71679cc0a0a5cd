"""A turn's record written by the fast path reads byte for byte as its definition writes it."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from game.bots.policies import POLICIES, play_game
from game.engine import Game
from game.engine.state import Cause, Change, Roll, TurnRecord
from game.record.saves import _record_text_by_definition, record_text
from game.scenario.catalog import find_scenario


def test_played_records_read_as_their_definition() -> None:
    game = play_game(Game.new(find_scenario("tutorial"), 5, undo=False), POLICIES["historical"])
    assert game.state.history
    for record in game.state.history:
        assert record_text(record) == _record_text_by_definition(record)


@settings(max_examples=150, deadline=None)
@given(summary=st.text(), detail=st.text(), purpose=st.text(), note=st.text(), delta=st.integers())
def test_any_text_reads_as_its_definition(
    summary: str, detail: str, purpose: str, note: str, delta: int
) -> None:
    record = TurnRecord(
        turn=3,
        month="2019-03",
        changes=[
            Change(
                3, "adjudication", "credibility", "mopti", delta, 40, summary, [Cause("rule", "x", detail)]
            )
        ],
        rolls=[Roll(purpose, "2d6", 7)],
        notes=[note],
    )
    assert record_text(record) == _record_text_by_definition(record)
