"""The session store: seats, commits, the facilitator's PIN, and several processes at once."""

from __future__ import annotations

import multiprocessing
import sqlite3
from pathlib import Path

import pytest

from game.engine import IllegalOrder
from game.engine import orders as O
from game.syndicate.store import Session, SessionError

FIXTURE = Path(__file__).parent.parent / "fixtures" / "mini.yaml"
SEATS = ["srsg", "force_commander", "police_commissioner", "comms_chief"]


@pytest.fixture
def session(mini, tmp_path: Path) -> Session:
    return Session.host(tmp_path / "exercise.db", mini, seed=4, seats=SEATS, pin="2468")


def test_turn_resolves_when_every_seat_has_committed(session: Session) -> None:
    session.give("force_commander", O.SetPosture(unit="inf_b", posture="patrol"))
    assert [s.committed for s in session.status()] == [False] * 4
    for seat in SEATS[:-1]:
        assert session.commit(seat) is False
    assert session.game().state.turn == 1
    assert session.commit("comms_chief") is True
    game = session.game()
    assert game.state.turn == 2
    assert game.state.history[0].orders[0]["unit"] == "inf_b"


def test_seats_only_give_their_own_orders(session: Session) -> None:
    with pytest.raises(IllegalOrder, match="belongs to the Force Commander"):
        session.give("srsg", O.SetPosture(unit="inf_b", posture="patrol"))
    session.commit("srsg")
    with pytest.raises(SessionError, match="already committed"):
        session.give("srsg", O.SetPolicy(name="poc_definition", value="define_poc"))


def test_facilitator_needs_the_pin(session: Session) -> None:
    with pytest.raises(SessionError, match="wrong facilitator PIN"):
        session.force_resolution("0000")
    with pytest.raises(SessionError, match="wrong facilitator PIN"):
        session.give("facilitator", O.FacilitatorNote(text="hello"), pin="1111")
    session.give("facilitator", O.FacilitatorNote(text="hello"), pin="2468")
    session.force_resolution("2468")
    assert session.game().state.history[0].notes == ["hello"]


def test_pending_orders_survive_a_disconnect(session: Session) -> None:
    session.give("force_commander", O.SetPosture(unit="inf_b", posture="patrol"))
    session.close()
    rejoined = Session(session.path)
    (pending,) = rejoined.pending("force_commander")
    assert pending[2] == "Put the Infantry B in patrol posture"
    rejoined.withdraw("force_commander", pending[0])
    assert rejoined.pending("force_commander") == []


def test_pause_holds_the_turn(session: Session) -> None:
    session.set_paused("2468", True)
    with pytest.raises(SessionError, match="paused"):
        session.give("srsg", O.SetPolicy(name="poc_definition", value="define_poc"))
    for seat in SEATS:
        session.commit(seat)
    assert session.game().state.turn == 1
    session.set_paused("2468", False)
    assert session.game().state.turn == 2, "every seat had committed: resuming resolves the turn"


def test_bad_files_get_clear_messages(tmp_path: Path, mini) -> None:
    with pytest.raises(SessionError, match="no such session file"):
        Session(tmp_path / "missing.db")
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not a database at all" * 100)
    with pytest.raises(SessionError, match="not a readable session file"):
        Session(junk)
    newer = Session.host(tmp_path / "newer.db", mini, seed=1, seats=["srsg"], pin="2468")
    newer._db.execute("UPDATE meta SET value = '99' WHERE key = 'version'")
    with pytest.raises(SessionError, match="newer minusma"):
        Session(newer.path)
    with pytest.raises(SessionError, match="already exists"):
        Session.host(newer.path, mini, seed=1, seats=["srsg"], pin="2468")
    with pytest.raises(SessionError, match="unknown seat"):
        Session.host(tmp_path / "x.db", mini, seed=1, seats=["general"], pin="2468")


def test_edited_log_is_detected(session: Session) -> None:
    session.give("force_commander", O.SetPosture(unit="inf_b", posture="patrol"))
    session.force_resolution("2468")
    db = sqlite3.connect(session.path)
    db.execute("UPDATE orders SET body = replace(body, 'patrol', 'quick_reaction')")
    db.commit()
    with pytest.raises(SessionError, match="turn 1 does not replay"):
        Session(session.path).game()


def _seat_worker(path: str, role: str, order_json: str | None, barrier) -> None:
    from game.engine import ORDER_ADAPTER

    session = Session(path)
    barrier.wait()
    if order_json:
        session.give(role, ORDER_ADAPTER.validate_json(order_json))
    session.commit(role)


def test_simultaneous_commits_from_several_processes(session: Session) -> None:
    orders = {
        "srsg": O.SetPolicy(name="poc_definition", value="define_poc"),
        "force_commander": O.SetPosture(unit="inf_b", posture="patrol"),
        "police_commissioner": O.SetPocActivity(region="centre", tier="I", points=1),
        "comms_chief": O.IssueMessage(theme="protection_promise", channel="radio", audience="national"),
    }
    context = multiprocessing.get_context("spawn")
    barrier = context.Barrier(len(orders))
    workers = [
        context.Process(target=_seat_worker, args=(str(session.path), role, order.model_dump_json(), barrier))
        for role, order in orders.items()
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(60)
        assert worker.exitcode == 0
    game = session.game()
    assert game.state.turn == 2, "the turn resolved exactly once"
    logged = {o["type"] for o in game.state.history[0].orders}
    assert logged == {"set_policy", "set_posture", "set_poc_activity", "issue_message"}


def test_phase_clock_counts_down_and_extends(session: Session) -> None:
    assert session.seconds_left() is None
    session.start_clock("2468", minutes=10, now=1000.0)
    assert session.seconds_left(now=1000.0) == 600
    session.extend_clock("2468", minutes=5)
    assert session.seconds_left(now=1300.0) == 600
    session.force_resolution("2468")
    assert session.seconds_left(now=1300.0) is None, "a clock belongs to one turn"


# --- files in trouble: a clear message, and the file is left as it was ----------------------------

HOLD_LOCK = """
import sqlite3, sys
db = sqlite3.connect(sys.argv[1], isolation_level=None)
db.execute("BEGIN EXCLUSIVE")
db.execute("UPDATE meta SET value = value WHERE key = 'paused'")
print("locked", flush=True)
sys.stdin.readline()
db.execute("ROLLBACK")
"""


def test_a_locked_session_is_refused_clearly_and_loses_nothing(session: Session) -> None:
    import subprocess
    import sys

    session.give("force_commander", O.SetPosture(unit="inf_b", posture="patrol"))
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_LOCK, str(session.path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        impatient = Session(session.path, timeout=0.2)
        with pytest.raises(SessionError, match=r"locked.*try again"):
            impatient.give("srsg", O.SetPolicy(name="poc_definition", value="define_poc"))
        with pytest.raises(SessionError, match="locked"):
            impatient.commit("srsg")
    finally:
        holder.communicate("\n", timeout=30)
    assert holder.returncode == 0
    assert [p[2] for p in impatient.pending()] == ["Put the Infantry B in patrol posture"], "nothing lost"
    impatient.give("srsg", O.SetPolicy(name="poc_definition", value="define_poc"))
    assert len(impatient.pending()) == 2, "the session works again once the lock is gone"


def test_a_corrupt_file_is_refused_and_left_unchanged(tmp_path: Path, session: Session) -> None:
    junk = tmp_path / "corrupt.db"
    content = session.path.read_bytes()[:100] + b"\x00garbage" * 500  # a header, then noise
    junk.write_bytes(content)
    with pytest.raises(SessionError, match=r"corrupt.db: (not a readable session file|cannot read)"):
        Session(junk).game()
    assert junk.read_bytes() == content
    plain = tmp_path / "plain.db"
    sqlite3.connect(plain).execute("CREATE TABLE t (x)").connection.close()
    before = plain.read_bytes()
    with pytest.raises(SessionError, match="not a minusma session"):
        Session(plain)
    assert plain.read_bytes() == before


def test_a_newer_session_is_refused_and_left_unchanged(tmp_path: Path, mini) -> None:
    newer = Session.host(tmp_path / "newer.db", mini, seed=1, seats=["srsg"], pin="2468")
    newer._db.execute("UPDATE meta SET value = '3' WHERE key = 'version'")
    newer.close()
    before = (tmp_path / "newer.db").read_bytes()
    with pytest.raises(SessionError, match=r"newer minusma.*upgrade"):
        Session(tmp_path / "newer.db")
    assert (tmp_path / "newer.db").read_bytes() == before


def test_names_and_notes_on_earlier_turns(session: Session) -> None:
    session.set_name("force_commander", "  Col. Diallo ")
    assert session.names() == {"force_commander": "Col. Diallo"}
    with pytest.raises(SessionError, match="has not been played"):
        session.add_debrief_note("2468", 1, "too early")
    session.force_resolution("2468")
    with pytest.raises(SessionError, match="wrong facilitator PIN"):
        session.add_debrief_note("0000", 1, "no")
    session.add_debrief_note("2468", 1, "The FC held Mopti.")
    session.add_debrief_note("2468", 1, "Good use of ISR.")
    assert session.debrief_notes() == {1: "The FC held Mopti.\nGood use of ISR."}


def test_the_clock_stands_still_while_paused(session: Session) -> None:
    session.start_clock("2468", minutes=10, now=1000.0)
    session.set_paused("2468", True, now=1100.0)
    assert session.seconds_left(now=5000.0) == 500
    session.extend_clock("2468", minutes=1)
    assert session.seconds_left(now=9000.0) == 560
    session.set_paused("2468", False, now=2000.0)
    assert session.seconds_left(now=2060.0) == 500


def test_the_stamp_changes_with_every_write(session: Session) -> None:
    stamps = {session.stamp()}
    session.give("force_commander", O.SetPosture(unit="inf_b", posture="patrol"))
    stamps.add(session.stamp())
    session.commit("srsg")
    stamps.add(session.stamp())
    session.set_paused("2468", True)
    stamps.add(session.stamp())
    assert len(stamps) == 4
    assert session.stamp() == session.stamp()


def test_a_seat_is_held_by_one_window_at_a_time(session: Session) -> None:
    from game.syndicate.store import CLAIM_STALE_SECONDS

    session.claim_seat("force_commander", "tab-a", now=1000.0)
    session.claim_seat("force_commander", "tab-a", now=1004.0)  # the heartbeat renews the hold
    other = Session(session.path)
    with pytest.raises(SessionError, match="open in another terminal or browser tab"):
        other.claim_seat("force_commander", "tab-b", now=1004.0 + CLAIM_STALE_SECONDS - 1)
    other.claim_seat("srsg", "tab-b", now=1005.0)  # other seats stay free
    other.claim_seat("force_commander", "tab-b", now=1004.0 + CLAIM_STALE_SECONDS)  # tab-a went quiet
    with pytest.raises(SessionError, match="open in another"):
        session.claim_seat("force_commander", "tab-a", now=1004.0 + CLAIM_STALE_SECONDS + 1)
    session.release_seat("force_commander", "tab-a")  # not its hold: nothing changes
    with pytest.raises(SessionError, match="open in another"):
        session.claim_seat("force_commander", "tab-c", now=1004.0 + CLAIM_STALE_SECONDS + 1)
    other.release_seat("force_commander", "tab-b")  # leaving frees the seat at once
    session.claim_seat("force_commander", "tab-c", now=1004.0 + CLAIM_STALE_SECONDS + 1)
    two = Session.host(session.path.with_name("two.db"), session.scenario, 1, ["srsg"], "1357")
    with pytest.raises(SessionError, match="no Police Commissioner seat"):
        two.claim_seat("police_commissioner", "tab-d")


def test_a_green_seat_needs_a_scenario_that_defines_it(mini, tmp_path: Path) -> None:
    with pytest.raises(SessionError, match="no seat for the host state"):
        Session.host(tmp_path / "green.db", mini, seed=4, seats=[*SEATS, "host_state"], pin="2468")
    assert not (tmp_path / "green.db").exists()
    offered = mini.model_copy(update={"host_state_seat": True})
    store = Session.host(tmp_path / "green.db", offered, seed=4, seats=[*SEATS, "host_state"], pin="2468")
    assert "host_state" in store.seats
    store.close()
