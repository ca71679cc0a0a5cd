"""Modal dialogs of the replay viewer: jump to a turn, and take command from a turn (fork)."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label

from game.i18n import N_, _
from game.text import clean
from game.tui.dialogs.once import DismissOnce

DIALOG_CSS = """
$SELF {
    align: center middle;
}
$SELF .dialog {
    width: 64;
    height: auto;
    padding: 1 2;
    border: thick $primary;
    background: $surface;
}
$SELF .question {
    width: 100%;
}
$SELF .problem {
    color: $error;
}
$SELF .buttons {
    height: auto;
    margin-top: 1;
    align-horizontal: right;
}
$SELF Button {
    margin-left: 2;
}
"""


class JumpDialog(DismissOnce, ModalScreen[int | None]):
    """Ask for a turn number between 1 and `last`; dismissed with it, or None."""

    DEFAULT_CSS = DIALOG_CSS.replace("$SELF", "JumpDialog")
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", N_("Cancel"))]

    def __init__(self, last: int, current: int):
        super().__init__()
        self.last = last
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(_("Go to turn (1-{last}):").format(last=self.last))
            yield Input(str(self.current), type="integer", id="turn-number")
            yield Label("", id="jump-problem", classes="problem")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        try:
            number = int(event.value)
        except ValueError:
            number = 0
        if not 1 <= number <= self.last:
            self.query_one("#jump-problem", Label).update(
                _("Give a turn from 1 to {last}.").format(last=self.last)
            )
            return
        self.dismiss(number)

    def action_cancel(self) -> None:
        self.dismiss(None)


class ForkDialog(DismissOnce, ModalScreen[bool]):
    """Confirm taking command from the start of a turn; the fork is saved under `name`."""

    DEFAULT_CSS = DIALOG_CSS.replace("$SELF", "ForkDialog")
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", N_("Cancel"))]

    def __init__(self, turn: int, month: str, name: str):
        super().__init__()
        self.turn = turn
        self.month = month
        self.fork_name = name

    def compose(self) -> ComposeResult:
        if self.turn == 1:
            kept = _("Same scenario and seed, but every order is yours")
        elif self.turn == 2:
            kept = _("Turn 1 stays as it was played; from turn 2 on, the orders are yours")
        else:
            kept = _(
                "Turns 1–{last_played} stay as they were played; from turn {turn} on, the orders are yours"
            ).format(last_played=self.turn - 1, turn=self.turn)
        question = _(
            "Take command from the start of turn {turn} ({month})?\n\n{kept}. The new game is saved as "
            "“{name}” and remembers this save as its parent."
        ).format(turn=self.turn, month=self.month, kept=kept, name=clean(self.fork_name))
        with Vertical(classes="dialog"):
            yield Label(Text(question), classes="question")
            with Horizontal(classes="buttons"):
                yield Button(_("Take command"), variant="primary", id="fork")
                yield Button(_("Cancel"), id="cancel")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "fork")

    def action_cancel(self) -> None:
        self.dismiss(False)


class NoteDialog(DismissOnce, ModalScreen[str | None]):
    """Write or change the debrief note on one turn; dismissed with the text, or None."""

    DEFAULT_CSS = DIALOG_CSS.replace("$SELF", "NoteDialog")
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", N_("Cancel"))]

    def __init__(self, turn: int, month: str, text: str):
        super().__init__()
        self.turn = turn
        self.month = month
        self.text = text

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(
                _(
                    "Debrief note on turn {turn} ({month}); it is kept in the save and printed in the "
                    "report. Enter keeps it; an empty note removes it."
                ).format(turn=self.turn, month=self.month),
                classes="question",
            )
            placeholder = _("What should the syndicate discuss here?")
            yield Input(self.text, placeholder=placeholder, id="note", max_length=2000)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value.strip())

    def action_cancel(self) -> None:
        self.dismiss(None)
