"""The facilitator's dialogs: a form of fields and a card in YAML, each sent to the host, whose
answer (a problem, or None when done) is shown under the fields until fixed or cancelled."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static, TextArea

from game.i18n import N_, _
from game.text import clean
from game.tui.dialogs.once import DismissOnce

Submit = Callable[[dict[str, str]], Awaitable[str | None]]  # the values -> None when done, else the problem


class FormDialog(DismissOnce, ModalScreen[bool]):
    """Labelled fields; Enter or the button submits. Dismissed with True once the host took it."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", N_("Cancel"))]

    def __init__(
        self, title: str, fields: list[tuple[str, str, str]], submit: Submit, help: str = "", ok: str = ""
    ):
        """fields: (key, label, initial value), the labels already in the player's language."""
        super().__init__()
        self.title_text, self.fields, self.submit, self.help = title, fields, submit, help
        self.ok = ok or _("OK")

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog form-dialog"):
            yield Label(Text(clean(self.title_text)), classes="dialog-title")
            if self.help:
                yield Static(Text(self.help, style="dim"))
            for key, label, value in self.fields:
                yield Label(label)
                yield Input(value, id=f"field-{key}")
            yield Static(id="form-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button(self.ok, id="ok", variant="primary")
                yield Button(_("Cancel (Esc)"), id="cancel")

    def on_mount(self) -> None:
        self.query(Input).first().focus()

    def values(self) -> dict[str, str]:
        return {key: self.query_one(f"#field-{key}", Input).value for key, __, ___ in self.fields}

    async def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        await self.action_ok()

    async def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "ok":
            await self.action_ok()
        else:
            self.dismiss(False)

    async def action_ok(self) -> None:
        problem = await self.submit(self.values())
        if problem:
            self.query_one("#form-error", Static).update(Text(clean(problem, lines=True), style="bold red"))
        else:
            self.dismiss(True)

    def action_cancel(self) -> None:
        self.dismiss(False)


class CardEditor(DismissOnce, ModalScreen[bool]):
    """A custom inject written as YAML; Ctrl-S sends it to be checked and injected."""

    DEFAULT_CSS = """
    #card-editor { width: 90%; height: 90%; max-width: 110; }
    #card-yaml { height: 1fr; min-height: 8; }
    #card-errors { height: auto; max-height: 8; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "inject", N_("Inject"), priority=True),
        Binding("escape", "cancel", N_("Cancel")),
    ]

    def __init__(self, text: str, submit: Callable[[str], Awaitable[str | None]]):
        super().__init__()
        self.text = text
        self.submit = submit

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="card-editor"):
            yield Label(
                _("A new card, written now (YAML, as in a scenario's cards:)"), classes="dialog-title"
            )
            yield TextArea(self.text, id="card-yaml", show_line_numbers=True, tab_behavior="indent")
            yield Static(Text(_("Ctrl-S: check and inject · Esc: cancel"), style="dim"), id="card-errors")
            with Horizontal(classes="dialog-buttons"):
                yield Button(_("Inject (Ctrl-S)"), id="ok", variant="primary")
                yield Button(_("Cancel (Esc)"), id="cancel")

    def on_mount(self) -> None:
        self.query_one(TextArea).focus()

    async def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "ok":
            await self.action_inject()
        else:
            self.dismiss(False)

    async def action_inject(self) -> None:
        problem = await self.submit(self.query_one(TextArea).text)
        if problem:
            self.query_one("#card-errors", Static).update(Text(clean(problem, lines=True), style="bold red"))
        else:
            self.dismiss(True)

    def action_cancel(self) -> None:
        self.dismiss(False)
