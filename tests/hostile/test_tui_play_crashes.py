"""Keys that arrive together or at awkward moments: a dialog answers once, the palette opens once."""

from __future__ import annotations

import asyncio

from textual import events
from textual.command import CommandPalette

from game.tui.dialogs.card import CardDialog
from game.tui.dialogs.confirm import ConfirmDialog
from game.tui.screens.play import PlayScreen
from game.tui.screens.title import TitleScreen
from game.tui.screens.too_small import TooSmallScreen
from tests.tui.conftest import new_app, settle
from tests.tui.test_snapshots import playing


def _stack(app) -> list[str]:
    return [type(screen).__name__ for screen in app.screen_stack]


def _keys_at_once(app, *keys: str) -> None:
    """Queue keys without waiting between them, as a fast typist or a pasted sequence does."""
    for key in keys:
        app.post_message(events.Key(key, None))


def test_escape_on_an_event_card_while_it_closes_keeps_the_game() -> None:
    async def scenario() -> None:
        app = new_app()
        async with app.run_test(size=(120, 40)) as pilot:
            await playing(pilot)
            await pilot.press("e")
            await settle(pilot)
            assert isinstance(app.screen, CardDialog)
            cards = len(app.screen.game.state.current.cards)
            for _ in range(cards - 1):  # to the last card, whose closing leaves the play screen
                await pilot.press("escape")
                await settle(pilot)
            assert isinstance(app.screen, CardDialog) and app.screen.more == 0
            _keys_at_once(app, "enter", "escape")  # Continue pressed, and Escape on its way out
            await settle(pilot)
            assert isinstance(app.screen, PlayScreen), _stack(app)
            assert _stack(app) == ["TitleScreen", "PlayScreen"]

    asyncio.run(scenario())


def test_a_card_closed_twice_by_its_own_keys_answers_once() -> None:
    async def scenario() -> None:
        app = new_app()
        async with app.run_test(size=(120, 40)) as pilot:
            await playing(pilot)
            await pilot.press("e")
            await settle(pilot)
            dialog = app.screen
            assert isinstance(dialog, CardDialog)
            dialog.action_close()
            dialog.action_close()  # Escape bound twice, or pressed again before the pop
            await settle(pilot)
            assert "PlayScreen" in _stack(app), _stack(app)

    asyncio.run(scenario())


def test_a_confirmation_answered_twice_at_once_counts_once() -> None:
    async def scenario() -> None:
        app = new_app()
        answers: list[bool | None] = []
        async with app.run_test(size=(120, 40)) as pilot:
            await playing(pilot)
            dialog = ConfirmDialog("Sure?")
            app.push_screen(dialog, answers.append)
            await settle(pilot)
            dialog.action_answer(False)
            dialog.action_answer(True)  # "y" queued behind "n"
            await settle(pilot)
            assert len(answers) == 1
            assert isinstance(app.screen, PlayScreen), _stack(app)

    asyncio.run(scenario())


def test_palette_then_too_small_then_palette_again() -> None:
    async def scenario() -> None:
        app = new_app()
        async with app.run_test(size=(100, 30)) as pilot:
            await settle(pilot)
            await pilot.press("ctrl+p")
            await settle(pilot)
            assert isinstance(app.screen, CommandPalette)
            await pilot.resize_terminal(60, 20)
            await settle(pilot)
            assert isinstance(app.screen, TooSmallScreen)
            await pilot.press("ctrl+p")
            await settle(pilot)
            assert isinstance(app.screen, TooSmallScreen)
            assert sum(isinstance(s, CommandPalette) for s in app.screen_stack) == 1
            await pilot.resize_terminal(100, 30)
            await settle(pilot)
            assert isinstance(app.screen, CommandPalette)  # where the player was
            await pilot.press("escape")
            await settle(pilot)
            assert isinstance(app.screen, TitleScreen)

    asyncio.run(scenario())


def test_a_dialog_closed_while_covered_takes_the_screens_over_it_along() -> None:
    async def scenario() -> None:
        app = new_app()
        answers: list[tuple[str, bool | None]] = []
        async with app.run_test(size=(120, 40)) as pilot:
            await playing(pilot)
            under, over = ConfirmDialog("Under?"), ConfirmDialog("Over?")
            app.push_screen(under, lambda answer: answers.append(("under", answer)))
            app.push_screen(over, lambda answer: answers.append(("over", answer)))
            await settle(pilot)
            under.dismiss(False)  # e.g. the turn resolved under a seat's dialog
            under.dismiss(True)
            over.dismiss(True)  # gone with it: ignored
            await settle(pilot)
            assert answers == [("under", False)]
            assert isinstance(app.screen, PlayScreen), _stack(app)

    asyncio.run(scenario())
