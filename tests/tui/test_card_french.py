"""The event card dialog shows a scenario's French when the game is in French, at 80x24."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator

import pytest
from textual.widgets import Label, OptionList, Static

from game import i18n
from game.tui.dialogs.card import CardDialog
from tests.tui.conftest import new_app, settle


@pytest.fixture(autouse=True)
def _english_after() -> Iterator[None]:
    yield
    i18n.set_language("en")


def test_the_first_card_of_the_tutorial_reads_in_french_and_its_choice_too() -> None:
    async def scenario() -> None:
        i18n.set_language("fr")
        app = new_app(scenario="tutorial", seed=3)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            dialog = app.screen
            assert isinstance(dialog, CardDialog) and dialog.card.id == "koulogon_2019"
            assert str(dialog.query_one(".dialog-title", Label).render()) == "Massacre de Koulogon"
            assert "Le jour de l'An" in str(dialog.query_one("#card-text", Static).render())
            source = str(dialog.query_one("#card-source", Static).render())
            assert source.startswith("Source") and "Enquête de la Division des droits de l'homme" in source
            assert "12 juin 2019" in source and "inquiry" not in source and "June" not in source, source
            while isinstance(app.screen, CardDialog) and app.screen.card.choice is None:
                await pilot.press("enter")
                await settle(pilot)
            choice = app.screen
            assert isinstance(choice, CardDialog) and choice.card.choice is not None, (
                "the tutorial's turn 1 has a choice"
            )
            prompt = str(choice.query_one("#card-prompt", Static).render())
            assert choice.card.choice.fr is not None and choice.card.choice.fr.prompt in prompt
            options = choice.query_one("#card-options", OptionList)
            first = str(options.get_option_at_index(0).prompt)
            assert first.startswith(choice.card.choice.options[0].fr.label)  # type: ignore[union-attr]

    asyncio.run(scenario())
