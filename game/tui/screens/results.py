"""TurnResultsScreen: what happened after the orders, phase by phase in order, one step per key."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Label, Static

from game.engine import TurnRecord
from game.engine.sides import GREEN, RED
from game.engine.view import ChangeView, TurnView
from game.i18n import N_, _, ngettext, recorded
from game.tui.dialogs.once import DismissOnce
from game.tui.labels import ROLE_TITLES, change_kind, labelled, say_do_text, shown, signed, words
from game.tui.session import PlaySession, seat_view
from game.tui.widgets.footer import Footer

PHASES = (
    ("event", N_("Events and decisions")),
    ("adversary", N_("Adversary: what the armed groups did")),
    ("adjudication", N_("Adjudication: attacks resolved on the tables")),
    ("information", N_("Information: messages landed, narratives, the Say–Do gap")),
    ("assessment", N_("Assessment: presence, activities, threats, the mandate")),
)


def change_line(change: ChangeView) -> Text:
    text = Text("  ")
    text.append(f"{signed(change.delta):>4} " if change.delta else "     ", style="bold")
    text.append(labelled(change_kind(change.kind, change.delta)), style="italic")
    text.append(recorded(change.summary))
    return text


def phase_text(session: PlaySession, record: TurnRecord | TurnView, phase: str) -> Text:
    """One phase of a finished turn as this seat saw it: `record` is the seat's view of the turn,
    or a record naming the turn to look up in the seat's view (the fog applied: engine/view.py)."""
    game = session.game
    seen = record if isinstance(record, TurnView) else seat_view(session).turn_view(record.turn)
    decisions = dict(seen.decisions)
    text = Text()
    if phase == "event":
        for card_id in seen.cards:
            card = game.index.cards.get(card_id)
            text.append(f"  • {shown(card, 'title') if card else card_id}\n")
            if card is not None and card.choice is not None and card_id in decisions:
                option = decisions[card_id]
                label = next((shown(o, "label") for o in card.choice.options if o.id == option), option)
                seat = ROLE_TITLES.get(str(card.choice.role), str(card.choice.role))
                text.append(f"    {labelled(seat, label)}\n", style="italic")
        if not seen.cards:
            text.append(_("  No event card this turn.\n"))
    if phase == "adversary":
        for line in seen.adversary:
            text.append(f"  • {recorded(line)}\n")
        if not seen.adversary:
            text.append(_("  The armed groups held back.\n"))
    changes = [c for c in seen.changes if c.phase == phase and phase != "event"]
    for change in changes:
        text.append_text(change_line(change))
        text.append("\n")
    if phase in ("adjudication", "information") and not changes:
        text.append(_("  Nothing changed.\n"))
    if phase == "adjudication":
        for card_id, told in seen.stories:
            told_line = labelled(shown(game.context().card(card_id), "title"), recorded(told))
            text.append(f"  {told_line}\n", style="bold")
    if phase == "information" and session.seat not in (RED, GREEN):  # the mission's gap: cells do not see it
        text.append(f"  {say_do_text(seen.say, seen.do)}\n", style="bold")
    if phase == "assessment":
        civilians = ngettext(
            "{count} civilian killed", "{count} civilians killed", seen.civilians_killed
        ).format(count=seen.civilians_killed)
        peacekeepers = ngettext(
            "{count} peacekeeper killed", "{count} peacekeepers killed", seen.peacekeepers_killed
        ).format(count=seen.peacekeepers_killed)
        text.append(
            _("\n  This turn: {civilians}, {peacekeepers}.").format(
                civilians=civilians, peacekeepers=peacekeepers
            ),
            style="bold",
        )
        if seen.mandate_outcome:
            outcome = recorded(words(seen.mandate_outcome))
            text.append(_("\n  Mandate renewal: {outcome}").format(outcome=outcome), style="bold")
    return text


class TurnResultsScreen(DismissOnce, Screen[None]):
    """Space or Enter shows the next phase; after the last it goes on to the SITREP.

    Built once per game and refilled with each turn's record (`record` before pushing): a
    mounted screen comes up much faster than a new one.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space,enter", "next", N_("Next phase")),
        Binding("a", "all", N_("Show all")),
        Binding("s,escape", "sitrep", N_("SITREP")),
    ]

    def __init__(self, session: PlaySession, record: TurnRecord | TurnView | None = None):
        super().__init__()
        self.session = session
        self.record = record
        self.filled: TurnRecord | TurnView | None = None  # the record on screen; resuming from Help keeps it
        self.shown = 1

    def compose(self) -> ComposeResult:
        yield Label(id="results-title", classes="screen-title")
        with VerticalScroll(id="results"):
            for phase, __ in PHASES:
                yield Static(classes="phase", id=f"phase-{phase}")
        yield Static(id="results-hint")
        yield Footer()

    def on_screen_resume(self) -> None:
        record = self.record
        if record is None or record is self.filled:
            return
        self.filled = record
        self.query_one("#results-title", Label).update(
            _("Turn {turn} ({month}): what happened").format(turn=record.turn, month=record.month)
        )
        self.shown = 1
        for number, (phase, title) in enumerate(PHASES):
            section = self.query_one(f"#phase-{phase}", Static)
            section.update(
                Text.assemble(
                    (f"{number + 1}. {_(title)}\n", "bold underline"), phase_text(self.session, record, phase)
                )
            )
            section.display = number < self.shown
        scroll = self.query_one("#results", VerticalScroll)
        scroll.scroll_home(animate=False)
        scroll.focus()
        self._hint()

    def _hint(self) -> None:
        more = self.shown < len(PHASES)
        hint = (
            _("Space: next phase · a: show all")
            if more
            else _("Enter: the SITREP, every change with its causes")
        )
        self.query_one("#results-hint", Static).update(Text(hint, style="dim"))

    def action_next(self) -> None:
        if self.shown >= len(PHASES):
            self.dismiss(None)
            return
        section = self.query_one(f"#phase-{PHASES[self.shown][0]}", Static)
        section.display = True
        self.shown += 1
        self._hint()
        self.call_after_refresh(section.scroll_visible)

    def action_all(self) -> None:
        while self.shown < len(PHASES):
            self.action_next()

    def action_sitrep(self) -> None:
        self.dismiss(None)
