"""A green cell seated over the server (rules.md §9.1): it answers after the mission commits, before the
red cell, sees only its own view, and refuses a request of the mission's in the log."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from game.engine import orders as O
from game.syndicate.client import ClientError
from tests.syndicate.hosting import SEATS, Hosted, run, until

GREEN, RED = "host_state", "armed_groups"


def _allowed(message: dict[str, Any] | None) -> list[dict[str, Any]]:
    return [entry["order"] for entry in (message or {}).get("menu", []) if entry["reason"] is None]


def test_a_green_cell_answers_the_mission_over_the_socket_before_the_red_cell(mini, tmp_path: Path) -> None:
    async def body(hosted: Hosted) -> None:
        host = hosted.host
        handed = [order for _, _, role, order, _ in host.store.log() if role == O.FACILITATOR]
        assert handed == [O.HandSide(side=GREEN, to="human"), O.HandSide(side=RED, to="human")]
        green = await hosted.client(GREEN, name="Green cell")
        red = await hosted.client(RED, name="Red cell")
        await until(lambda: green.view_message is not None)
        first = green.view_message
        assert first is not None and first["seat"] == GREEN and first["view"]["seat"] == GREEN
        assert first["menu"] and not _allowed(first), "shown, but refused until the mission commits"
        with pytest.raises(ClientError, match=r"answers after the mission's seats .*; waiting for SRSG"):
            await green.request("commit")

        fc = await hosted.client("force_commander")
        flight = next(
            o for o in host.game.legal_orders("force_commander") if o.type == "task_aviation" and o.region
        )
        await fc.request("give", order=flight.model_dump(mode="json"))
        await fc.close()
        for seat in SEATS:
            client = await hosted.client(seat)
            assert (await client.request("commit"))["resolved"] is False
            await client.close()
        assert host.waiting_for() == [GREEN, RED]
        with pytest.raises(ClientError, match="waiting for host state's green cell"):
            await red.request("commit")
        await until(lambda: bool(_allowed(green.view_message)))
        message = green.view_message
        assert message is not None and message["status"]["green_orders_open"] is True
        refusal = next(o for o in _allowed(message) if o["type"] == "refuse_consent")
        await green.request("give", order=refusal)
        view = green.view_message["view"] if green.view_message else {}
        assert all("early warning" not in str(region).lower() for region in view.get("regions", []))
        assert (await green.request("commit"))["resolved"] is False  # the red cell orders last
        assert host.waiting_for() == [RED]
        assert (await red.request("commit"))["resolved"] is True
        roles = [role for _, turn, role, _, _ in host.store.log() if turn == 1]
        assert GREEN in roles and host.store.game().state.turn == 2
        record = host.store.game().records()[0]
        assert any(o["type"] == "refuse_consent" for o in record.orders)
        for client in (green, red):
            await client.close()

    run(mini.model_copy(update={"host_state_seat": True}), tmp_path, body, seats=[*SEATS, RED, GREEN])


def test_a_game_without_the_host_state_seat_refuses_a_green_cell(mini, tmp_path: Path) -> None:
    async def body(hosted: Hosted) -> None:
        with pytest.raises(ClientError, match="no seat 'host_state'"):
            await hosted.client(GREEN, code="aaaaa-bbbbb-ccccc-ddddd")

    run(mini, tmp_path, body)
