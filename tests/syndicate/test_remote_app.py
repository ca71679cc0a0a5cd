"""The seat app against a running server: the code on screen, an order from the menu, a commit."""

from __future__ import annotations

import asyncio
from pathlib import Path

from textual.widgets import DataTable, OptionList, Static

from game.tui.dialogs.confirm import ConfirmDialog
from game.tui.syndicate.remote import BoardScreen, CodeScreen, RemoteApp
from tests.syndicate.hosting import hosting, until


def test_a_seat_joins_gives_an_order_and_commits_through_the_server(mini, tmp_path: Path) -> None:
    async def main() -> None:
        async with hosting(mini, tmp_path) as hosted:
            app = RemoteApp(hosted.url, "force_commander", name="Col. Diallo")
            async with app.run_test(size=(140, 40)) as pilot:
                assert isinstance(app.screen, CodeScreen)
                await pilot.click("#code")
                await pilot.press(*"wrong", "enter")
                problem = app.screen.query_one("#code-problem", Static)
                await until(lambda: "wrong code" in str(problem.render()))
                assert "wrong code" in str(problem.render())
                await pilot.press(*hosted.codes["force_commander"], "enter")
                await until(lambda: isinstance(app.screen, BoardScreen) and app.board.view is not None)
                assert isinstance(app.screen, BoardScreen)
                menu = app.screen.query_one("#menu", OptionList)
                options = [menu.get_option_at_index(i) for i in range(menu.option_count)]
                allowed = next(i for i, option in enumerate(options) if not option.disabled)
                menu.focus()
                menu.highlighted = allowed
                await pilot.press("enter")
                await until(lambda: bool(hosted.host.game.pending_orders()))
                assert len(hosted.host.game.pending_orders()) == 1
                await until(lambda: app.board.view is not None and len(app.board.view.orders) == 1)
                await pilot.press("c")
                await pilot.pause()
                assert isinstance(app.screen, ConfirmDialog)
                await pilot.click("#yes") if app.screen.query("#yes") else await pilot.press("enter")
                await until(lambda: "force_commander" in hosted.host.committed)
                assert "force_commander" in hosted.host.committed
                assert hosted.host.names["force_commander"] == "Col. Diallo"
                for seat in ("srsg", "police_commissioner", "comms_chief"):  # the others commit
                    hosted.host.commit(seat)
                hosted.server.broadcast()
                await until(lambda: app.board.view is not None and app.board.view.turn == 2)
                assert app.board.view is not None and app.board.view.turn == 2
                await pilot.pause()
                last = str(app.screen.query_one("#last-text", Static).render())
                assert "Turn 1 (" in last and "civilians" in last
                assert any(n.title == "Turn 1 resolved" for n in app._notifications)
                table = app.screen.query_one("#regions")
                table.focus()
                for row, region in enumerate(app.board.view.regions):
                    table.move_cursor(row=row)
                    await pilot.pause()
                    shown = str(app.screen.query_one("#region-text", Static).render())
                    assert region.name in shown
                    moved = [
                        c for c in app.board.view.last.changes if c.target.partition("/")[0] == region.id
                    ]
                    assert ("because" in shown) == bool(moved), "each change says why"

    asyncio.run(main())


def test_the_facilitator_console_pauses_sets_the_clock_and_writes_a_card(mini, tmp_path: Path) -> None:
    async def main() -> None:
        async with hosting(mini, tmp_path) as hosted:
            app = RemoteApp(hosted.url, "facilitator", code=hosted.secret)
            async with app.run_test(size=(140, 40)) as pilot:
                await until(lambda: isinstance(app.screen, BoardScreen) and app.board.view is not None)
                assert isinstance(app.screen, BoardScreen)
                await pilot.press("p")
                await until(lambda: hosted.host.paused)
                assert hosted.host.paused
                await pilot.press("k")
                await pilot.pause()
                await pilot.press("enter")
                await until(lambda: hosted.host.seconds_left() is not None)
                assert hosted.host.seconds_left() == 20 * 60
                await pilot.press("y")
                await pilot.pause()
                await pilot.press("ctrl+s")
                await until(lambda: bool(hosted.host.game.pending_orders()))
                (order,) = hosted.host.game.pending_orders()
                assert order.type == "inject_card" and order.card is not None
                await pilot.press("y")
                await pilot.pause()
                editor = app.screen
                editor.query_one("#card-yaml").text = "id: x\ntitle: [unclosed\n"
                await pilot.press("ctrl+s")
                errors = editor.query_one("#card-errors", Static)
                await until(lambda: "inject" in str(errors.render()) and "Ctrl-S" not in str(errors.render()))
                assert "inject" in str(errors.render()), "the YAML problem names where it is"
                assert len(hosted.host.game.pending_orders()) == 1

    asyncio.run(main())


def test_a_red_cell_joins_at_80x24_waits_for_the_mission_then_orders(mini, tmp_path: Path) -> None:
    from tests.syndicate.hosting import SEATS, WITH_RED

    async def main() -> None:
        async with hosting(mini, tmp_path, seats=WITH_RED) as hosted:
            host = hosted.host
            app = RemoteApp(hosted.url, None, name="Red cell")
            async with app.run_test(size=(80, 24)) as pilot:
                await pilot.click("#seat")
                await pilot.press(*"red", "enter")
                await pilot.click("#code")
                await pilot.press(*hosted.codes["armed_groups"], "enter")
                await until(lambda: isinstance(app.screen, BoardScreen) and app.board.view is not None)
                assert isinstance(app.screen, BoardScreen) and app.seat == "armed_groups"
                bar = app.screen.query_one("#bar", Static)
                await until(lambda: "Waiting for the mission" in str(bar.render()))
                assert "Waiting for the mission" in str(bar.render()) and "Budget" not in str(bar.render())
                columns = [str(c.label) for c in app.screen.query_one("#regions", DataTable).columns.values()]
                assert "Your groups" in columns and "Warning" not in columns and "Expected" not in columns
                await pilot.pause()
                region = str(app.screen.query_one("#region-text", Static).render())
                assert "credibility" in region and "early warning" not in region
                menu = app.screen.query_one("#menu", OptionList)
                assert menu.option_count > 0
                assert all(menu.get_option_at_index(i).disabled for i in range(menu.option_count))
                for seat in SEATS:
                    host.commit(seat)
                hosted.server.broadcast({"armed_groups"})
                await until(lambda: "give your orders" in str(bar.render()))
                assert "give your orders" in str(bar.render())
                assert any(n.title == "Your turn" for n in app._notifications)
                options = [menu.get_option_at_index(i) for i in range(menu.option_count)]
                allowed = next(i for i, option in enumerate(options) if not option.disabled)
                menu.focus()
                menu.highlighted = allowed
                await pilot.press("enter")
                await until(lambda: app.board.view is not None and len(app.board.view.orders) == 1)
                assert app.board.view is not None and app.board.view.orders[0].role == "armed_groups"
                await pilot.press("c")
                await pilot.pause()
                assert isinstance(app.screen, ConfirmDialog)
                await pilot.click("#yes") if app.screen.query("#yes") else await pilot.press("enter")
                await until(lambda: host.game.state.turn == 2)
                assert host.game.state.turn == 2
                await until(lambda: app.board.view is not None and app.board.view.turn == 2)
                assert app.board.view is not None and app.board.view.turn == 2

    asyncio.run(main())


def test_a_green_cell_joins_at_80x24_sees_the_requests_and_answers_after_the_mission(
    mini, tmp_path: Path
) -> None:
    from tests.syndicate.hosting import SEATS

    scenario = mini.model_copy(update={"host_state_seat": True})

    async def main() -> None:
        async with hosting(scenario, tmp_path, seats=[*SEATS, "host_state"]) as hosted:
            host = hosted.host
            app = RemoteApp(hosted.url, None, name="Green cell")
            async with app.run_test(size=(80, 24)) as pilot:
                await pilot.click("#seat")
                await pilot.press(*"green", "enter")
                await pilot.click("#code")
                await pilot.press(*hosted.codes["host_state"], "enter")
                await until(lambda: isinstance(app.screen, BoardScreen) and app.board.view is not None)
                assert isinstance(app.screen, BoardScreen) and app.seat == "host_state"
                bar = app.screen.query_one("#bar", Static)
                await until(lambda: "Waiting for the mission" in str(bar.render()))
                assert "Budget" not in str(bar.render())
                columns = [str(c.label) for c in app.screen.query_one("#regions", DataTable).columns.values()]
                assert "Asked" in columns and "Warning" not in columns and "Expected" not in columns
                flight = next(
                    o
                    for o in host.game.legal_orders("force_commander")
                    if o.type == "task_aviation" and o.region
                )
                host.give("force_commander", flight.model_dump(mode="json"))
                for seat in SEATS:
                    host.commit(seat)
                hosted.server.broadcast({"host_state"})
                await until(lambda: "answer its requests" in str(bar.render()))
                assert any(n.title == "Your turn" for n in app._notifications)
                assert app.board.view is not None
                asked = [r for r in app.board.view.regions if r.requests]
                assert asked and "flight clearance" in asked[0].requests[0]
                menu = app.screen.query_one("#menu", OptionList)
                options = [menu.get_option_at_index(i) for i in range(menu.option_count)]
                allowed = [i for i, option in enumerate(options) if not option.disabled]
                refusal = allowed[-1]  # the menu's last group: refuse consent (flight clearances)
                menu.focus()
                menu.highlighted = refusal
                await pilot.press("enter")
                await until(lambda: app.board.view is not None and len(app.board.view.orders) == 1)
                assert app.board.view is not None and app.board.view.orders[0].role == "host_state"
                assert [o.type for o in host.game.pending_orders()][-1] == "refuse_consent"
                await pilot.press("c")
                await pilot.pause()
                assert isinstance(app.screen, ConfirmDialog)
                await pilot.click("#yes") if app.screen.query("#yes") else await pilot.press("enter")
                await until(lambda: host.game.state.turn == 2)
                assert host.game.state.turn == 2

    asyncio.run(main())
