"""Export of a syndicate session to a save: replay, report, and the facilitator's actions in them."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from game.cli import main
from game.engine import orders as O
from game.record import saves
from game.record.replay import Replay
from game.record.report import build_report, render
from game.syndicate.export import export
from game.syndicate.store import Session

SEATS = ["srsg", "force_commander", "police_commissioner", "comms_chief"]
OVERRIDE = O.OverrideResult(
    kind="credibility", target="centre", delta=7, reason="the inquiry cleared the unit"
)


@pytest.fixture
def played(mini, tmp_path: Path) -> Session:
    """Two turns with seat orders, a card decision, and every kind of facilitator action."""
    session = Session.host(tmp_path / "exercise.db", mini, seed=4, seats=SEATS, pin="2468")
    session.set_name("force_commander", "Col. Diallo")
    session.give("force_commander", O.SetPosture(unit="inf_b", posture="patrol"))
    session.give("facilitator", O.FacilitatorNote(text="The FC patrols at once."), pin="2468")
    session.give("facilitator", O.HoldCard(card="massacre", until="2019-04"), pin="2468")
    for seat in SEATS:
        session.commit(seat)
    session.give("facilitator", OVERRIDE, pin="2468")
    session.give(
        "comms_chief", O.IssueMessage(theme="protection_promise", channel="radio", audience="national")
    )
    session.force_resolution("2468")
    session.add_debrief_note("2468", 1, "Written after the turn.")
    session.give("police_commissioner", O.SetPocActivity(region="centre", tier="I", points=1))
    return session


def test_export_replays_to_the_same_game(played: Session, tmp_path: Path) -> None:
    path = export(played, tmp_path / "game.save")
    game, meta = saves.load(path)
    live = played.game()
    assert game.state.digest() == live.state.digest(), "the override replays identically"
    assert len(game.state.history) == 2
    assert meta.mode == "syndicate"
    assert meta.seats["force_commander"] == "Col. Diallo"
    assert meta.notes == {1: "Written after the turn."}
    logged = [o for o in game.state.history[1].orders if o["type"] == "override_result"]
    assert logged == [OVERRIDE.model_dump(mode="json")]
    assert [o["type"] for o in game.state.current.orders] == ["set_poc_activity"], "pending orders too"


def test_the_override_changes_the_number_it_names(mini, tmp_path: Path) -> None:
    with_it = Session.host(tmp_path / "a.db", mini, seed=4, seats=["srsg"], pin="2468")
    without = Session.host(tmp_path / "b.db", mini, seed=4, seats=["srsg"], pin="2468")
    with_it.give("facilitator", OVERRIDE, pin="2468")
    assert (
        with_it.game().state.regions["centre"].credibility
        == without.game().state.regions["centre"].credibility + 7
    )
    loaded, _ = saves.load(export(with_it, tmp_path / "a.save"))
    assert loaded.state.regions["centre"].credibility == with_it.game().state.regions["centre"].credibility


def test_report_marks_the_facilitators_actions(played: Session, tmp_path: Path) -> None:
    path = export(played, tmp_path / "game.save")
    text = render(build_report([Replay.open(path)]), "md")
    assert "**Facilitator**" in text
    assert "Facilitator overrides credibility in Centre +7: the inquiry cleared the unit" in text
    assert "Facilitator delays 'Massacre' to 2019-04" in text
    assert "The FC patrols at once." in text and "Written after the turn." in text


def test_export_command(played: Session, tmp_path: Path, capsys, monkeypatch) -> None:
    monkeypatch.setenv("MINUSMA_SECRET", "2468")
    out = tmp_path / "out" / "game.save"
    assert main(["export", str(played.path), "-o", str(out)]) == 0
    assert "wrote" in capsys.readouterr().out
    assert main(["report", str(out)]) == 0
    assert "Facilitator" in capsys.readouterr().out
    assert main(["export", str(played.path)]) == 0, "by default beside the session"
    assert played.path.with_suffix(".save").exists()
    assert main(["export", str(tmp_path / "missing.db"), "-o", str(out)]) == 2
    assert "no such session file" in capsys.readouterr().err
    assert main(["export", str(played.path), "-o", str(tmp_path)]) == 2
    assert "is a folder" in capsys.readouterr().err
    assert not [p for p in os.listdir(tmp_path / "out") if p.endswith(".tmp")], "atomic: no leftovers"


def test_join_and_facilitate_refuse_a_file_or_a_wrong_seat(played: Session, capsys) -> None:
    """The local-file path is gone: a seat joins the host over the network."""
    assert main(["join", str(played.path), "--seat", "fc"]) == 2
    assert "exercise.db" in capsys.readouterr().err
    assert main(["join", "ws://127.0.0.1:9", "--seat", "general"]) == 2
    assert "unknown seat 'general'" in capsys.readouterr().err
    assert main(["facilitate", "ftp://x"]) == 2
    assert "not a server address" in capsys.readouterr().err


def test_export_needs_the_facilitator_secret(played: Session, tmp_path: Path, capsys, monkeypatch) -> None:
    monkeypatch.setenv("MINUSMA_SECRET", "0000")
    assert main(["export", str(played.path), "-o", str(tmp_path / "x.save")]) == 2
    assert "wrong facilitator secret" in capsys.readouterr().err
    assert not (tmp_path / "x.save").exists()
