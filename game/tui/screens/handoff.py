"""HandoffScreen: "pass to the Force Commander" — hides the board until the next player is ready."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Center, Middle, Vertical
from textual.screen import Screen
from textual.widgets import Button, Footer, Label, Static

from game.text import clean
from game.tui.dialogs.once import DismissOnce
from game.tui.labels import ROLE_DUTIES, ROLE_TITLES
from game.tui.session import PlaySession, seat_view


class HandoffScreen(DismissOnce, Screen[None]):
    """Opaque: the previous seat's pending orders are not on it. Enter when the player is ready."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("enter", "ready", "I am ready")]

    def __init__(self, session: PlaySession, decisions: list[str]):
        super().__init__()
        self.session = session
        self.decisions = decisions

    def compose(self) -> ComposeResult:
        session = self.session
        role = session.seat
        name = session.player(role) or ROLE_TITLES[role]
        view = seat_view(session)
        lines = [
            f"Turn {view.turn} · {view.month}. The previous seat's orders are hidden.",
            f"The {ROLE_TITLES[role]} gives orders on {ROLE_DUTIES[role]}.",
        ]
        if self.decisions:
            lines.append("A decision awaits you: " + "; ".join(self.decisions) + ".")
        with Middle(), Center(), Vertical(id="handoff-box"):
            to = f"{name}, the {ROLE_TITLES[role]}" if name != ROLE_TITLES[role] else f"the {name}"
            yield Label(Text(clean(f"Pass the keyboard to {to}")), classes="screen-title")
            yield Static(Text(clean("\n".join(lines), lines=True)), id="handoff-text")
            yield Button(Text(clean(f"{name} is ready (Enter)")), id="ready", variant="primary")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#ready", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(None)

    def action_ready(self) -> None:
        self.dismiss(None)
