"""SavesScreen: the saved games, newest first, to load and play on or to replay turn by turn."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Label, Static

from game.record.saves import SaveInfo, list_saves, save_dir


class SavesScreen(Screen[None]):
    """Enter opens the highlighted save; damaged saves are listed with what is wrong."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "app.pop_screen", "Back"),
        Binding("a", "toggle_autosaves", "All autosaves"),
    ]

    def __init__(self, replay: bool = False):
        super().__init__()
        self.replay = replay
        self.all_autosaves = False
        self.saves: list[SaveInfo] = []

    def compose(self) -> ComposeResult:
        verb = "Replay" if self.replay else "Load"
        yield Label(f"{verb} a saved game", classes="screen-title")
        yield Static(f"Saves are kept in {save_dir()}", id="saves-where")
        yield DataTable(id="saves-table", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        # What tells saves apart comes first: an autosave's name repeats its scenario's title.
        table.add_columns("name", "turn", "month", "last played", "players", "kind", "scenario")
        self.fill()
        table.focus()

    def fill(self) -> None:
        table = self.query_one(DataTable)
        table.clear()
        self.saves = list_saves(all_autosaves=self.all_autosaves)
        for number, info in enumerate(self.saves):
            if info.problem:
                table.add_row(
                    f"{info.name} (cannot be read: Enter says why)",
                    "",
                    "",
                    info.last_played,
                    "",
                    info.kind,
                    info.problem,
                    key=str(number),
                )
                continue
            turn = "over" if info.over else str(info.turn)
            table.add_row(
                info.name,
                turn,
                info.month,
                info.last_played,
                info.players,
                info.kind,
                info.scenario,
                key=str(number),
            )
        if not self.saves:
            self.query_one("#saves-where", Static).update(
                f"No saved game yet in {save_dir()}. Games are autosaved after every turn."
            )

    def action_toggle_autosaves(self) -> None:
        self.all_autosaves = not self.all_autosaves
        self.fill()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        info = self.saves[int(event.row_key.value or 0)]
        if info.problem:
            self.notify(info.problem, title="This save cannot be opened", severity="error", timeout=8)
            return
        if not self.replay:
            self.app.open_save(info.path)
            return
        from game.tui.replay import ReplayScreen

        self.app.push_screen(ReplayScreen(info.path), self._replay_closed)

    def _replay_closed(self, forked) -> None:
        if forked is None:
            return
        from game.tui.session import Session

        self.app.play(Session(forked.game, forked.meta, saved_to=forked.path))
