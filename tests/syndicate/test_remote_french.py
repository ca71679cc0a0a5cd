"""A seat of a hosted game in French at 80×24: the code screen, the board, the commit dialog, the counts."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from textual.widgets import Button, DataTable, OptionList, Static

from game import i18n
from game.tui.dialogs.confirm import ConfirmDialog
from game.tui.syndicate.remote import BoardScreen, CodeScreen, RemoteApp, killed_line, seat_title
from tests.syndicate.hosting import hosting, until


@pytest.fixture(autouse=True)
def _french() -> object:
    i18n.set_language("fr")
    yield
    i18n.set_language("en")


def plain(text: str) -> str:
    return text.replace("\xa0", " ")


def test_a_french_seat_reads_its_board_and_its_commit_in_french(mini, tmp_path: Path) -> None:
    async def main() -> dict[str, str]:
        seen: dict[str, str] = {}
        async with hosting(mini, tmp_path) as hosted:
            app = RemoteApp(hosted.url, "force_commander")
            async with app.run_test(size=(80, 24)) as pilot:
                assert isinstance(app.screen, CodeScreen)
                seen["code"] = " ".join(str(label.render()) for label in app.screen.query(Static))
                await pilot.press(*hosted.codes["force_commander"], "enter")
                await until(lambda: isinstance(app.screen, BoardScreen) and app.board.view is not None)
                await pilot.pause()
                board = app.screen
                seen["bar"] = str(board.query_one("#bar", Static).render())
                table = board.query_one("#regions", DataTable)
                seen["columns"] = " | ".join(str(column.label) for column in table.columns.values())
                seen["menu"] = str(board.query_one("#menu", OptionList).border_title)
                await pilot.press("c")
                await pilot.pause()
                assert isinstance(app.screen, ConfirmDialog)
                seen["commit"] = " ".join(str(widget.render()) for widget in app.screen.query(Static))
                seen["buttons"] = " ".join(str(button.label) for button in app.screen.query(Button))
                await pilot.press("escape")
        return {key: plain(text) for key, text in seen.items()}

    seen = asyncio.run(main())
    assert "Votre code d'accès, tel que l'hôte l'a donné" in seen["code"]
    assert seen["bar"].startswith("Tour 1 (") and "Crédibilité nationale" in seen["bar"]
    assert "Postes : " in seen["bar"] and "Budget " in seen["bar"]
    assert seen["columns"].startswith("Région | Crédibilité | Groupes armés vus | Alerte")
    assert seen["menu"] == "Ce que vous pouvez ordonner (Entrée le donne)"
    assert "Valider vos ordres ?" in seen["commit"]
    assert "Vous avez donné 0 ordre ce tour." in seen["commit"]
    assert "Valider (o)" in seen["buttons"] and "Pas encore (n)" in seen["buttons"]


def test_counts_are_singular_for_zero_and_one_in_french_and_for_one_in_english() -> None:
    assert plain(killed_line(1, 0)) == "1 civil et 0 Casque bleu tués."
    assert plain(killed_line(3, 2, sentence=False)) == "3 civils et 2 Casques bleus tués"
    assert seat_title("facilitator") == "Animateur"
    i18n.set_language("en")
    assert killed_line(1, 0) == "1 civilian and 0 peacekeepers killed."
    assert killed_line(3, 2) == "3 civilians and 2 peacekeepers killed."
