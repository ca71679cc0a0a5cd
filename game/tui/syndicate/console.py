"""ConsoleScreen: the facilitator's view of every seat, and every facilitator action."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar, cast

from pydantic import ValidationError
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Label, Static

from game.engine import Game, IllegalOrder
from game.engine import orders as O
from game.record.saves import SaveError
from game.scenario.loader import ScenarioError
from game.syndicate.cards import parse_card, template
from game.syndicate.export import export
from game.syndicate.store import Session as Store
from game.syndicate.store import SessionError
from game.text import clean
from game.tui.dialogs.confirm import ConfirmDialog
from game.tui.labels import ROLE_TITLES
from game.tui.order_menu import order_text
from game.tui.syndicate.forms import CardEditor, DeckDialog, FormDialog
from game.tui.syndicate.widgets import SyndicateBar

if TYPE_CHECKING:
    from game.tui.app import MinusmaApp

OVERRIDE_HELP = (
    "kind: credibility, consent, mandate_support, threat or host_presence. target: a region id "
    "(region/actor for threat; empty for consent and mandate support). delta: -30 to +30. "
    "The reason is mandatory: the debrief shows it beside the number."
)


def _problem(error: Exception) -> str:
    if isinstance(error, IllegalOrder):
        return f"Refused: {error.reason}"
    if isinstance(error, ValidationError):
        first = error.errors()[0]
        field = ".".join(str(p) for p in first["loc"])
        return f"{field}: {first['msg']}" if field else first["msg"]
    if isinstance(error, ScenarioError):
        return "\n".join(str(problem) for problem in error.problems)
    return str(error)


class ConsoleScreen(Screen[None]):
    """Every seat's pending orders and commits on the left; cards and the facilitator's log right."""

    DEFAULT_CSS = """
    #console-body { height: 1fr; }
    #console-seats { width: 1fr; padding: 0 1; }
    #console-log { width: 1fr; padding: 0 1; border-left: vkey $primary-darken-2; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("i", "inject", "Inject card"),
        Binding("n", "new_card", "New card"),
        Binding("h", "hold", "Hold/delay"),
        Binding("o", "override", "Override"),
        Binding("t", "note", "Note"),
        Binding("p", "pause", "Pause/resume"),
        Binding("k", "clock", "Clock"),
        Binding("f", "force", "Force turn"),
        Binding("u", "undo", "Undo"),
        Binding("x", "export", "Export"),
        Binding("escape", "quit", "Quit"),
    ]

    def __init__(self, store: Store, pin: str):
        super().__init__()
        self.store = store
        self.pin = pin
        self.game: Game = store.game()
        self._stamp = store.stamp()

    def compose(self) -> ComposeResult:
        yield SyndicateBar(id="syndicate-bar")
        yield Label(id="console-title", classes="screen-title")
        with Horizontal(id="console-body"):
            with VerticalScroll(id="console-seats"):
                yield Static(id="seats")
            with VerticalScroll(id="console-log"):
                yield Static(id="log")
        yield Footer()

    def on_mount(self) -> None:
        self.refresh_view()

    # --- the picture ----------------------------------------------------------------------------
    def poll(self) -> None:
        """Rebuild the view when anyone changed the session; the clock either way."""
        if not self.query(SyndicateBar):  # not composed yet
            return
        stamp = self.store.stamp()
        if stamp != self._stamp:
            self.refresh_view()
        else:
            self.show_bar()

    def show_bar(self) -> None:
        self.query_one(SyndicateBar).show(
            self.store.status(), self.store.seconds_left(), self.store.paused(), None
        )

    def refresh_view(self) -> None:
        self._stamp = self.store.stamp()
        self.game = game = self.store.game()
        state = game.state
        over = " · game over" if game.is_over() else ""
        self.query_one("#console-title", Label).update(
            Text(clean(f"Facilitator · {game.scenario.title} · turn {state.turn} ({state.month}){over}"))
        )
        self.show_bar()
        self.query_one("#seats", Static).update(self._seats_text())
        self.query_one("#log", Static).update(self._log_text())

    def _seats_text(self) -> Text:
        game, names = self.game, self.store.names()
        pending = game.pending_orders()
        text = Text("Seats and their pending orders\n", style="bold underline")
        for seat in self.store.status():
            name = f" ({clean(names[seat.role])})" if names.get(seat.role) else ""  # typed by a player
            mark = ("✓ committed", "bold green") if seat.committed else ("… giving orders", "yellow")
            text.append(f"\n{ROLE_TITLES[seat.role]}{name}  ", style="bold")
            text.append(*mark)
            mine = [o for o in pending if O.order_role(o, game.context()) == seat.role]
            for order in mine:
                text.append(f"\n  • {order_text(game, order)}")
            if not mine:
                text.append("\n  (no order yet)", style="dim")
            for choice in state_choices(game, seat.role):
                text.append(f"\n  ? {choice}", style="italic")
        return text

    def _log_text(self) -> Text:
        game, state = self.game, self.game.state
        ctx = game.context()
        text = Text("This turn's cards\n", style="bold underline")
        for card_id in state.current.cards:
            text.append(f"  • {clean(ctx.card(card_id).title)}\n")
        if not state.current.cards:
            text.append("  none\n", style="dim")
        if state.held_cards:
            text.append("\nHeld back or delayed\n", style="bold underline")
            for card_id, until in state.held_cards.items():
                title = game.index.cards[card_id].title if card_id in game.index.cards else card_id
                text.append(f"  • {clean(title)}: {'for good' if until == 'never' else 'to ' + until}\n")
        text.append("\nFacilitator's log (replayed, in the debrief)\n", style="bold underline")
        count = 0
        for _, turn, role, order, withdrawn in self.store.log():
            if role == O.FACILITATOR and not withdrawn:
                count += 1
                text.append(f"  T{turn}: {clean(O.describe(order, self.game.context()))}\n")
        for turn, note in self.store.debrief_notes().items():
            count += 1
            text.append(f"  T{turn} (note added later): {clean(note)}\n")
        if not count:
            text.append("  nothing yet\n", style="dim")
        return text

    # --- actions --------------------------------------------------------------------------------
    def _give(self, order: O.Order) -> str | None:
        try:
            self.store.give(O.FACILITATOR, order, pin=self.pin)
        except (IllegalOrder, SessionError) as error:
            return _problem(error)
        self.refresh_view()
        self.notify(O.describe(order, self.game.context()), title="Recorded")
        return None

    def _form(
        self, title: str, fields: list[tuple[str, str, str]], submit, help: str = "", ok: str = "OK"
    ) -> None:
        self.app.push_screen(FormDialog(title, fields, submit, help, ok))

    def _deck(self, title: str, unplayed: bool, then: Callable[[str], None]) -> None:
        played = self.game.state.played_card_ids()
        cards = [
            (
                card.id,
                f"{card.title} · {card.kind}{' ' + card.date if card.date else ''}"
                + (" · played" if card.id in played else ""),
            )
            for card in self.game.scenario.cards
            if not unplayed or card.id not in played
        ]
        self.app.push_screen(DeckDialog(title, cards), lambda card_id: then(card_id) if card_id else None)

    def action_inject(self) -> None:
        def chosen(card_id: str) -> None:
            problem = self._give(O.InjectCard(card_id=card_id))
            if problem:
                self.notify(problem, title="Not injected", severity="error", timeout=8)

        self._deck("Inject a card of the deck now", False, chosen)

    def action_new_card(self) -> None:
        def submit(text: str) -> str | None:
            try:
                card = parse_card(text, self.game.scenario)
                order = O.InjectCard(card=card)
            except (ScenarioError, ValidationError) as error:
                return _problem(error)
            return self._give(order)

        self.app.push_screen(CardEditor(template(self.game.scenario), submit))

    def action_hold(self) -> None:
        def chosen(card_id: str) -> None:
            def submit(values: dict[str, str]) -> str | None:
                try:
                    order = O.HoldCard(card=card_id, until=values["until"].strip() or None)
                except ValidationError:
                    return "The month is written YYYY-MM, e.g. 2019-06 (empty: hold back for good)."
                return self._give(order)

            title = self.game.index.cards[card_id].title
            self._form(
                f"Hold back or delay: {title}",
                [("until", "Delay to month (YYYY-MM); empty holds it back for good", "")],
                submit,
            )

        self._deck("Hold back or delay a card of the deck", True, chosen)

    def action_override(self) -> None:
        def submit(values: dict[str, str]) -> str | None:
            if len(values["reason"].strip()) < 5:
                return (
                    "A reason is mandatory (at least 5 characters): the debrief shows it beside the number."
                )
            try:
                delta = int(values["delta"])
            except ValueError:
                return "delta: a whole number from -30 to +30"
            try:
                order = O.OverrideResult.model_validate(
                    {
                        "kind": values["kind"].strip(),
                        "target": values["target"].strip(),
                        "delta": delta,
                        "reason": values["reason"].strip(),
                    }
                )
            except ValidationError as error:
                return _problem(error)
            return self._give(order)

        region = self.game.index.region_order[0]
        fields = [
            ("kind", "Kind", "credibility"),
            ("target", "Target", region),
            ("delta", "Delta", "5"),
            ("reason", "Reason (mandatory)", ""),
        ]
        self._form("Override an adjudication result", fields, submit, OVERRIDE_HELP, ok="Override")

    def action_note(self) -> None:
        current = self.game.state.turn

        def submit(values: dict[str, str]) -> str | None:
            try:
                turn = int(values["turn"])
            except ValueError:
                return "turn: a turn number"
            text = values["text"].strip()
            if not text:
                return "The note is empty."
            if turn == current:
                return self._give(O.FacilitatorNote(text=text))
            try:
                self.store.add_debrief_note(self.pin, turn, text)
            except SessionError as error:
                return str(error)
            self.refresh_view()
            return None

        self._form(
            "A note for the debrief",
            [("turn", "Turn", str(current)), ("text", "Note", "")],
            submit,
            "This turn's notes go into the turn's log; notes on earlier turns go beside it.",
        )

    def action_pause(self) -> None:
        paused = self.store.paused()
        try:
            self.store.set_paused(self.pin, not paused)
        except SessionError as error:
            self.notify(str(error), severity="error")
            return
        self.notify("Resumed: seats can give orders and commit." if paused else "Paused: seats wait.")
        self.refresh_view()

    def action_clock(self) -> None:
        running = self.store.seconds_left() is not None

        def submit(values: dict[str, str]) -> str | None:
            try:
                minutes = float(values["minutes"])
                if running:
                    self.store.extend_clock(self.pin, minutes)
                else:
                    self.store.start_clock(self.pin, minutes)
            except ValueError:
                return "minutes: a number, e.g. 10"
            except SessionError as error:
                return str(error)
            self.refresh_view()
            return None

        if running:
            self._form(
                "Extend this turn's clock", [("minutes", "Minutes to add (negative: take away)", "5")], submit
            )
        else:
            self._form("Start a clock for this turn's orders", [("minutes", "Minutes", "15")], submit)

    def action_force(self) -> None:
        waiting = [ROLE_TITLES[s.role] for s in self.store.status() if not s.committed]
        detail = f"Not committed yet: {', '.join(waiting)}." if waiting else "Every seat has committed."

        def answered(yes: bool | None) -> None:
            if not yes:
                return
            try:
                self.store.force_resolution(self.pin)
            except SessionError as error:
                self.notify(str(error), severity="error")
                return
            self.notify("The turn is resolved.", title="Turn forced")
            self.refresh_view()

        self.app.push_screen(
            ConfirmDialog(f"Resolve turn {self.game.state.turn} now?", detail, yes="Resolve"), answered
        )

    def action_undo(self) -> None:
        turn = self.game.state.turn
        mine = [
            (oid, order)
            for oid, t, role, order, withdrawn in self.store.log()
            if role == O.FACILITATOR and t == turn and not withdrawn
        ]
        if not mine:
            self.notify("No facilitator action of this turn to undo.", severity="warning")
            return
        oid, order = mine[-1]

        def answered(yes: bool | None) -> None:
            if not yes:
                return
            try:
                self.store.withdraw(O.FACILITATOR, oid, pin=self.pin)
            except SessionError as error:
                self.notify(str(error), severity="error")
                return
            self.notify(f"Undone: {O.describe(order, self.game.context())}", title="Undone")
            self.refresh_view()

        detail = "It leaves the log and the debrief; later actions that no longer fit drop out."
        self.app.push_screen(
            ConfirmDialog(f"Undo: {O.describe(order, self.game.context())}?", detail, yes="Undo"), answered
        )

    def action_export(self) -> None:
        default = str(self.store.path.with_suffix(".save"))

        def submit(values: dict[str, str]) -> str | None:
            try:
                path = export(self.store, Path(values["file"].strip() or default))
            except (SaveError, SessionError) as error:
                return str(error)
            self.notify(f"Wrote {path}: minusma replay / minusma report read it.", title="Exported")
            return None

        self._form("Export the game to a save file", [("file", "File", default)], submit, ok="Export")

    def action_quit(self) -> None:
        cast("MinusmaApp", self.app).action_leave()


def state_choices(game: Game, role: str) -> list[str]:
    """Card decisions this seat has still to take."""
    ctx = game.context()
    return [
        f"decision awaited: {ctx.card(choice.card).title}"
        for choice in game.state.choices
        if choice.role == role and choice.decided is None
    ]
