"""The seat's screens: the shared map with this seat's orders, commits, the clock, turn results."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Center, Middle, Vertical
from textual.screen import Screen
from textual.widgets import Footer, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from game.engine.wording import plural
from game.syndicate.store import SessionError
from game.text import clean
from game.tui.dialogs.confirm import ConfirmDialog
from game.tui.dialogs.once import DismissOnce
from game.tui.labels import ROLE_DUTIES, ROLE_SHORT, ROLE_TITLES
from game.tui.order_menu import order_text
from game.tui.screens.orders import OrdersScreen
from game.tui.screens.play import PlayScreen
from game.tui.syndicate.seat_session import SeatSession
from game.tui.syndicate.widgets import SyndicateBar


class _WithSyndicateBar(Screen):
    """A seat's screen with the syndicate bar above it: who has committed, the clock, a pause."""

    session: SeatSession

    def compose(self) -> ComposeResult:
        yield SyndicateBar(id="syndicate-bar")
        yield from super().compose()

    def show_picture(self) -> None:
        picture = self.session.picture
        for bar in self.query(SyndicateBar):  # none before the screen is composed
            bar.show(picture.seats, picture.seconds_left, picture.paused, self.session.role)


class SeatPlayScreen(_WithSyndicateBar, PlayScreen):
    """PlayScreen for one seat of a hosted game: its orders go to the store, c commits it, and
    the turn's results come up when the last seat commits (or the facilitator forces the turn)."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "leave", "Leave seat")]

    session: SeatSession

    def __init__(self, session: SeatSession):
        super().__init__(session)
        self.turns_seen = len(session.game.state.history)
        self._cards_shown: set[str] = set()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("seat", "done", "save"):
            return False
        if action == "commit":
            return None if self.session.committed or self.game.is_over() else True
        return super().check_action(action, parameters)

    def refresh_view(self) -> None:
        super().refresh_view()
        self.show_picture()

    def _orders_summary(self) -> Text:
        session = self.session
        pending = session.pending_for(session.role)
        text = Text(f"Your orders this turn ({ROLE_SHORT[session.role]}): {len(pending)}", style="bold")
        for _, order in pending[-3:]:
            text.append(f"\n • {order_text(self.game, order)}")
        if len(pending) > 3:
            text.append(f"  (+{len(pending) - 3} earlier)", style="dim")
        for card_id in session.undecided_cards(session.role):
            card = self.game.context().card(card_id)
            text.append(f"\n ? decision awaited: {card.title}", style="italic")
        if self.game.is_over():
            text.append("\n The game is over.", style="bold")
        elif session.committed:
            waiting = ", ".join(ROLE_SHORT[r] for r in session.picture.waiting_for()) or "the facilitator"
            text.append(f"\n Committed. Waiting for: {waiting}", style="bold green")
        elif session.picture.paused:
            text.append("\n The facilitator has paused the game: orders wait.", style="bold")
        else:
            text.append("\n o: give orders · c: commit your orders", style="dim")
        return text

    # --- keeping up with the other seats --------------------------------------------------------
    def session_changed(self) -> None:
        """Called by the app when the store changed; shows a resolved turn when in front."""
        if not self.is_current:
            return
        if self._show_resolved():
            return
        self.refresh_view()
        new = [c for c in self.game.state.current.cards if c not in self._cards_shown]
        if new and self.session.seen_cards_turn == self.game.state.turn:
            self._cards_shown.update(new)
            self.notify("The facilitator has put a new card into play.", title="New card")
            self._card_queue = new
            self._next_card()

    def action_events(self) -> None:
        self._cards_shown = set(self.game.state.current.cards)
        super().action_events()

    def _show_resolved(self) -> bool:
        records = self.session.records_since(self.turns_seen)
        if not records:
            return False
        self.turns_seen = len(self.session.game.state.history)
        self.refresh_view()
        record = records[-1]
        results = self._reused("results")
        results.record = record
        self.app.push_screen(results, lambda _: self._show_sitrep(record, True))
        return True

    def on_screen_resume(self) -> None:
        if self.is_current and not self._show_resolved():
            self.refresh_view()

    # --- this seat's actions --------------------------------------------------------------------
    def action_orders(self) -> None:
        if self.game.is_over():
            self.notify("The game is over.")
            return
        self.app.push_screen(SeatOrdersScreen(self.session))

    def action_commit(self) -> None:
        session = self.session
        mine = len(session.pending_for(session.role))
        lines = [f"You gave {plural(mine, 'order')} this turn. Once committed they cannot be changed."]
        for card_id in session.undecided_cards(session.role):
            card = self.game.context().card(card_id)
            if card.choice:
                default = next(o.label for o in card.choice.options if o.id == card.choice.default)
                lines.append(f"Undecided: {card.title} takes its default, {default!r}.")
        others = [ROLE_SHORT[r] for r in session.picture.waiting_for() if r != session.role]
        if others:
            verb = "commits" if len(others) == 1 else "commit"
            lines.append(f"The turn resolves when {', '.join(others)} {verb} too.")
        dialog = ConfirmDialog(
            f"Commit the {ROLE_SHORT[session.role]}'s turn {self.game.state.turn}?",
            "\n".join(lines),
            yes="Commit",
            no="Not yet",
        )
        self.app.push_screen(dialog, lambda yes: self._commit() if yes else None)

    def _commit(self) -> None:
        try:
            resolved = self.session.commit()
        except SessionError as error:
            self.notify(str(error), title="Not committed", severity="error", timeout=8)
            return
        if not resolved and not self._show_resolved():
            waiting = ", ".join(ROLE_SHORT[r] for r in self.session.picture.waiting_for())
            note = f"waiting for {waiting}" if waiting else "the game is paused"
            self.notify(f"Committed; {note}.", title="Committed")
            self.refresh_view()
        elif resolved:
            self._show_resolved()

    def action_leave(self) -> None:
        dialog = ConfirmDialog(
            "Leave this seat?",
            "Your orders stay in the session: join again to carry on where you left.",
            yes="Leave",
            no="Stay",
        )
        self.app.push_screen(dialog, lambda yes: self.app.exit(0) if yes else None)


class SeatOrdersScreen(_WithSyndicateBar, OrdersScreen):
    """OrdersScreen whose orders go to the session store; closes when the turn resolves."""

    session: SeatSession

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return False if action == "seat" else super().check_action(action, parameters)

    def rebuild(self) -> None:
        super().rebuild()
        self.show_picture()

    def session_changed(self) -> None:
        if self._turn != self.session.game.state.turn:
            self.notify("The turn has been resolved.", title="Turn over")
            self.dismiss(None)
        elif self.is_current:
            self.rebuild()

    def on_mount(self) -> None:
        self._turn = self.session.game.state.turn
        super().on_mount()


class RolePickerScreen(DismissOnce, Screen[str]):
    """Which seat to take: the seats of this game, who sits there, whether they committed."""

    DEFAULT_CSS = """
    #picker-box { width: 96; max-width: 100%; height: auto; padding: 1 2; border: round $accent; }
    #picker-seats { height: auto; max-height: 14; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "quit", "Quit")]

    def __init__(self, title: str, seats: list[tuple[str, str, bool]], name: str = ""):
        super().__init__()
        self.game_title = title
        self.seats = seats
        self.officer = name

    def compose(self) -> ComposeResult:
        options = []
        for role, name, committed in self.seats:
            label = Text(f"{ROLE_TITLES[role]}", style="bold")
            if name:
                label.append(f" · {name}", style="italic")
            if committed:
                label.append(" · committed this turn", style="green")
            label.append(f"\n  {ROLE_DUTIES[role]}", style="dim")
            options.append(Option(label, id=role))
        with Middle(), Center(), Vertical(id="picker-box"):
            yield Label(Text(clean(f"Join {self.game_title}")), classes="screen-title")
            yield Static("Your name (optional, shown to the facilitator):")
            yield Input(self.officer, placeholder="e.g. Col. Diallo", id="picker-name")
            yield Static("Your seat (Enter to take it):")
            yield OptionList(*options, id="picker-seats")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#picker-seats", OptionList).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.query_one("#picker-seats", OptionList).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.officer = self.query_one("#picker-name", Input).value.strip()
        self.dismiss(event.option.id)

    def action_quit(self) -> None:
        self.app.exit(0)
