"""GlossaryScreen: the game's terms and acronyms, searchable, over whatever screen is open (g)."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from game.i18n import N_, _
from game.tui.dialogs.once import DismissOnce
from game.tui.glossary import Term, search


class GlossaryScreen(DismissOnce, ModalScreen[None]):
    """Type to search; ↑↓ choose a term; Escape closes."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", N_("Close")),
        Binding("down", "to_list", N_("Terms"), show=False),
    ]

    def __init__(self, query: str = "") -> None:
        super().__init__()
        self.query_text = query
        self.terms: list[Term] = []

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="glossary"):
            yield Label(_("Glossary: terms and acronyms"), classes="dialog-title")
            yield Input(
                self.query_text, placeholder=_("Search (e.g. TOB, warning, P2)"), id="glossary-search"
            )
            yield OptionList(id="glossary-terms")
            with VerticalScroll(id="glossary-scroll"):
                yield Static(id="glossary-meaning")
            yield Static(Text(_("Type to search · ↓ the list · Escape: close"), style="dim"))

    def on_mount(self) -> None:
        self.show_terms(self.query_text)
        self.query_one(Input).focus()

    def show_terms(self, query: str) -> None:
        self.terms = search(query)
        listing = self.query_one(OptionList)
        listing.clear_options()
        listing.add_options([Option(Text(term.term), id=str(n)) for n, term in enumerate(self.terms)])
        if self.terms:
            listing.highlighted = 0
        self.describe(self.terms[0] if self.terms else None)

    def describe(self, term: Term | None) -> None:
        meaning = self.query_one("#glossary-meaning", Static)
        if term is None:
            meaning.update(_("No term matches; try fewer letters."))
            return
        text = Text(term.term, style="bold")
        text.append(f"\n{term.meaning}", style="not bold")
        if term.rule:
            text.append("\n" + _("Rulebook {section} (F1).").format(section=term.rule), style="dim")
        meaning.update(text)

    @on(Input.Changed, "#glossary-search")
    def _searched(self, event: Input.Changed) -> None:
        self.show_terms(event.value)

    @on(Input.Submitted, "#glossary-search")
    def _submitted(self) -> None:
        self.action_to_list()

    @on(OptionList.OptionHighlighted, "#glossary-terms")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self.describe(self.terms[int(event.option.id or 0)])

    def action_to_list(self) -> None:
        self.query_one(OptionList).focus()

    def action_close(self) -> None:
        self.dismiss(None)
