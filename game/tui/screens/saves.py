"""SavesScreen: the saved games, newest first, to load and play on or to replay turn by turn."""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING, ClassVar, cast

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import DataTable, Label, Static

from game.i18n import N_, _
from game.record.saves import SaveInfo, list_saves, save_dir
from game.text import clean
from game.tui.widgets.footer import Footer

if TYPE_CHECKING:
    from game.tui.app import MinusmaApp

SAVE_KINDS = (N_("auto"), N_("manual"))  # SaveInfo.kind, shown through _()
LOOK_UP_SECONDS = 5.0  # a saves folder that has not answered by then is reported, not waited for


def find_saves(all_autosaves: bool = False) -> tuple[list[SaveInfo], str | None]:
    """The saves, newest first, or what stopped the look-up; never raises and never hangs.

    A damaged save is listed with its problem by list_saves; this guards the screens against
    whatever else may go wrong on the way (an error it did not expect, a file that blocks when
    read, such as a FIFO): the look-up runs in a daemon thread that cannot keep the game open.
    """
    found: list[list[SaveInfo] | BaseException] = []

    def look_up() -> None:
        try:
            found.append(list_saves(all_autosaves=all_autosaves))
        except BaseException as error:  # RecursionError, MemoryError... said on screen, not raised
            found.append(error)

    worker = threading.Thread(target=look_up, name="minusma-saves", daemon=True)
    worker.start()
    worker.join(LOOK_UP_SECONDS)
    if not found:
        return [], _("the saves folder {folder} did not answer (a file in it cannot be read)").format(
            folder=save_dir()
        )
    result = found[0]
    if isinstance(result, BaseException):
        reason = clean(str(result).splitlines()[0]) if str(result) else type(result).__name__
        return [], _(
            "the saves in {folder} could not be listed ({reason}); move the damaged file away"
        ).format(folder=save_dir(), reason=reason)
    return result, None


class SavesScreen(Screen[None]):
    """Enter opens the highlighted save; damaged saves are listed with what is wrong."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "app.pop_screen", N_("Back")),
        Binding("a", "toggle_autosaves", N_("All autosaves")),
    ]

    def __init__(self, replay: bool = False):
        super().__init__()
        self.replay = replay
        self.all_autosaves = False
        self.saves: list[SaveInfo] = []

    def compose(self) -> ComposeResult:
        title = _("Replay a saved game") if self.replay else _("Load a saved game")
        yield Label(title, classes="screen-title")
        yield Static(Text(_("Saves are kept in {folder}").format(folder=save_dir())), id="saves-where")
        yield DataTable(id="saves-table", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        # What tells saves apart comes first: an autosave's name repeats its scenario's title.
        table.add_columns(
            _("name"), _("turn"), _("month"), _("last played"), _("players"), _("kind"), _("scenario")
        )
        self.fill()
        table.focus()

    def fill(self) -> None:
        table = self.query_one(DataTable)
        table.clear()
        self.saves, failure = find_saves(all_autosaves=self.all_autosaves)
        for number, info in enumerate(self.saves):
            # Names, players and scenario titles come from the files: plain text, never markup.
            if info.problem:
                table.add_row(
                    Text(_("{name} (cannot be read: Enter says why)").format(name=clean(info.name))),
                    "",
                    "",
                    info.last_played,
                    "",
                    _(info.kind),
                    Text(clean(info.problem)),
                    key=str(number),
                )
                continue
            turn = _("over") if info.over else str(info.turn)
            table.add_row(
                Text(clean(info.name)),
                turn,
                Text(clean(info.month)),
                info.last_played,
                Text(clean(info.players)),
                _(info.kind),
                Text(clean(info.scenario)),
                key=str(number),
            )
        if failure:
            self.query_one("#saves-where", Static).update(
                Text(_("Cannot list the saves: {problem}.").format(problem=failure))
            )
        elif not self.saves:
            self.query_one("#saves-where", Static).update(
                Text(
                    _("No saved game yet in {folder}. Games are autosaved after every turn.").format(
                        folder=save_dir()
                    )
                )
            )

    def action_toggle_autosaves(self) -> None:
        self.all_autosaves = not self.all_autosaves
        self.fill()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        info = self.saves[int(event.row_key.value or 0)]
        if info.problem:
            self.notify(
                clean(info.problem), title=_("This save cannot be opened"), severity="error", timeout=8
            )
            return
        if not self.replay:
            cast("MinusmaApp", self.app).open_save(info.path)
            return
        from game.tui.replay import ReplayScreen

        self.app.push_screen(ReplayScreen(info.path), self._replay_closed)

    def _replay_closed(self, forked) -> None:
        if forked is None:
            return
        from game.tui.session import Session

        cast("MinusmaApp", self.app).play(Session(forked.game, forked.meta, saved_to=forked.path))
