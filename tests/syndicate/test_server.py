"""The syndicate server over real WebSockets: joining, codes, held seats, a turn, what leaks."""

from __future__ import annotations

import asyncio
import json
import logging
from pathlib import Path

import pytest

from game.engine import orders as O
from game.syndicate.client import ClientError, SyndicateClient
from tests.syndicate.hosting import SEED, Hosted, run, until

PATROL = O.SetPosture(unit="inf_b", posture="patrol").model_dump(mode="json")


def test_right_code_joins_and_the_seat_is_pushed_its_view(mini, tmp_path: Path) -> None:
    async def body(hosted: Hosted) -> None:
        client = await hosted.client("force_commander", name="Col. Diallo")
        await until(lambda: client.view_message is not None)
        message = client.view_message
        assert message is not None and message["seat"] == "force_commander"
        assert message["view"]["turn"] == 1
        assert any(entry["order"] == PATROL for entry in message["menu"])
        assert hosted.host.names["force_commander"] == "Col. Diallo"
        await client.close()

    run(mini, tmp_path, body)


def test_wrong_code_is_refused_logged_and_never_logged_itself(mini, tmp_path: Path, caplog) -> None:
    async def body(hosted: Hosted) -> None:
        with caplog.at_level(logging.WARNING, "minusma.host"), pytest.raises(ClientError) as refused:
            await hosted.client("srsg", code="guess-guess-guess-guess")
        assert refused.value.kind == "code"
        assert "wrong code for the SRSG" in str(refused.value)
        # another seat's code is no key to this one
        with pytest.raises(ClientError, match="wrong code"):
            await hosted.client("srsg", code=hosted.codes["comms_chief"])

    run(mini, tmp_path, body)
    assert "wrong code for the srsg seat" in caplog.text
    assert "guess-guess" not in caplog.text


def test_wrong_codes_are_rate_limited_with_back_off(mini, tmp_path: Path) -> None:
    async def body(hosted: Hosted) -> None:
        waits = []
        for _ in range(4):
            with pytest.raises(ClientError) as refused:
                await hosted.client("srsg", code="aaaaa-bbbbb-ccccc-ddddd")
            waits.append(refused.value.kind)
        # two free tries, then each wrong code earns a wait, and during it even the right code waits
        assert waits == ["code", "code", "code", "wait"]
        with pytest.raises(ClientError, match="too many wrong codes"):
            await hosted.client("srsg")
        assert hosted.server.limiter.wait("127.0.0.1", "srsg", 0) > 0
        # the block is per seat: the Force Commander joins at once
        client = await hosted.client("force_commander")
        await client.close()

    run(mini, tmp_path, body)


def test_two_seats_play_a_turn_to_its_end_over_the_socket(mini, tmp_path: Path) -> None:
    async def body(hosted: Hosted) -> None:
        fc = await hosted.client("force_commander")
        srsg = await hosted.client("srsg")
        await fc.request("give", order=PATROL)
        answer = await fc.request("commit")
        assert answer["resolved"] is False
        await until(
            lambda: srsg.view_message is not None and _committed(srsg.view_message, "force_commander")
        )
        assert srsg.view_message is not None and _committed(srsg.view_message, "force_commander")
        await srsg.request("commit")
        assert (await hosted.client("police_commissioner")).seat == "police_commissioner"
        police = await hosted.client("comms_chief")
        await police.request("commit")
        pc = SyndicateClient(hosted.url, "police_commissioner", hosted.codes["police_commissioner"])
        with pytest.raises(ClientError, match="open in another window"):
            await pc.join()
        assert hosted.host.game.state.turn == 1
        hosted.host.commit("police_commissioner")
        hosted.server.broadcast()
        await until(lambda: fc.view_message is not None and fc.view_message["view"]["turn"] == 2)
        assert fc.view_message is not None and fc.view_message["view"]["turn"] == 2
        assert fc.view_message["view"]["history"][0]["turn"] == 1
        # the turn is on disk: a new host of the same file replays to turn 2
        assert hosted.host.store.game().state.turn == 2
        for client in (fc, srsg, police):
            await client.close()

    run(mini, tmp_path, body)


def _committed(message: dict | None, seat: str) -> bool:
    if message is None:
        return False
    return next(s["committed"] for s in message["status"]["seats"] if s["seat"] == seat)


def test_malformed_and_unknown_messages_get_a_clear_error(mini, tmp_path: Path) -> None:
    async def body(hosted: Hosted) -> None:
        client = await hosted.client("force_commander")
        errors: list[dict] = []
        client.on_message = lambda message: errors.append(message) if message["type"] == "error" else None
        for text in (
            "not json",
            "[]",
            json.dumps({"type": "launch_missiles"}),
            json.dumps({"type": "commit", "extra": 1}),
            json.dumps({"type": "withdraw", "index": -1}),
            "x" * 70_000,
        ):
            await client.send_raw(text)
        await until(lambda: len(errors) >= 5)
        messages = [e["message"] for e in errors]
        assert any("unknown message type" in m for m in messages)
        assert any("extra" in m.lower() for m in messages)
        with pytest.raises(ClientError, match="not an order"):
            await client.request("give", order={"type": "set_posture", "unit": "inf_b"})
        with pytest.raises(ClientError, match="no pending order number 1"):
            await client.request("withdraw", index=0)
        # the server survived all that: the seat still plays
        await client.request("give", order=PATROL)
        await client.close()

    run(mini, tmp_path, body)


def test_a_held_seat_is_refused_or_taken_over_with_the_code(mini, tmp_path: Path) -> None:
    async def body(hosted: Hosted) -> None:
        first = await hosted.client("force_commander")
        with pytest.raises(ClientError) as refused:
            await hosted.client("force_commander")
        assert refused.value.kind == "held"
        second = SyndicateClient(hosted.url, "force_commander", hosted.codes["force_commander"])
        await second.join(takeover=True)
        await until(lambda: first.closed_reason is not None)
        assert first.closed_reason is not None and "took over" in first.closed_reason
        with pytest.raises(ClientError):
            await first.request("commit")
        assert "force_commander" not in hosted.host.committed
        await second.request("commit")
        assert "force_commander" in hosted.host.committed
        await second.close()
        await first.close()

    run(mini, tmp_path, body)


def test_a_dropped_client_reconnects_and_finds_its_drafts(mini, tmp_path: Path) -> None:
    async def body(hosted: Hosted) -> None:
        client = await hosted.client("force_commander")
        await client.request("give", order=PATROL)
        await client.drop()
        await until(lambda: not client.connected.is_set())
        await until(client.connected.is_set)
        assert client.connected.is_set()
        client.view_message = None
        hosted.server.broadcast()
        await until(lambda: client.view_message is not None)
        assert client.view_message is not None
        assert [o["role"] for o in client.view_message["view"]["orders"]] == ["force_commander"]
        await client.close()

    run(mini, tmp_path, body)


def test_nothing_hidden_reaches_a_seat(mini, tmp_path: Path) -> None:
    """Every message the Force Commander receives over two turns: no seed, no generator state, no
    other seat's drafts while they are drafts, no codes."""

    async def body(hosted: Hosted) -> None:
        received: list[str] = []
        fc = await hosted.client("force_commander")
        fc.on_message = lambda message: received.append(json.dumps(message))
        others = {seat: await hosted.client(seat) for seat in ("srsg", "police_commissioner", "comms_chief")}
        facilitator = await hosted.client("facilitator", code=hosted.secret)
        game = hosted.host.game
        generator = {str(game.state.seed), str(game.state.rng)}
        drafts = []
        for seat, client in others.items():
            order = game.legal_orders(seat)[0]
            await client.request("give", order=order.model_dump(mode="json"))
            drafts.append(O.describe(order, game.context()))
        note = O.FacilitatorNote(text="umpire only: the convoy is bait")
        await facilitator.request("give", order=note.model_dump(mode="json"))
        await fc.request("give", order=PATROL)
        for client in others.values():
            await client.request("commit")
        await until(lambda: any('"committed": true' in m for m in received))
        before_resolution = "\n".join(received)
        assert "Infantry B" in before_resolution  # the seat's own draft is there
        for draft in drafts:
            assert draft not in before_resolution
        assert "the convoy is bait" not in before_resolution
        for turn in (1, 2):
            await fc.request("commit")
            if turn == 1:
                for client in others.values():
                    await client.request("commit")
            generator |= {str(game.state.rng)}
        await facilitator.request("force")
        generator |= {str(game.state.rng)}
        await until(lambda: any('"turn": 3' in m for m in received))
        text = "\n".join(received)
        assert '"turn": 3' in text
        assert str(SEED) == str(game.state.seed)
        for value in generator:
            assert len(value) >= 6 and value not in text
        assert "seed" not in text.lower() and "rng" not in text.lower()
        assert hosted.secret not in text and all(code not in text for code in hosted.codes.values())
        for client in (fc, facilitator, *others.values()):
            await client.close()

    run(mini, tmp_path, body)


def test_a_backup_while_hosted_holds_the_latest_turn(mini, tmp_path: Path) -> None:
    """A `cp` of the live WAL database was a turn behind; the backup API copies the -wal too."""
    from game.cli import main
    from game.syndicate.store import Session

    async def body(hosted: Hosted) -> None:
        fc = await hosted.client("force_commander")
        await fc.request("give", order=PATROL)
        hosted.host.force()
        assert main(["backup", str(hosted.path), "-o", str(tmp_path / "copy.db")]) == 0
        copy = Session(tmp_path / "copy.db")
        assert copy.game().state.turn == 2 and copy.game().state.history[0].orders[0]["unit"] == "inf_b"
        assert (tmp_path / "copy.db").stat().st_mode & 0o077 == 0
        copy.close()
        assert main(["backup", str(hosted.path), "-o", str(tmp_path / "copy.db")]) == 2
        await fc.close()

    run(mini, tmp_path, body)


def test_seats_in_separate_processes_commit_at_once_and_nothing_is_lost(mini, tmp_path: Path) -> None:
    import os
    import sys

    root = Path(__file__).parent.parent.parent

    async def body(hosted: Hosted) -> None:
        processes = [
            await asyncio.create_subprocess_exec(
                sys.executable,
                "-m",
                "tests.syndicate.seat_process",
                hosted.url,
                seat,
                cwd=root,
                env={**os.environ, "MINUSMA_CODE": code},
                stdout=asyncio.subprocess.PIPE,
                stderr=asyncio.subprocess.PIPE,
            )
            for seat, code in hosted.codes.items()
        ]
        results = [await process.communicate() for process in processes]
        assert [process.returncode for process in processes] == [0] * 4, results
        assert [out.decode().strip() for out, _ in results] == ["2"] * 4
        (record,) = hosted.host.game.state.history
        roles = sorted(
            O.order_role(O.ORDER_ADAPTER.validate_python(o), hosted.host.game.context())
            for o in record.orders
        )
        assert roles == sorted(hosted.codes), "one order of each seat, none lost"
        assert hosted.host.store.game().state.digest() == hosted.host.game.state.digest()

    run(mini, tmp_path, body)


def test_an_export_is_hosted_again_with_its_turns_and_drafts(mini, tmp_path: Path) -> None:
    from game.syndicate.export import export
    from game.syndicate.resume import session_from_save

    async def body(hosted: Hosted) -> None:
        fc = await hosted.client("force_commander", name="Col. Diallo")
        await fc.request("give", order=PATROL)
        hosted.host.force()
        srsg = await hosted.client("srsg")
        order = hosted.host.game.legal_orders("srsg")[0]
        await srsg.request("give", order=order.model_dump(mode="json"))
        hosted.host.flush()
        export(hosted.host.store, tmp_path / "game.save")
        again = session_from_save(tmp_path / "game.save", tmp_path / "again.db", "a-new-secret-phrase")
        game = again.game()
        assert game.state.digest() == hosted.host.game.state.digest()
        assert again.names() == {"force_commander": "Col. Diallo"}
        assert again.check_pin("a-new-secret-phrase")
        again.close()
        for client in (fc, srsg):
            await client.close()

    run(mini, tmp_path, body)


def test_pause_clock_and_forced_turns_are_in_the_export(mini, tmp_path: Path) -> None:
    from game.syndicate.export import session_meta

    async def body(hosted: Hosted) -> None:
        facilitator = await hosted.client("facilitator", code=hosted.secret)
        await facilitator.request("pause", paused=True)
        await facilitator.request("clock", minutes=15)
        await facilitator.request("pause", paused=False)
        await facilitator.request("force")
        notes = session_meta(hosted.host.store).notes[1]
        for said in ("paused the game", "started the clock: 15 min", "resumed", "forced the turn"):
            assert said in notes
        await facilitator.close()

    run(mini, tmp_path, body)
