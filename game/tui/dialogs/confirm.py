"""ConfirmDialog: a yes/no question, answered with the keyboard (y or o, n, Enter, Escape) or the mouse."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Static

from game.i18n import N_, _, language
from game.text import clean
from game.tui.dialogs.once import DismissOnce

# The key the yes button shows: "o" (oui) in French. Both keys answer yes in every language, so a
# player's habit from the other language still works.
YES_KEY = {"en": "y", "fr": "o"}


class ConfirmDialog(DismissOnce, ModalScreen[bool]):
    """Dismissed with True (yes) or False (no)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y,o", "answer(True)", N_("Yes"), show=False),
        Binding("n,escape", "answer(False)", N_("No"), show=False),
    ]

    def __init__(self, question: str, detail: str = "", yes: str = "", no: str = "", purpose: str = ""):
        super().__init__()
        self.question, self.detail = question, detail
        self.yes, self.no = yes or _("Yes"), no or _("No")
        self.purpose = purpose

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            # Questions quote names and card titles: plain text, never markup.
            yield Label(Text(clean(self.question)), classes="dialog-title")
            if self.detail:
                yield Static(Text(clean(self.detail, lines=True)), classes="dialog-text")
            with Horizontal(classes="dialog-buttons"):
                yield Button(f"{self.yes} ({YES_KEY.get(language(), 'y')})", id="yes", variant="primary")
                yield Button(f"{self.no} (n)", id="no")

    def on_mount(self) -> None:
        self.query_one("#yes", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == "yes")

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)
