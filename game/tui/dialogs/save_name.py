"""SaveNameDialog: asks for the name of a save; Escape cancels."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from game.i18n import N_, _
from game.tui.dialogs.once import DismissOnce


class SaveNameDialog(DismissOnce, ModalScreen[str | None]):
    """Dismissed with the name typed (stripped), or None."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", N_("Cancel"))]

    def __init__(self, default: str):
        super().__init__()
        self.default = default

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(_("Save the game as"), classes="dialog-title")
            yield Input(self.default, id="save-name", max_length=60)
            yield Static(
                _("Enter saves · Escape cancels. A save of the same name is replaced."), classes="dim"
            )

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        name = event.value.strip()
        if not name:
            self.notify(_("Type a name for the save."), severity="warning")
            return
        self.dismiss(name)

    def action_cancel(self) -> None:
        self.dismiss(None)
