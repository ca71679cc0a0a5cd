"""Orders through the TUI: refused ones show the engine's reason, pending ones can be withdrawn."""

from __future__ import annotations

import asyncio
import io

from rich.console import Console
from textual.widgets import OptionList, Static

from game.engine import orders as O
from game.tui.order_menu import build_menu, order_text
from game.tui.screens.orders import OrdersScreen
from tests.tui.conftest import new_app, settle
from tests.tui.test_snapshots import playing, tutorial_session


def shown(screen, selector: str) -> str:
    console = Console(width=200, record=True, file=io.StringIO())
    console.print(screen.query_one(selector, Static).content)
    return console.export_text()


def test_menu_is_built_from_the_engine_and_keeps_its_reasons() -> None:
    session = tutorial_session()
    game = session.game
    menu = build_menu(game, "force_commander")
    items = [item for group in menu for item in group.items]
    assert len(items) == len(game.candidate_orders("force_commander"))
    for item in items:
        assert item.reason == game.why_illegal(item.order, "force_commander")
    assert {i.order for i in items if i.reason is None} == set(game.legal_orders("force_commander"))
    for group in menu:
        reasons = [item.reason is not None for item in group.items]
        assert reasons == sorted(reasons), "allowed orders come first in each group"


def test_a_refused_order_shows_the_reason_and_changes_nothing() -> None:
    async def scenario() -> None:
        app = new_app()
        async with app.run_test(size=(120, 40)) as pilot:
            session = tutorial_session()
            session.select_seat("force_commander")
            await playing(pilot, session)
            game = session.game
            menu = build_menu(game, "force_commander")
            group = next(g for g in menu if g.key.startswith("unit:") and g.items[-1].reason)
            refused = group.items[-1]
            before = game.state.digest()
            await pilot.press("o")
            await settle(pilot)
            assert isinstance(app.screen, OrdersScreen)
            downs = [g.key for g in menu].index(group.key)
            await pilot.press(*["down"] * downs, "right", *["down"] * len(group.items))
            await settle(pilot)
            assert "Not allowed" in shown(app.screen, "#order-detail")
            await pilot.press("enter")
            await settle(pilot)
            detail = shown(app.screen, "#order-detail")
            assert "Refused" in detail and refused.reason in detail
            assert game.state.digest() == before
            assert not game.pending_orders()
            assert any(refused.reason in str(n.message) for n in app._notifications)

    asyncio.run(scenario())


def test_give_then_withdraw_restores_the_state() -> None:
    async def scenario() -> None:
        app = new_app()
        async with app.run_test(size=(80, 24)) as pilot:
            session = tutorial_session()
            session.select_seat("force_commander")
            await playing(pilot, session)
            game = session.game
            before = game.state.digest()
            await pilot.press("o")
            await settle(pilot)
            await pilot.press("right", "down", "enter")
            await settle(pilot)
            pending = game.pending_orders()
            assert len(pending) == 1
            listing = app.screen.query_one("#pending", OptionList)
            assert listing.option_count == 1
            assert order_text(game, pending[0]) in str(listing.get_option_at_index(0).prompt)
            assert game.state.digest() != before
            await pilot.press("p", "w")
            await settle(pilot)
            assert not game.pending_orders()
            assert game.state.digest() == before
            assert listing.option_count == 0

    asyncio.run(scenario())


def test_a_card_decision_by_keys_becomes_the_seats_order() -> None:
    async def scenario() -> None:
        app = new_app()
        async with app.run_test(size=(100, 30)) as pilot:
            session = tutorial_session()
            choice = session.game.state.choices[0]
            card = session.game.index.cards[choice.card]
            await playing(pilot, session)
            await pilot.press("e")
            await settle(pilot)
            for card_id in session.game.state.current.cards:
                if card_id == choice.card:
                    break
                await pilot.press("enter")
                await settle(pilot)
            options = [o.id for o in card.choice.options]
            other = next(o for o in options if o != card.choice.default)
            steps = options.index(other) - options.index(card.choice.default)
            await pilot.press(*(["down"] * steps if steps > 0 else ["up"] * -steps), "enter")
            await settle(pilot)
            assert session.game.state.choices[0].decided == other
            assert session.game.pending_orders() == [O.DecideCard(card=card.id, option=other)]
            chosen = next(o.label for o in card.choice.options if o.id == other)
            group = next(g for g in build_menu(session.game, choice.role) if g.key == f"card:{card.id}")
            assert group.label.endswith(f"(chosen: {chosen})")  # the option as players read it

    asyncio.run(scenario())


def test_switching_seats_describes_the_new_seats_menu() -> None:
    async def scenario() -> None:
        app = new_app()
        async with app.run_test(size=(120, 40)) as pilot:
            session = tutorial_session()
            session.select_seat("srsg")
            await playing(pilot, session)
            await pilot.press("o")
            await settle(pilot)
            assert "PoC definition" in shown(app.screen, "#order-detail")
            await pilot.press("2")
            await settle(pilot)
            first = build_menu(session.game, "force_commander")[0]
            detail = shown(app.screen, "#order-detail")
            assert first.label in detail and "PoC definition" not in detail

    asyncio.run(scenario())
