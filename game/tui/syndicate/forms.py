"""The facilitator's dialogs: a PIN, a form of fields, a custom card in YAML, a card of the deck."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Center, Horizontal, Middle, Vertical
from textual.screen import ModalScreen, Screen
from textual.widgets import Button, Footer, Input, Label, OptionList, Static, TextArea
from textual.widgets.option_list import Option

from game.text import clean
from game.tui.dialogs.once import DismissOnce

Submit = Callable[[dict[str, str]], str | None]  # the values -> None when done, else the problem


class PinScreen(DismissOnce, Screen[str]):
    """Asks for the facilitator's PIN; a wrong PIN is refused on the spot."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "quit", "Quit")]

    def __init__(self, title: str, check: Callable[[str], bool]):
        super().__init__()
        self.game_title = title
        self.check = check
        self.tries = 0

    def compose(self) -> ComposeResult:
        with Middle(), Center(), Vertical(classes="dialog", id="pin-box"):
            yield Label(Text(clean(f"Facilitator: {self.game_title}")), classes="dialog-title")
            yield Static("The PIN set when the game was hosted:")
            yield Input(password=True, placeholder="PIN", id="pin")
            yield Static(id="pin-error")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#pin", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if self.check(event.value):
            self.dismiss(event.value)
            return
        self.tries += 1
        event.input.value = ""
        self.query_one("#pin-error", Static).update(
            Text(
                f"Wrong PIN ({self.tries} tr{'y' if self.tries == 1 else 'ies'}). Try again.",
                style="bold red",
            )
        )

    def action_quit(self) -> None:
        self.app.exit(0)


class FormDialog(DismissOnce, ModalScreen[bool]):
    """Labelled fields; Enter or the button submits, a problem is shown under the fields and
    the dialog stays open until it is fixed or cancelled. Dismissed with True once done."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def __init__(
        self, title: str, fields: list[tuple[str, str, str]], submit: Submit, help: str = "", ok: str = "OK"
    ):
        """fields: (key, label, initial value)."""
        super().__init__()
        self.title_text, self.fields, self.submit, self.help, self.ok = title, fields, submit, help, ok

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
                yield Button("Cancel (Esc)", id="cancel")

    def on_mount(self) -> None:
        self.query(Input).first().focus()

    def values(self) -> dict[str, str]:
        return {key: self.query_one(f"#field-{key}", Input).value for key, _, _ in self.fields}

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_ok()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_ok() if event.button.id == "ok" else self.dismiss(False)

    def action_ok(self) -> None:
        problem = self.submit(self.values())
        if problem:
            self.query_one("#form-error", Static).update(Text(clean(problem, lines=True), style="bold red"))
        else:
            self.dismiss(True)

    def action_cancel(self) -> None:
        self.dismiss(False)


class CardEditor(DismissOnce, ModalScreen[bool]):
    """A custom inject written as YAML; Ctrl-S checks and injects it. Problems name line and field."""

    DEFAULT_CSS = """
    #card-editor { width: 90%; height: 90%; max-width: 110; }
    #card-yaml { height: 1fr; min-height: 8; }
    #card-errors { height: auto; max-height: 8; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "inject", "Inject", priority=True),
        Binding("escape", "cancel", "Cancel"),
    ]

    def __init__(self, text: str, submit: Callable[[str], str | None]):
        super().__init__()
        self.text = text
        self.submit = submit

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="card-editor"):
            yield Label("A new card, written now (YAML, as in a scenario's cards:)", classes="dialog-title")
            yield TextArea(self.text, id="card-yaml", show_line_numbers=True, tab_behavior="indent")
            yield Static(Text("Ctrl-S: check and inject · Esc: cancel", style="dim"), id="card-errors")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Inject (Ctrl-S)", id="ok", variant="primary")
                yield Button("Cancel (Esc)", id="cancel")

    def on_mount(self) -> None:
        self.query_one(TextArea).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_inject() if event.button.id == "ok" else self.dismiss(False)

    def action_inject(self) -> None:
        problem = self.submit(self.query_one(TextArea).text)
        if problem:
            self.query_one("#card-errors", Static).update(Text(clean(problem, lines=True), style="bold red"))
        else:
            self.dismiss(True)

    def action_cancel(self) -> None:
        self.dismiss(False)


class DeckDialog(DismissOnce, ModalScreen[str | None]):
    """Pick a card of the deck (Enter); dismissed with its id, or None."""

    DEFAULT_CSS = """
    #deck-dialog { width: 80%; height: 80%; }
    #deck { height: 1fr; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, title: str, cards: list[tuple[str, str]]):
        """cards: (id, label)."""
        super().__init__()
        self.title_text = title
        self.cards = cards

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="deck-dialog"):
            yield Label(Text(clean(self.title_text)), classes="dialog-title")
            # Card titles come from the scenario or the facilitator: plain text, never markup.
            options = [Option(Text(clean(label)), id=card_id) for card_id, label in self.cards]
            yield OptionList(*options, id="deck")
            yield Static(Text("Enter: choose · Esc: cancel", style="dim"))

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)
