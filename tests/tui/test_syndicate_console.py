"""The facilitator's console, driven by keys: the PIN, a custom card, an override, the clock."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from textual.widgets import Input, Static, TextArea

from game.engine import orders as O
from game.syndicate.cards import template
from game.syndicate.store import Session
from game.tui.syndicate.console import ConsoleScreen
from game.tui.syndicate.console_app import ConsoleApp
from game.tui.syndicate.forms import CardEditor, FormDialog, PinScreen
from tests.tui.conftest import settle

SEATS = ["srsg", "force_commander"]


@pytest.fixture
def session_path(mini, tmp_path: Path) -> Path:
    Session.host(tmp_path / "exercise.db", mini, seed=4, seats=SEATS, pin="2468").close()
    return tmp_path / "exercise.db"


def text_of(screen, selector: str) -> str:
    return str(screen.query_one(selector, Static).content)


def facilitator_orders(path: Path) -> list[O.Order]:
    return [order for _, _, role, order, _ in Session(path).log() if role == O.FACILITATOR]


def test_a_wrong_pin_is_refused_then_the_right_one_opens_the_console(session_path: Path) -> None:
    async def scenario() -> None:
        app = ConsoleApp(Session(session_path), poll=0.05)
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            assert isinstance(app.screen, PinScreen)
            await pilot.press(*"1111", "enter")
            await settle(pilot)
            assert isinstance(app.screen, PinScreen)
            assert "Wrong PIN (1 try)" in text_of(app.screen, "#pin-error")
            assert app.screen.query_one(Input).value == ""
            await pilot.press(*"2468", "enter")
            await settle(pilot)
            assert isinstance(app.screen, ConsoleScreen)
            assert "Force Commander" in text_of(app.screen, "#seats")

    asyncio.run(scenario())


def test_a_custom_card_with_an_error_then_fixed(session_path: Path, mini) -> None:
    async def scenario() -> None:
        app = ConsoleApp(Session(session_path), pin="2468", poll=0.05)
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            await pilot.press("n")
            await settle(pilot)
            assert isinstance(app.screen, CardEditor)
            editor = app.screen.query_one(TextArea)
            good = template(mini)
            editor.load_text(good.replace("kind: generic", "kind: rumour"))
            await pilot.press("ctrl+s")
            await settle(pilot)
            assert isinstance(app.screen, CardEditor), "an error keeps the editor open"
            error = text_of(app.screen, "#card-errors")
            assert "inject:3:7: kind: Input should be 'historical' or 'generic'" in error
            assert not facilitator_orders(session_path)
            editor.load_text(good)
            await pilot.press("ctrl+s")
            await settle(pilot)
            assert isinstance(app.screen, ConsoleScreen)
            (order,) = facilitator_orders(session_path)
            assert isinstance(order, O.InjectCard) and order.card is not None
            assert order.card.title == "Roadblock on the RN16"
            assert "Roadblock on the RN16" in text_of(app.screen, "#log")

    asyncio.run(scenario())


def test_an_override_needs_a_reason(session_path: Path) -> None:
    async def scenario() -> None:
        app = ConsoleApp(Session(session_path), pin="2468", poll=0.05)
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            await pilot.press("o")
            await settle(pilot)
            assert isinstance(app.screen, FormDialog)
            app.screen.query_one("#field-target", Input).value = "centre"
            app.screen.query_one("#field-delta", Input).value = "-4"
            app.screen.query_one("#field-reason", Input).focus()
            await pilot.press("enter")
            await settle(pilot)
            assert isinstance(app.screen, FormDialog)
            assert "A reason is mandatory" in text_of(app.screen, "#form-error")
            assert not facilitator_orders(session_path)
            await pilot.press(*"the patrol was never there", "enter")
            await settle(pilot)
            assert isinstance(app.screen, ConsoleScreen)
            (order,) = facilitator_orders(session_path)
            assert order == O.OverrideResult(
                kind="credibility", target="centre", delta=-4, reason="the patrol was never there"
            )
            assert "overrides credibility in Centre -4: the patrol was never there" in text_of(
                app.screen, "#log"
            )

    asyncio.run(scenario())


def test_pause_clock_note_and_force_from_the_console(session_path: Path) -> None:
    async def scenario() -> None:
        app = ConsoleApp(Session(session_path), pin="2468", poll=0.05)
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            store = Session(session_path)
            await pilot.press("p")
            await settle(pilot)
            assert store.paused()
            await pilot.press("p", "k")
            await settle(pilot)
            assert not store.paused()
            await pilot.press("enter")  # 15 minutes
            await settle(pilot)
            assert 14 * 60 <= (store.seconds_left() or 0) <= 15 * 60
            await pilot.press("t")
            await settle(pilot)
            app.screen.query_one("#field-text", Input).value = "The SRSG hesitated."
            await pilot.press("enter")
            await settle(pilot)
            await pilot.press("f", "y")
            await settle(pilot)
            game = store.game()
            assert game.state.turn == 2
            assert game.state.history[0].notes == ["The SRSG hesitated."]
            assert "turn 2" in str(app.screen.query_one("#console-title").render())

    asyncio.run(scenario())


def test_undo_the_last_facilitator_action_of_the_turn(session_path: Path) -> None:
    async def scenario() -> None:
        store = Session(session_path)
        store.give(O.FACILITATOR, O.FacilitatorNote(text="kept"), pin="2468")
        store.give(O.FACILITATOR, O.HoldCard(card="massacre"), pin="2468")
        app = ConsoleApp(Session(session_path), pin="2468", poll=0.05)
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            await pilot.press("u", "y")
            await settle(pilot)
            assert [o for _, _, _, o, withdrawn in store.log() if not withdrawn] == [
                O.FacilitatorNote(text="kept")
            ]
            assert "holds back" not in text_of(app.screen, "#log")

    asyncio.run(scenario())
