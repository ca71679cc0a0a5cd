"""A red cell seated over the server (rules.md §5.2): it orders after the mission commits, sees only
its own view, and the facilitator hands the armed groups to it and back, each in the log."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from game.engine import orders as O
from game.syndicate.client import ClientError
from game.syndicate.protocol import FACILITATOR_SEAT
from tests.syndicate.hosting import SEATS, WITH_RED, Hosted, run, until

RED = "armed_groups"
PATROL = O.SetPosture(unit="inf_b", posture="patrol").model_dump(mode="json")


def _allowed(message: dict[str, Any] | None) -> list[dict[str, Any]]:
    return [entry["order"] for entry in (message or {}).get("menu", []) if entry["reason"] is None]


async def _mission_commits(hosted: Hosted) -> None:
    for seat in SEATS:
        client = await hosted.client(seat)
        assert (await client.request("commit"))["resolved"] is False  # the red cell is still to order
        await client.close()


def test_a_red_cell_plays_a_turn_over_the_socket(mini, tmp_path: Path) -> None:
    async def body(hosted: Hosted) -> None:
        host = hosted.host
        (handed,) = [order for _, _, role, order, _ in host.store.log() if role == O.FACILITATOR]
        assert handed == O.HandSide(side=RED, to="human"), "the host hands red to the cell, in the log"
        red = await hosted.client(RED, name="Red cell")
        await until(lambda: red.view_message is not None)
        first = red.view_message
        assert first is not None and first["seat"] == RED and first["view"]["seat"] == RED
        assert first["menu"] and not _allowed(first), "shown, but refused until the mission commits"
        assert all("after the mission commits" in entry["reason"] for entry in first["menu"])
        strike = first["menu"][0]["order"]
        with pytest.raises(ClientError, match="after every mission seat has committed; waiting for SRSG"):
            await red.request("give", order=strike)
        with pytest.raises(ClientError, match="after every mission seat has committed"):
            await red.request("commit")

        await _mission_commits(hosted)
        assert host.game.state.turn == 1 and host.waiting_for() == [RED]
        await until(lambda: bool(_allowed(red.view_message)))
        message = red.view_message
        assert message is not None and message["status"]["red_orders_open"] is True
        order = _allowed(message)[0]
        await red.request("give", order=order)
        await until(lambda: red.view_message is not None and len(red.view_message["view"]["orders"]) == 1)
        answer = await red.request("commit")
        assert answer["resolved"] is True
        await until(lambda: red.view_message is not None and red.view_message["view"]["turn"] == 2)
        assert red.view_message is not None and red.view_message["view"]["turn"] == 2
        roles = [role for _, turn, role, _, _ in host.store.log() if turn == 1]
        assert RED in roles and host.store.game().state.turn == 2
        # turn 2: the red cell is still seated and still waits for the mission
        with pytest.raises(ClientError, match="waiting for SRSG"):
            await red.request("give", order=order)
        await red.close()

    run(mini, tmp_path, body, seats=WITH_RED)


def test_the_facilitator_hands_red_to_the_bot_and_back(mini, tmp_path: Path) -> None:
    async def body(hosted: Hosted) -> None:
        host = hosted.host
        facilitator = await hosted.client(FACILITATOR_SEAT, code=hosted.secret)
        red = await hosted.client(RED)
        await _mission_commits(hosted)
        assert host.red_open()
        to_bot = O.HandSide(side=RED, to="bot").model_dump(mode="json")
        await facilitator.request("give", order=to_bot)  # nobody left to wait for: the turn resolves
        assert host.game.state.turn == 2
        await until(lambda: red.view_message is not None and red.view_message["view"]["turn"] == 2)
        message = red.view_message
        assert message is not None and not _allowed(message)
        assert next(s for s in message["status"]["seats"] if s["seat"] == RED)["bot"] is True
        with pytest.raises(ClientError, match="handed the armed groups to their bot"):
            await red.request("commit")
        # the bot plays red: the mission's commits resolve the turn
        for seat in SEATS:
            host.commit(seat)
        assert host.game.state.turn == 3
        to_cell = O.HandSide(side=RED, to="human").model_dump(mode="json")
        await facilitator.request("give", order=to_cell)
        await _mission_commits(hosted)
        assert host.game.state.turn == 3 and host.waiting_for() == [RED]
        await red.request("commit")  # a red cell that gives no order strikes nothing
        assert host.game.state.turn == 4
        handovers = [order.to for _, _, _, order, _ in host.store.log() if isinstance(order, O.HandSide)]
        assert handovers == ["human", "bot", "human"]
        for client in (facilitator, red):
            await client.close()

    run(mini, tmp_path, body, seats=WITH_RED)


def test_without_a_red_seat_the_armed_groups_stay_with_their_bot(mini, tmp_path: Path) -> None:
    async def body(hosted: Hosted) -> None:
        assert not hosted.host.store.log(), "no handover without the red cell's seat"
        facilitator = await hosted.client(FACILITATOR_SEAT, code=hosted.secret)
        to_cell = O.HandSide(side=RED, to="human").model_dump(mode="json")
        with pytest.raises(ClientError, match="no red cell's seat"):
            await facilitator.request("give", order=to_cell)
        with pytest.raises(ClientError, match="no seat 'armed_groups'"):
            await hosted.client(RED, code="aaaaa-bbbbb-ccccc-ddddd")
        await facilitator.close()

    run(mini, tmp_path, body)


def test_nothing_hidden_crosses_between_the_red_cell_and_the_mission(mini, tmp_path: Path) -> None:
    """Every message the red cell receives (no mission draft, no warning, no expected attack, no
    facilitator's note) and every one the Force Commander receives before the turn resolves (no
    red order, committed or not)."""

    async def body(hosted: Hosted) -> None:
        host = hosted.host
        to_red: list[dict[str, Any]] = []
        to_fc: list[str] = []
        red = await hosted.client(RED)
        red.on_message = to_red.append
        fc = await hosted.client("force_commander")
        fc.on_message = lambda message: to_fc.append(json.dumps(message))
        facilitator = await hosted.client(FACILITATOR_SEAT, code=hosted.secret)
        note = O.FacilitatorNote(text="umpire only: the convoy is bait")
        await facilitator.request("give", order=note.model_dump(mode="json"))
        drafts = []
        for seat in ("srsg", "police_commissioner", "comms_chief"):
            client = await hosted.client(seat)
            order = host.game.legal_orders(seat)[0]
            await client.request("give", order=order.model_dump(mode="json"))
            drafts.append(O.describe(order, host.game.context()))
            await client.request("commit")
            await client.close()
        await fc.request("give", order=PATROL)
        drafts.append(O.describe(O.SetPosture(unit="inf_b", posture="patrol"), host.game.context()))
        await fc.request("commit")
        await until(lambda: any(m["type"] == "view" and m["status"]["red_orders_open"] for m in to_red))
        red_text = "\n".join(json.dumps(m) for m in to_red)
        for draft in drafts:
            assert draft not in red_text
        assert "the convoy is bait" not in red_text and '"log"' not in red_text
        views = [m for m in to_red if m["type"] == "view"]
        assert views and all(m["view"]["seat"] == RED and not m["view"]["orders"] for m in views)
        for message in views:
            for region in message["view"]["regions"]:
                assert region["warning"] == 0 and region["expected_attacks"] == []
            assert all("pending" not in seat for seat in message["status"]["seats"])
        # the mission sees none of the red cell's orders until the turn resolves
        seen_by_fc = len(to_fc)
        for order in (red.view_message or {})["menu"]:
            if order["reason"] is None:
                await red.request("give", order=order["order"])
                break
        (red_order,) = [o for o in host.game.pending_orders() if O.order_role(o, host.game.context()) == RED]
        described = O.describe(red_order, host.game.context())
        await facilitator.request("pause", paused=False)  # a change every window hears of
        await until(lambda: len(to_fc) > seen_by_fc)
        assert all(described not in text for text in to_fc)
        assert all('"armed_groups", "text"' not in text for text in to_fc)
        await red.request("commit")
        await until(lambda: any('"turn": 2' in text for text in to_fc))
        assert host.game.state.turn == 2
        for client in (red, fc, facilitator):
            await client.close()

    run(mini, tmp_path, body, seats=WITH_RED)


def test_an_export_hosted_again_keeps_its_red_seat(mini, tmp_path: Path) -> None:
    from game.syndicate.export import export
    from game.syndicate.resume import session_from_save

    async def body(hosted: Hosted) -> None:
        await _mission_commits(hosted)
        hosted.host.commit(RED)
        hosted.host.flush()
        export(hosted.host.store, tmp_path / "game.save")
        again = session_from_save(tmp_path / "game.save", tmp_path / "again.db", "a-new-secret-phrase")
        assert again.seats == WITH_RED
        game = again.game()
        assert game.state.turn == 2 and game.state.sides.get(RED) == "human"
        again.close()

    run(mini, tmp_path, body, seats=WITH_RED)


def test_the_host_command_seats_red_and_hands_it_to_the_cell(tmp_path: Path, monkeypatch) -> None:
    import argparse

    from game.errors import UserError
    from game.syndicate.commands import _create_session, seat_name
    from game.syndicate.store import Session

    assert seat_name("red") == seat_name("armed_groups") == RED
    monkeypatch.setenv("MINUSMA_SECRET", "a-long-facilitator-phrase")
    args = argparse.Namespace(scenario="tutorial", seats="fc,red", seed=7, secret_file=None, passphrase=False)
    _create_session(args, tmp_path / "red.db")
    session = Session(tmp_path / "red.db")
    assert session.seats == ["force_commander", RED]
    (entry,) = session.log()
    assert entry[2] == O.FACILITATOR and entry[3] == O.HandSide(side=RED, to="human")
    assert session.game().state.sides.get(RED) == "human"
    session.close()
    with pytest.raises(UserError, match="at least one of the mission's"):
        _create_session(argparse.Namespace(**{**vars(args), "seats": "red"}), tmp_path / "only-red.db")
