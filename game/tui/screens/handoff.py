"""HandoffScreen: "pass to the Force Commander" — hides the board until the next player is ready."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Center, Middle, Vertical
from textual.screen import Screen
from textual.widgets import Button, Label, Static

from game.i18n import N_, _, listed
from game.text import clean
from game.tui.dialogs.once import DismissOnce
from game.tui.labels import ROLE_DUTIES, ROLE_TITLES
from game.tui.session import PlaySession, seat_view
from game.tui.widgets.footer import Footer


class HandoffScreen(DismissOnce, Screen[None]):
    """Opaque: the previous seat's pending orders are not on it. Enter when the player is ready."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("enter", "ready", N_("I am ready"))]

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
            _("Turn {turn} · {month}. The previous seat's orders are hidden.").format(
                turn=view.turn, month=view.month
            ),
            _("The {seat} gives orders on {duties}.").format(
                seat=ROLE_TITLES[role], duties=ROLE_DUTIES[role]
            ),
        ]
        if self.decisions:
            lines.append(_("A decision awaits you: {cards}.").format(cards=listed(self.decisions)))
        with Middle(), Center(), Vertical(id="handoff-box"):
            if name != ROLE_TITLES[role]:
                to = _("Pass the keyboard to {name}, the {seat}").format(name=name, seat=ROLE_TITLES[role])
            else:
                to = _("Pass the keyboard to the {seat}").format(seat=name)
            yield Label(Text(clean(to)), classes="screen-title")
            yield Static(Text(clean("\n".join(lines), lines=True)), id="handoff-text")
            ready = _("{name} is ready (Enter)").format(name=name)
            yield Button(Text(clean(ready)), id="ready", variant="primary")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#ready", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(None)

    def action_ready(self) -> None:
        self.dismiss(None)
