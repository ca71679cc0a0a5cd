"""Issue #12's attacks on a syndicate game, tried again against the server (uv run pytest -m hostile)."""

from __future__ import annotations

import asyncio
import json
import sqlite3
import stat
from pathlib import Path

import aiohttp
import pytest

from game.cli import build_parser
from game.engine import orders as O
from game.syndicate.client import ClientError, SyndicateClient
from tests.syndicate.hosting import SEATS, SEED, WITH_RED, Hosted, run, until

pytestmark = pytest.mark.hostile
PATROL = O.SetPosture(unit="inf_b", posture="patrol").model_dump(mode="json")


def test_a_seat_cannot_act_as_the_facilitator(mini, tmp_path: Path) -> None:
    """Finding: any seat could insert overrides, pause the game or replace the PIN hash."""

    async def body(hosted: Hosted) -> None:
        seat = await hosted.client("srsg")
        note = O.FacilitatorNote(text="forged").model_dump(mode="json")
        for kind, fields in (
            ("pause", {"paused": True}),
            ("force", {}),
            ("clock", {"minutes": 1}),
            ("note", {"turn": 1, "text": "x"}),
        ):
            with pytest.raises(ClientError, match="only the facilitator"):
                await seat.request(kind, **fields)
        with pytest.raises(ClientError, match="belongs to the facilitator"):
            await seat.request("give", order=note)
        with pytest.raises(ClientError, match="belongs to the Force Commander"):
            await seat.request("give", order=PATROL)
        with pytest.raises(ClientError, match="already holds a seat"):
            await seat.request("hello", v=1, seat="facilitator", code=hosted.codes["srsg"])
        assert not hosted.host.paused and hosted.host.game.state.turn == 1
        assert hosted.host.game.pending_orders() == []
        await seat.close()

    run(mini, tmp_path, body)


def test_the_red_cell_and_the_mission_cannot_give_each_others_orders(mini, tmp_path: Path) -> None:
    """The red seat is a seat like the others: its code, its own orders only, no facilitator's."""

    async def body(hosted: Hosted) -> None:
        host = hosted.host
        red = await hosted.client("armed_groups")
        fc = await hosted.client("force_commander")
        with pytest.raises(ClientError, match="wrong code"):
            await hosted.client("armed_groups", code=hosted.codes["force_commander"])
        for seat in SEATS:
            if seat != "force_commander":
                host.commit(seat)
        strike = next(
            o for o in host.game.candidate_orders("armed_groups") if host.game.why_illegal(o) is None
        )
        with pytest.raises(ClientError, match="belongs to the armed groups"):
            await fc.request("give", order=strike.model_dump(mode="json"))
        await fc.request("commit")
        with pytest.raises(ClientError, match="belongs to the Force Commander"):
            await red.request("give", order=PATROL)
        to_bot = O.HandSide(side="armed_groups", to="bot").model_dump(mode="json")
        with pytest.raises(ClientError, match="belongs to the facilitator"):
            await red.request("give", order=to_bot)
        with pytest.raises(ClientError, match="only the facilitator"):
            await red.request("force")
        assert host.game.state.turn == 1 and host.game.pending_orders()[1:] == []
        for client in (red, fc):
            await client.close()

    run(mini, tmp_path, body, seats=WITH_RED)


def test_a_seat_cannot_ask_for_hidden_state(mini, tmp_path: Path) -> None:
    """Finding: the seed and generator state were in clear; a seat predicted the next turn."""

    async def body(hosted: Hosted) -> None:
        seat = await hosted.client("srsg")
        for kind in ("state", "seed", "export", "drafts", "view"):
            with pytest.raises(ClientError, match="unknown message type"):
                await seat.request(kind)
        with pytest.raises(ClientError, match="Extra inputs are not permitted"):
            await seat.request("ping", seat="force_commander")
        text = json.dumps(seat.view_message)
        assert str(SEED) not in text and str(hosted.host.game.state.rng) not in text
        await seat.close()

    run(mini, tmp_path, body)


def test_the_session_file_is_private_to_the_host(mini, tmp_path: Path) -> None:
    async def body(hosted: Hosted) -> None:
        for part in ("", "-wal"):
            target = hosted.path.with_name(hosted.path.name + part)
            if target.exists():
                assert stat.S_IMODE(target.stat().st_mode) == 0o600
        hosted.path.chmod(0o644)
        assert hosted.host.store.make_private()
        assert stat.S_IMODE(hosted.path.stat().st_mode) == 0o600
        # and the facilitator secret in it is a scrypt hash, not a 4-character PIN's fast hash
        assert hosted.host.store.meta["pin_kdf"] == "scrypt"

    run(mini, tmp_path, body)


def test_no_secret_on_the_command_line() -> None:
    """Finding: the PIN showed in `ps` with --pin."""
    parser = build_parser()
    for command in (["host", "--pin", "1234"], ["facilitate", "ws://h:1", "--pin", "1234"]):
        with pytest.raises(SystemExit):
            parser.parse_args(command)
    with pytest.raises(SystemExit):
        parser.parse_args(["join", "ws://h:1", "--seat", "fc", "--code", "abc"])


def test_wrong_facilitator_secrets_are_slowed_down(mini, tmp_path: Path) -> None:
    """Finding: no limit or back-off on wrong PINs."""

    async def body(hosted: Hosted) -> None:
        kinds = []
        for guess in ("0000", "1234", "2468", "9999"):
            with pytest.raises(ClientError) as refused:
                await hosted.client("facilitator", code=guess)
            kinds.append(refused.value.kind)
        assert kinds == ["code", "code", "code", "wait"]

    run(mini, tmp_path, body)


def test_foreign_origin_and_host_are_refused_and_connections_capped(mini, tmp_path: Path) -> None:
    """Finding: serve accepted a WebSocket with a foreign Origin and Host, and had no cap."""

    async def body(hosted: Hosted) -> None:
        async with aiohttp.ClientSession() as http:
            for headers, status in (
                ({"Origin": "http://evil.example"}, 403),
                ({"Host": "evil.example"}, 421),
            ):
                with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
                    await http.ws_connect(f"{hosted.url}/ws", headers=headers)
                assert refused.value.status == status
            open_sockets = [await http.ws_connect(f"{hosted.url}/ws") for _ in range(3)]
            with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
                await http.ws_connect(f"{hosted.url}/ws")
            assert refused.value.status == 503
            for socket in open_sockets:
                await socket.close()

    run(mini, tmp_path, body, max_connections=3)


def test_a_storage_error_is_one_clear_line_and_the_game_survives(mini, tmp_path: Path) -> None:
    """Finding: a read-only or truncated database crashed every seat window."""

    async def body(hosted: Hosted) -> None:
        fc = await hosted.client("force_commander")
        store = hosted.host.store
        store._db.close()  # the disk goes away under the host
        await fc.request("give", order=PATROL)  # the game goes on in memory
        await until(lambda: bool(fc.view_message and fc.view_message["status"]["storage_problem"]))
        assert fc.view_message is not None
        problem = fc.view_message["status"]["storage_problem"]
        assert problem.startswith("the host cannot write the game:") and "\n" not in problem
        assert len(hosted.host.game.pending_orders()) == 1
        store._db = sqlite3.connect(store.path, isolation_level=None)  # the disk is back
        await until(lambda: not hosted.host.unsaved, seconds=10)
        assert not hosted.host.unsaved and hosted.host.storage_problem is None
        assert [oid for oid, role, _ in store.pending()] and store.pending()[0][1] == "force_commander"
        await fc.close()

    run(mini, tmp_path, body)


def test_a_stalled_window_cannot_commit_after_another_took_its_seat(mini, tmp_path: Path) -> None:
    """Finding: after a 17 s stall a second window took the Police seat while the first still committed."""

    async def body(hosted: Hosted) -> None:
        stalled = await hosted.client("police_commissioner")
        fresh = SyndicateClient(hosted.url, "police_commissioner", hosted.codes["police_commissioner"])
        await fresh.join(takeover=True)
        await asyncio.sleep(0)
        with pytest.raises(ClientError):
            await stalled.request("commit")
        assert "police_commissioner" not in hosted.host.committed
        await fresh.request("commit")
        assert hosted.host.committed == {"police_commissioner"}
        await fresh.close()
        await stalled.close()

    run(mini, tmp_path, body)


def test_a_reconnect_resumes_only_its_own_hold(mini, tmp_path: Path) -> None:
    """The lease is a fencing token: a window back from a stall resumes its seat only if no other
    window took it meanwhile; a half-open old connection is replaced by the same window's new one."""

    async def body(hosted: Hosted) -> None:
        code = hosted.codes["force_commander"]
        first = await hosted.client("force_commander")
        again = SyndicateClient(hosted.url, "force_commander", code)
        again.lease = first.lease  # the same window, reconnecting before the host saw it drop
        await again.join()
        await until(lambda: hosted.host.leases["force_commander"].holder is not None)
        assert again.lease is not None and again.lease != first.lease
        other = SyndicateClient(hosted.url, "force_commander", code)
        await other.join(takeover=True)  # another window takes the seat with the code
        stale = SyndicateClient(hosted.url, "force_commander", code)
        stale.lease = again.lease  # ... and the window that lost it comes back
        with pytest.raises(ClientError) as refused:
            await stale.join()
        assert refused.value.kind == "held"
        await other.request("commit")
        assert hosted.host.committed == {"force_commander"}
        for client in (first, again, other):
            await client.close()

    run(mini, tmp_path, body)
